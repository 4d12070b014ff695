import * as Y from 'yjs';
import { z } from '../zod';
import { FRAMEWORK_STEPS } from '../catalog/frameworkSteps';
import { IDLE_TIMER, parseTimer, paused, reset, started, withDuration, type TimerState } from './timer';

/**
 * The interview's control state: its own Y.Doc in room `<boardId>.control`, which every role reads
 * and the server lets only the interviewer token write (an update from any other connection is
 * dropped there). React-free: the server reads it too (server/controlRoom.ts). docs/FORMAT.md:
 *
 *   control: Y.Map, every key one plain value replaced whole (last writer wins)
 *     interview:  {templateId?, title, prompt, createdAt}   absent: the board is not an interview board
 *     timer:      {durationMs, startedAt, elapsedBeforeMs}   ./timer.ts
 *     step:       number, 0..6                               the framework step the interviewer moved to
 *     revealed:   boolean, revealedAt: epoch ms              "End interview and reveal"
 *     reviewVisibleToCandidate: boolean                      the Review panel during the interview
 *
 * Plain values only (no nested shared types), so nothing needs seeding and every change is one
 * key's new value, which the history reads as the interview's marks.
 */
export const CONTROL_MAP = 'control';

export const InterviewSetupSchema = z.strictObject({
  templateId: z.optional(z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/), z.maxLength(100))),
  title: z.string().check(z.minLength(1), z.maxLength(200)),
  prompt: z.string().check(z.minLength(1), z.maxLength(4_000)),
  createdAt: z.int().check(z.nonnegative()),
});
export type InterviewSetup = z.infer<typeof InterviewSetupSchema>;

export interface ControlState {
  /** Null on a board that is not an interview board. */
  interview: InterviewSetup | null;
  timer: TimerState;
  step: number;
  revealed: boolean;
  revealedAt: number | null;
  reviewVisibleToCandidate: boolean;
}

export const LAST_STEP = FRAMEWORK_STEPS.length - 1;

export const IDLE_CONTROL: ControlState = {
  interview: null,
  timer: IDLE_TIMER,
  step: 0,
  revealed: false,
  revealedAt: null,
  reviewVisibleToCandidate: false,
};

export function controlMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(CONTROL_MAP);
}

/** The control state of a document; anything malformed (a hostile or future writer) reads as its default. */
export function readControl(doc: Y.Doc): ControlState {
  const map = controlMap(doc);
  const setup = InterviewSetupSchema.safeParse(map.get('interview'));
  const step = map.get('step');
  const revealedAt = map.get('revealedAt');
  return {
    interview: setup.success ? setup.data : null,
    timer: parseTimer(map.get('timer')),
    step: typeof step === 'number' && Number.isInteger(step) ? Math.min(LAST_STEP, Math.max(0, step)) : 0,
    revealed: map.get('revealed') === true,
    revealedAt: typeof revealedAt === 'number' && Number.isFinite(revealedAt) ? revealedAt : null,
    reviewVisibleToCandidate: map.get('reviewVisibleToCandidate') === true,
  };
}

/** The control state of a stored room (the server's view); null state reads as an ordinary board. */
export function readControlState(state: Uint8Array | null): ControlState {
  if (!state) return IDLE_CONTROL;
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return readControl(doc);
  } finally {
    doc.destroy();
  }
}

/** The first state of an interview board's control room, as one update (the server stores it at creation). */
export function newInterviewControl(setup: InterviewSetup, durationMs: number): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      const map = controlMap(doc);
      map.set('interview', { ...setup });
      map.set('timer', { ...withDuration(IDLE_TIMER, durationMs) });
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

// ---- changes: each one a transaction with the writer's origin ----------------------------------

export type ControlChange = (state: ControlState, now: number) => Partial<Record<ControlKey, unknown>> | null;
type ControlKey = 'interview' | 'timer' | 'step' | 'revealed' | 'revealedAt' | 'reviewVisibleToCandidate';

/** Applies a change computed from the current state; returns whether anything was written. */
export function applyControlChange(doc: Y.Doc, origin: unknown, change: ControlChange, now = Date.now()): boolean {
  const values = change(readControl(doc), now);
  if (!values || Object.keys(values).length === 0) return false;
  doc.transact(() => {
    const map = controlMap(doc);
    for (const [key, value] of Object.entries(values)) map.set(key, value);
  }, origin);
  return true;
}

const timerChange =
  (fn: (timer: TimerState, now: number) => TimerState): ControlChange =>
  (state, now) => {
    const next = fn(state.timer, now);
    return next === state.timer ? null : { timer: { ...next } };
  };

export const startTimer = timerChange((t, now) => started(t, now));
export const pauseTimer = timerChange((t, now) => paused(t, now));
export const resetTimer = timerChange((t) => reset(t));
export const setDuration = (durationMs: number) => timerChange((t) => withDuration(t, durationMs));
/** More time for the interview (or less, with a negative amount), never below one minute. */
export const extendTimer = (ms: number) => timerChange((t) => withDuration(t, Math.max(60_000, t.durationMs + ms)));

export const setStep =
  (step: number): ControlChange =>
  (state) => {
    const next = Math.min(LAST_STEP, Math.max(0, Math.trunc(step)));
    return next === state.step ? null : { step: next };
  };
export const nextStep: ControlChange = (state, now) => setStep(state.step + 1)(state, now);

/** Ends the interview: the timer stops and the answer, reference and Review unlock for everyone. */
export const reveal: ControlChange = (state, now) =>
  state.revealed ? null : { revealed: true, revealedAt: now, ...(state.timer.startedAt !== null ? { timer: { ...paused(state.timer, now) } } : {}) };

export const setReviewVisible =
  (visible: boolean): ControlChange =>
  (state) =>
    state.reviewVisibleToCandidate === visible ? null : { reviewVisibleToCandidate: visible };

/** Makes this board an interview board (from the board's menu), with the case and its length. */
export const markInterview =
  (setup: Omit<InterviewSetup, 'createdAt'>, durationMs: number): ControlChange =>
  (state, now) =>
    state.interview ? null : { interview: InterviewSetupSchema.parse({ ...setup, createdAt: now }), timer: { ...withDuration(reset(state.timer), durationMs) } };

/**
 * Who may see a case study's worked answer (its diagram, notes, Compare, Review): the interviewer
 * always; on a board that is not an interview board, everyone; on an interview board, everyone else
 * only once the interviewer has ended the interview and revealed it. The server answers template
 * diagrams and the reference by this rule; the page hides by it what was never sent.
 */
export function maySeeReference({ interviewer, interview, revealed }: { interviewer: boolean; interview: boolean; revealed: boolean }): boolean {
  return interviewer || !interview || revealed;
}
