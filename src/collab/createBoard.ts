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

/** A mock interview's case: a case study of the gallery or the interviewer's own prompt, and its length. */
export type InterviewRequest = ({ templateId: string } | { prompt: { title: string; text: string } }) & { durationMinutes: number };

type Posted = { ok: true; boardId: string; token: string } | { ok: false; error: string; reachable: boolean };

/**
 * POST /api/boards. The creator's token (the interviewer's: every right) is kept in this browser
 * (../collab/boardTokens.ts), and what it grants is known at once, even offline later.
 */
async function postBoard(interview?: InterviewRequest): Promise<Posted> {
  let response: Response;
  try {
    response = await fetch('/api/boards', {
      method: 'POST',
      headers: { Accept: 'application/json', ...(interview ? { 'Content-Type': 'application/json' } : {}) },
      body: interview ? JSON.stringify({ interview }) : undefined,
    });
  } catch {
    return { ok: false, error: 'The server cannot be reached.', reachable: false };
  }
  const body = (await response.json().catch(() => null)) as { boardId?: unknown; tokens?: { interviewer?: unknown }; error?: unknown } | null;
  if (!response.ok) return { ok: false, error: typeof body?.error === 'string' ? body.error : `The server answered ${response.status}.`, reachable: response.status < 500 };
  if (typeof body?.boardId !== 'string' || !isBoardId(body.boardId) || typeof body.tokens?.interviewer !== 'string') {
    return { ok: false, error: 'The server sent an answer this app cannot read.', reachable: false };
  }
  keepBoardToken(body.boardId, body.tokens.interviewer);
  rememberAccess(body.boardId, body.tokens.interviewer, { role: 'interviewer', readOnly: false, interview: !!interview });
  return { ok: true, boardId: body.boardId, token: body.tokens.interviewer };
}

/**
 * Asks the server for a new board and its tokens. When no server answers (the app served by
 * `vite` alone, or offline) the id is made here and the board is kept in this browser only.
 */
export async function createBoard(): Promise<CreatedBoard> {
  const posted = await postBoard();
  if (posted.ok) return { boardId: posted.boardId, token: posted.token, local: false };
  const boardId = newBoardId();
  markLocalBoard(boardId);
  return { boardId, local: true };
}

/** A new interview board, with its case and length kept by the server; an interview needs the server (its links). */
export async function createInterviewBoard(interview: InterviewRequest): Promise<{ ok: true; boardId: string; token: string } | { ok: false; error: string }> {
  const posted = await postBoard(interview);
  if (posted.ok || posted.reachable) return posted;
  return { ok: false, error: `${posted.error} A mock interview needs the server: its candidate link comes from it.` };
}
