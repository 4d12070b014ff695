import { boardToken } from '../sync/boardTokens';

/**
 * The token a look-back page (replay, history, debrief) uses: the one in its link (`#token=` or
 * `?token=`), else the one this browser keeps for the board. The link's token wins, so an
 * interviewer who opens a candidate's replay link sees what the candidate would.
 */
export function pageToken(boardId: string, url: URL = new URL(window.location.href)): string | undefined {
  const fromHash = new URLSearchParams(url.hash.replace(/^#/, '')).get('token');
  return fromHash ?? url.searchParams.get('token') ?? boardToken(boardId);
}
