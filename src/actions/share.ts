import { Share2 } from 'lucide-react';
import type { Action } from './types';

/** Share: the board's edit, view-only and interviewer links (src/collab/ShareDialog.tsx). */
export const shareBoard: Action = {
  id: 'share',
  label: 'Share',
  icon: Share2,
  toolbar: 'file',
  enabled: ({ session }) => !!session.token,
  perform: ({ ui }) => ui.openDialog('share'),
};
