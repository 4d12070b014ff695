import { Clapperboard } from 'lucide-react';
import { navigate } from '../app/router';
import type { Action, ActionContext } from './types';

/**
 * The look-back pages of a board, from its "More actions" menu: the replay (src/replay/). They
 * read the history the server keeps, so a board kept in this browser only has none.
 */
export type LookBackPage = 'replay';

export function lookBackPath(boardId: string, page: LookBackPage, token?: string): string {
  return `/b/${boardId}/${page}${token ? `#token=${encodeURIComponent(token)}` : ''}`;
}

const hasServer = ({ session }: ActionContext) => !!session.token;
const localOnly = () => 'This board is kept in this browser only: no server keeps its history.';

export const openReplay: Action = {
  id: 'replay',
  label: 'Replay the session',
  icon: Clapperboard,
  toolbar: 'lookBack',
  enabled: hasServer,
  disabledReason: localOnly,
  perform: ({ session }) => navigate(lookBackPath(session.boardId, 'replay', session.token)),
};
