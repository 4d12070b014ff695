import { useEffect, useState } from 'react';
import type { BoardSession } from '../sync/session';
import type { BoardFile } from '../shared/format';
import { parseBoardValue } from '../shared/parseBoard';
import { TemplateInfoSchema, type SharedTemplateInfo } from '../shared/templateInfo';
import { z } from '../shared/zod';

/**
 * The worked answer of the board's case study, from GET /api/boards/<id>/reference: the reference
 * diagram, the case-study notes (clarifying answers, framing, metrics, step notes) and, for the
 * interviewer, the follow-up questions. The server answers only those who may see it now (the
 * interviewer; everyone on a board that is not an interview board or once the interview is
 * revealed), so nothing of it reaches a candidate's browser before the reveal.
 */
export interface Reference {
  templateId: string;
  title: string;
  board: BoardFile;
  info: SharedTemplateInfo;
  followUps?: string[];
}

export type ReferenceResult =
  | { status: 'loading' }
  | { status: 'ok'; reference: Reference }
  /** not_revealed, no_reference, bad_token... from the server; null when it could not be reached. */
  | { status: 'error'; reason: string | null; error: string };

const InfoSchema = z.omit(TemplateInfoSchema, { followUps: true });

export async function fetchReference(boardId: string, token: string): Promise<Exclude<ReferenceResult, { status: 'loading' }>> {
  let response: Response;
  try {
    response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/reference`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  } catch {
    return { status: 'error', reason: null, error: 'The server cannot be reached: the reference loads when it can.' };
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok) {
    const error = typeof body?.error === 'string' ? body.error : `The server answered ${response.status}.`;
    return { status: 'error', reason: typeof body?.reason === 'string' ? body.reason : null, error };
  }
  const board = parseBoardValue(body?.board);
  const info = InfoSchema.safeParse(body?.info);
  if (!board.ok || !info.success || typeof body?.templateId !== 'string') return { status: 'error', reason: null, error: 'The server sent a reference this app cannot read.' };
  const followUps = Array.isArray(body.followUps) ? body.followUps.filter((q): q is string => typeof q === 'string') : undefined;
  return {
    status: 'ok',
    reference: { templateId: body.templateId, title: typeof body.title === 'string' ? body.title : board.board.title, board: board.board, info: info.data, ...(followUps ? { followUps } : {}) },
  };
}

/**
 * The board's reference while `enabled` (the caller's maySeeReference): asked again when it turns
 * on (the reveal) or the case changes; nothing is asked while it is off.
 */
export function useReference({ boardId, token }: Pick<BoardSession, 'boardId' | 'token'>, enabled: boolean, caseKey: string | undefined): ReferenceResult | null {
  const [result, setResult] = useState<ReferenceResult | null>(null);
  useEffect(() => {
    setResult(null);
    if (!enabled || !token || !caseKey) return;
    let cancelled = false;
    setResult({ status: 'loading' });
    void fetchReference(boardId, token).then((answer) => !cancelled && setResult(answer));
    return () => {
      cancelled = true;
    };
  }, [boardId, token, enabled, caseKey]);
  return result;
}
