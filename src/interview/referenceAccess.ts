import type { ParticipantRole } from '../sync/access';
import { useParticipantRole } from '../collab/useBoardAccess';
import type { BoardBinding } from '../doc/binding';
import type { BoardSession } from '../sync/session';
import { isRunning, timerView, type TimerPhase } from '../shared/interview/timer';
import { useInterview, useNow } from './useInterview';

/**
 * Who may see a case study's reference (the worked answer: Compare with reference, the case-study
 * notes): the interviewer all along; anyone once the interview's time is up; before any interview
 * has started, anyone whose link is not a candidate's (a person practising alone). While the
 * timer runs or is paused, nobody but the interviewer.
 */
export function maySeeReference({ interviewer, phase, role }: { interviewer: boolean; phase: TimerPhase; role: ParticipantRole | null }): boolean {
  return interviewer || phase === 'over' || (phase === 'idle' && role !== 'candidate');
}

/**
 * maySeeReference for this person on this board, kept current as the shared timer moves.
 * `interviewer` is useIsInterviewer's answer, which the caller usually needs for itself too.
 */
export function useMaySeeReference(session: Pick<BoardSession, 'access'>, binding: BoardBinding, interviewer: boolean): boolean {
  const { timer } = useInterview(binding);
  const phase = timerView(timer, useNow(isRunning(timer), 5000)).phase;
  const role = useParticipantRole(session);
  return maySeeReference({ interviewer, phase, role });
}
