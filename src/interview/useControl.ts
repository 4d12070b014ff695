import { useMemo, useSyncExternalStore } from 'react';
import type { BoardSession } from '../sync/session';
import * as control from '../shared/interview/control';
import type { InterviewSetup } from '../shared/interview/control';
import { controlRoomFor, type ControlSnapshot } from './controlRoom';
import { useIsInterviewer } from './useInterviewerRole';

type SessionKey = Pick<BoardSession, 'boardId' | 'token'>;
type SessionWithAccess = Pick<BoardSession, 'boardId' | 'token' | 'access'>;

/** The board's control state (timer, step, reveal, Review visibility), re-rendering on changes. */
export function useControl({ boardId, token }: SessionKey): ControlSnapshot {
  const room = controlRoomFor(boardId, token);
  return useSyncExternalStore(room.subscribe, room.getSnapshot);
}

export interface ControlActions {
  start(): boolean;
  pause(): boolean;
  reset(): boolean;
  /** Adds time (or takes it away, with a negative amount). */
  extend(ms: number): boolean;
  setDuration(ms: number): boolean;
  nextStep(): boolean;
  setStep(step: number): boolean;
  /** "End interview and reveal": stops the timer; the answer, reference, Compare and Review open for everyone. */
  reveal(): boolean;
  setReviewVisible(visible: boolean): boolean;
  /** Turns this board into an interview board (the board menu's "Start a mock interview here"). */
  markInterview(setup: Omit<InterviewSetup, 'createdAt'>, durationMs: number): boolean;
}

/**
 * The interviewer's controls, or null for everyone else: the server accepts control-room changes
 * from the interviewer token only, so nobody else is offered them.
 */
export function useControlActions(session: SessionWithAccess): ControlActions | null {
  const interviewer = useIsInterviewer(session);
  const room = controlRoomFor(session.boardId, session.token);
  return useMemo(() => {
    if (!interviewer || !session.token) return null;
    return {
      start: () => room.change(control.startTimer),
      pause: () => room.change(control.pauseTimer),
      reset: () => room.change(control.resetTimer),
      extend: (ms) => room.change(control.extendTimer(ms)),
      setDuration: (ms) => room.change(control.setDuration(ms)),
      nextStep: () => room.change(control.nextStep),
      setStep: (step) => room.change(control.setStep(step)),
      reveal: () => room.change(control.reveal),
      setReviewVisible: (visible) => room.change(control.setReviewVisible(visible)),
      markInterview: (setup, durationMs) => room.change(control.markInterview(setup, durationMs)),
    };
  }, [interviewer, room, session.token]);
}
