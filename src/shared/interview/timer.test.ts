import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyControlChange, controlMap, pauseTimer, readControl, resetTimer, setDuration, startTimer } from './control';
import { elapsedMs, formatClock, stepBudgets, timerView, DEFAULT_DURATION_MS, IDLE_TIMER } from './timer';

const MIN = 60_000;
const T0 = Date.UTC(2025, 0, 1, 10, 0, 0);

/** The timer as the control room holds it (./control.ts), changed as the interviewer's page does. */
const timerOf = (doc: Y.Doc) => readControl(doc).timer;
const start = (doc: Y.Doc, now: number) => applyControlChange(doc, 'me', startTimer, now);
const pause = (doc: Y.Doc, now: number) => applyControlChange(doc, 'me', pauseTimer, now);

describe('timer maths from timestamps', () => {
  it('counts elapsed and remaining time from the start stamp, not from ticks', () => {
    const doc = new Y.Doc();
    expect(timerView(timerOf(doc), T0)).toMatchObject({ phase: 'idle', elapsedMs: 0, remainingMs: 45 * MIN, currentStep: 0 });
    start(doc, T0);
    const view = timerView(timerOf(doc), T0 + 7 * MIN);
    expect(view).toMatchObject({ phase: 'running', elapsedMs: 7 * MIN, remainingMs: 38 * MIN });
    // Clarify (5 min) is over, framing (5 min) runs until 10:00.
    expect(view.currentStep).toBe(1);
    expect(view.stepRemainingMs).toBe(3 * MIN);
    expect(formatClock(view.remainingMs)).toBe('38:00');
  });

  it('pauses and resumes: time while paused does not count', () => {
    const doc = new Y.Doc();
    start(doc, T0);
    pause(doc, T0 + 10 * MIN);
    expect(timerOf(doc)).toEqual({ durationMs: DEFAULT_DURATION_MS, startedAt: null, elapsedBeforeMs: 10 * MIN });
    expect(timerView(timerOf(doc), T0 + 60 * MIN)).toMatchObject({ phase: 'paused', elapsedMs: 10 * MIN });
    start(doc, T0 + 20 * MIN);
    expect(elapsedMs(timerOf(doc), T0 + 25 * MIN)).toBe(15 * MIN);
    // Start while running and pause while paused change nothing.
    start(doc, T0 + 30 * MIN);
    expect(elapsedMs(timerOf(doc), T0 + 30 * MIN)).toBe(20 * MIN);
    applyControlChange(doc, 'me', resetTimer);
    expect(timerOf(doc)).toEqual(IDLE_TIMER);
  });

  it('a participant who joins late computes the same remaining time from the document', () => {
    const doc = new Y.Doc();
    start(doc, T0);
    const late = new Y.Doc();
    Y.applyUpdate(late, Y.encodeStateAsUpdate(doc));
    const now = T0 + 12 * MIN + 30_000;
    expect(formatClock(timerView(timerOf(late), now).remainingMs)).toBe('32:30');
    expect(timerView(timerOf(late), now).remainingMs).toBe(timerView(timerOf(doc), now).remainingMs);
  });

  it('shows the current step by the budgets and the steps that overran without being covered', () => {
    const doc = new Y.Doc();
    start(doc, T0);
    const covered = new Set(['clarify']);
    // 12 minutes in: clarify (0-5) covered, framing (5-10) not: 2 minutes over; data (10-18) is current.
    let view = timerView(timerOf(doc), T0 + 12 * MIN, covered);
    expect(view.currentStep).toBe(2);
    expect(view.overruns).toEqual({ framing: 2 * MIN });
    // Past the end: the last step stays current, the remaining time goes negative.
    view = timerView(timerOf(doc), T0 + 47 * MIN, covered);
    expect(view).toMatchObject({ phase: 'over', currentStep: 6, remainingMs: -2 * MIN });
    expect(formatClock(view.remainingMs)).toBe('+02:00');
    expect(view.overruns.monitoring).toBe(2 * MIN);
  });

  it('scales the step budgets with the duration', () => {
    expect(stepBudgets(45 * MIN).map((b) => b.endMs / MIN)).toEqual([5, 10, 18, 26, 32, 40, 45]);
    expect(stepBudgets(30 * MIN).at(-1)!.endMs).toBe(30 * MIN);
    const doc = new Y.Doc();
    applyControlChange(doc, 'me', setDuration(60 * MIN));
    expect(timerView(timerOf(doc), T0).remainingMs).toBe(60 * MIN);
  });

  it('ignores a malformed timer value and a start stamped in the future', () => {
    const doc = new Y.Doc();
    controlMap(doc).set('timer', { durationMs: 'long', startedAt: '<script>', elapsedBeforeMs: -5 });
    expect(timerOf(doc)).toEqual(IDLE_TIMER);
    controlMap(doc).set('timer', { ...IDLE_TIMER, startedAt: T0 + 5_000 });
    expect(elapsedMs(timerOf(doc), T0)).toBe(0);
  });
});
