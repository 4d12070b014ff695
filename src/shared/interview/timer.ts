import type { FrameworkStepId } from '../catalog/framework';
import { FRAMEWORK_STEPS } from '../catalog/frameworkSteps';

/**
 * The shared interview timer, as data. The document holds when the current run started and how
 * much time had passed before it, never a ticking counter: every participant computes the same
 * elapsed time from the same timestamps, including someone who joins late or reconnects, and a
 * tab asleep in the background cannot fall behind.
 *
 * Timestamps come from the clock of whoever pressed the button, so participants whose clocks
 * disagree see the difference between their clocks (usually well under a second).
 */
export interface TimerState {
  /** Length of the whole interview; step budgets scale with it. */
  durationMs: number;
  /** Epoch milliseconds when the timer was last started or resumed; null while stopped or paused. */
  startedAt: number | null;
  /** Time counted before `startedAt` (the runs before the last pause). */
  elapsedBeforeMs: number;
}

const MINUTE = 60_000;
const TOTAL_MINUTES = FRAMEWORK_STEPS.reduce((sum, step) => sum + step.minutes, 0);
export const DEFAULT_DURATION_MS = TOTAL_MINUTES * MINUTE;
export const DURATION_CHOICES_MIN = [30, 45, 60] as const;

export const IDLE_TIMER: TimerState = { durationMs: DEFAULT_DURATION_MS, startedAt: null, elapsedBeforeMs: 0 };

/** A timer read from the document; anything malformed (an older or hostile client) reads as idle. */
export function parseTimer(value: unknown): TimerState {
  if (!value || typeof value !== 'object') return IDLE_TIMER;
  const { durationMs, startedAt, elapsedBeforeMs } = value as Record<string, unknown>;
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  return {
    durationMs: finite(durationMs) && durationMs > 0 ? durationMs : DEFAULT_DURATION_MS,
    startedAt: finite(startedAt) ? startedAt : null,
    elapsedBeforeMs: finite(elapsedBeforeMs) && elapsedBeforeMs > 0 ? elapsedBeforeMs : 0,
  };
}

export function isRunning(timer: TimerState): boolean {
  return timer.startedAt !== null;
}

export function elapsedMs(timer: TimerState, now: number): number {
  // A start stamped by a clock ahead of ours must not count backwards.
  return timer.elapsedBeforeMs + (timer.startedAt === null ? 0 : Math.max(0, now - timer.startedAt));
}

export function started(timer: TimerState, now: number): TimerState {
  return isRunning(timer) ? timer : { ...timer, startedAt: now };
}

export function paused(timer: TimerState, now: number): TimerState {
  return isRunning(timer) ? { ...timer, startedAt: null, elapsedBeforeMs: elapsedMs(timer, now) } : timer;
}

export function reset(timer: TimerState): TimerState {
  return { durationMs: timer.durationMs, startedAt: null, elapsedBeforeMs: 0 };
}

export function withDuration(timer: TimerState, durationMs: number): TimerState {
  return { ...timer, durationMs };
}

export interface StepBudget {
  id: FrameworkStepId;
  title: string;
  /** Offsets from the start of the interview, scaled to its duration. */
  startMs: number;
  endMs: number;
}

/** Each framework step's slot in an interview of this length, in proportion to its minutes. */
export function stepBudgets(durationMs: number): StepBudget[] {
  let start = 0;
  let minutes = 0;
  return FRAMEWORK_STEPS.map((step) => {
    minutes += step.minutes;
    const end = Math.round((durationMs * minutes) / TOTAL_MINUTES);
    const budget = { id: step.id, title: step.title, startMs: start, endMs: end };
    start = end;
    return budget;
  });
}

export type TimerPhase = 'idle' | 'running' | 'paused' | 'over';

export interface TimerView {
  phase: TimerPhase;
  elapsedMs: number;
  /** Negative once the interview runs over. */
  remainingMs: number;
  /** The step the schedule says the interview should be in now (the last one once time is up). */
  currentStep: number;
  /** Time left in the current step's budget. */
  stepRemainingMs: number;
  /** Steps whose budget has ended without them being marked covered: how far past their end. */
  overruns: Partial<Record<FrameworkStepId, number>>;
}

export function timerView(timer: TimerState, now: number, covered: ReadonlySet<string> = new Set()): TimerView {
  const elapsed = elapsedMs(timer, now);
  const budgets = stepBudgets(timer.durationMs);
  const index = budgets.findIndex((b) => elapsed < b.endMs);
  const currentStep = index === -1 ? budgets.length - 1 : index;
  const overruns: TimerView['overruns'] = {};
  for (const budget of budgets) {
    if (budget.endMs <= elapsed && !covered.has(budget.id)) overruns[budget.id] = elapsed - budget.endMs;
  }
  const remaining = timer.durationMs - elapsed;
  const phase: TimerPhase = remaining <= 0 ? 'over' : isRunning(timer) ? 'running' : elapsed > 0 ? 'paused' : 'idle';
  return { phase, elapsedMs: elapsed, remainingMs: remaining, currentStep, stepRemainingMs: budgets[currentStep]!.endMs - elapsed, overruns };
}

/**
 * mm:ss (or h:mm:ss) for a duration; a countdown shows whole seconds rounded up, so it reads 45:00
 * for the first second and 00:00 only when time is up. Negative durations get a leading "+" (over time).
 */
export function formatClock(ms: number): string {
  const over = ms < 0;
  const total = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const text = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return over ? `+${text}` : text;
}
