import { useParticipantRole } from '../collab/useBoardAccess';
import type { BoardSession } from '../sync/session';

/** Whether this person sees the interviewer's private side: the server says their link is the interviewer's. */
export function useIsInterviewer(session: Pick<BoardSession, 'access'>): boolean {
  return useParticipantRole(session) === 'interviewer';
}
