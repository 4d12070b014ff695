import type { BoardSession } from '../sync/session';
import { useControl } from './useControl';
import { useIsInterviewer } from './useInterviewerRole';

/**
 * Who may see a case study's worked answer (Compare with reference, the case-study notes, Review):
 * the interviewer always; on a board that is not an interview board, everyone; on an interview
 * board, everyone else only once the interviewer has ended the interview and revealed it. The
 * server applies the same rule to GET /api/boards/<id>/reference, so hiding here is for the page:
 * what is hidden was never sent.
 */
export function maySeeReference({ interviewer, interview, revealed }: { interviewer: boolean; interview: boolean; revealed: boolean }): boolean {
  return interviewer || !interview || revealed;
}

/** maySeeReference for this person on this board, kept current as the control room changes. */
export function useMaySeeReference(session: Pick<BoardSession, 'boardId' | 'token' | 'access'>): boolean {
  const control = useControl(session);
  const interviewer = useIsInterviewer(session);
  return maySeeReference({ interviewer, interview: control.interview !== null, revealed: control.revealed });
}
