import type { BoardBinding } from '../doc/binding';
import { useProfile } from '../collab/profile';
import type { PeopleRole } from '../collab/presence';
import { isRunning, timerView, type TimerPhase } from '../shared/interview/timer';
import { useInterview, useNow } from './useInterview';

/**
 * Who may see a case study's reference (the worked answer: Compare with reference, the case-study
 * notes): the interviewer all along; anyone once the interview's time is up; before any interview
 * has started, anyone who did not say they are a candidate (a person practising alone). While the
 * timer runs or is paused, nobody but the interviewer.
 */
export function maySeeReference({ interviewer, phase, role }: { interviewer: boolean; phase: TimerPhase; role: PeopleRole | undefined }): boolean {
  return interviewer || phase === 'over' || (phase === 'idle' && role !== 'candidate');
}

/**
 * maySeeReference for this person on this board, kept current as the shared timer moves.
 * `interviewer` is useIsInterviewer's answer, which the caller usually needs for itself too.
 */
export function useMaySeeReference(binding: BoardBinding, interviewer: boolean): boolean {
  const { timer } = useInterview(binding);
  const phase = timerView(timer, useNow(isRunning(timer), 5000)).phase;
  const role = useProfile()?.role;
  return maySeeReference({ interviewer, phase, role });
}
