import type { BoardSession } from '../sync/session';
import { maySeeReference } from '../shared/interview/control';
import { useControl } from './useControl';
import { useIsInterviewer } from './useInterviewerRole';

/** maySeeReference for this person on this board, kept current as the control room changes. */
export function useMaySeeReference(session: Pick<BoardSession, 'boardId' | 'token' | 'access'>): boolean {
  const control = useControl(session);
  const interviewer = useIsInterviewer(session);
  return maySeeReference({ interviewer, interview: control.interview !== null, revealed: control.revealed });
}
