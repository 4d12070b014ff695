import { rememberAccess } from '../sync/access';
import { keepBoardToken, markLocalBoard } from '../sync/boardTokens';
import { isBoardId, newBoardId } from '../shared/boardId';

export interface CreatedBoard {
  boardId: string;
  /** The interviewer token (the creator holds every right); absent when the board is local only. */
  token?: string;
  /** True when the server could not be reached: the board lives in this browser only. */
  local: boolean;
}

/**
 * Asks the server for a new board and its tokens, and keeps the creator's token in this browser
 * (../collab/boardTokens.ts). When no server answers (the app served by `vite` alone, or offline)
 * the id is made here and the board is kept in this browser only.
 */
export async function createBoard(): Promise<CreatedBoard> {
  try {
    const response = await fetch('/api/boards', { method: 'POST', headers: { Accept: 'application/json' } });
    if (response.ok) {
      const body = (await response.json()) as { boardId?: unknown; tokens?: { interviewer?: unknown } };
      if (typeof body.boardId === 'string' && isBoardId(body.boardId) && typeof body.tokens?.interviewer === 'string') {
        keepBoardToken(body.boardId, body.tokens.interviewer);
        // The creator's token is the interviewer's: known at once, even offline later.
        rememberAccess(body.boardId, body.tokens.interviewer, { role: 'interviewer', readOnly: false, interview: false });
        return { boardId: body.boardId, token: body.tokens.interviewer, local: false };
      }
    }
  } catch {
    // Network error: fall through to a local board.
  }
  const boardId = newBoardId();
  markLocalBoard(boardId);
  return { boardId, local: true };
}
