import { keepBoardToken, splitToken } from '../sync/boardTokens';
import { isBoardId } from '../shared/boardId';

/**
 * The board of the page's address and the token a link carries in it, without React: the page's
 * first script (src/app/startEarly.ts) reads them before the rest of the app is fetched.
 */
const BOARD_PATH = /^\/b\/([^/]+)\/?$/;

/** The board id of a /b/<id> path, or null. */
export function boardIdOfPath(pathname: string): string | null {
  const id = BOARD_PATH.exec(pathname)?.[1];
  return id && isBoardId(id) ? id : null;
}

/** Bumped when a token is taken from the address, which may leave the address as it was (same board, new token). */
let claims = 0;

export const tokenClaims = () => claims;

/**
 * Moves a board token from the address (`#token=` or an older link's `?token=`) into this browser's
 * storage for that board and leaves the bare address (see ../sync/boardTokens.ts). Runs before
 * the app first renders and whenever the fragment changes.
 */
export function claimTokenFromAddress(): void {
  const found = splitToken(new URL(window.location.href));
  const boardId = found && boardIdOfPath(found.bare.pathname);
  // Only the board page: a look-back page (/b/<id>/replay) reads its link's token itself.
  if (!found || !boardId) return;
  keepBoardToken(boardId, found.token);
  claims++;
  window.history.replaceState(window.history.state, '', found.bare.pathname + found.bare.search + found.bare.hash);
}
