import { LayoutTemplate } from 'lucide-react';
import type { Action } from './types';

/** Opens the case-study gallery on the board (TemplatesDialog, registered in DIALOGS as 'templates'). */
export const openTemplates: Action = {
  id: 'templates',
  label: 'Templates',
  icon: LayoutTemplate,
  toolbar: 'file',
  perform: ({ ui }) => ui.openDialog('templates'),
};
