import { menuIcon } from './menuIcon';
import { navigate } from '../ui/router';
import type { Action, ActionContext } from './types';

/**
 * Looking back at a board, from its "More actions" menu: the replay page, the version history
 * dialog and the debrief report (src/replay/). They read the history the server keeps, so a board kept in this browser
 * only has none.
 */
export type LookBackPage = 'replay' | 'debrief';

/** The page's path; the token rides in the fragment, which never reaches a server log. */
export function lookBackPath(boardId: string, page: LookBackPage, token?: string, query?: Record<string, string | number>): string {
  const search = query ? `?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}` : '';
  return `/b/${boardId}/${page}${search}${token ? `#token=${encodeURIComponent(token)}` : ''}`;
}

const hasServer = ({ session }: ActionContext) => !!session.token;
const localOnly = () => 'This board is kept in this browser only: no server keeps its history.';

export const openReplay: Action = {
  id: 'replay',
  label: 'Replay the session',
  icon: menuIcon('Clapperboard'),
  toolbar: 'lookBack',
  enabled: hasServer,
  disabledReason: localOnly,
  perform: ({ session }) => navigate(lookBackPath(session.boardId, 'replay')),
};

export const openVersions: Action = {
  id: 'versions',
  label: 'Version history',
  icon: menuIcon('History'),
  toolbar: 'lookBack',
  enabled: hasServer,
  disabledReason: localOnly,
  perform: ({ ui }) => ui.openDialog('versions'),
};

export const openDebrief: Action = {
  id: 'debrief',
  label: 'Debrief report',
  icon: menuIcon('FileText'),
  toolbar: 'lookBack',
  enabled: hasServer,
  disabledReason: localOnly,
  perform: ({ session }) => navigate(lookBackPath(session.boardId, 'debrief')),
};
