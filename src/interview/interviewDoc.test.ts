import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardBinding } from '../doc/binding';
import { editText, pauseTimer, readCovered, readTimer, resetTimer, setCovered, setTimerDuration, startTimer } from './interviewDoc';
import { interviewTypes, metricText, noteText } from '../shared/interviewLayout';
import { diffText } from './textEdit';
import { elapsedMs, formatClock, stepBudgets, timerView, DEFAULT_DURATION_MS, IDLE_TIMER } from '../shared/interview/timer';

const MIN = 60_000;
const T0 = Date.UTC(2025, 0, 1, 10, 0, 0);

/** Two clients syncing through updates, as the WebSocket provider does; the link can drop and come back. */
function connected() {
  const docs = [new Y.Doc(), new Y.Doc()] as const;
  let open = true;
  const held: [Y.Doc, Uint8Array][] = [];
  const relay = (to: Y.Doc) => (update: Uint8Array, origin: unknown) => {
    if (origin === 'remote') return;
    if (open) Y.applyUpdate(to, update, 'remote');
    else held.push([to, update]);
  };
  docs[0].on('update', relay(docs[1]));
  docs[1].on('update', relay(docs[0]));
  return {
    a: new BoardBinding(docs[0]),
    b: new BoardBinding(docs[1]),
    disconnect: () => void (open = false),
    reconnect: () => {
      open = true;
      for (const [to, update] of held.splice(0)) Y.applyUpdate(to, update, 'remote');
    },
  };
}

/** Types `after` into a text the way the notes field does: one minimal edit from what the text holds. */
function typeInto(binding: BoardBinding, text: Y.Text, after: string) {
  const edit = diffText(text.toString(), after);
  if (edit) editText(binding, text, edit);
}

describe('timer maths from timestamps', () => {
  it('counts elapsed and remaining time from the start stamp, not from ticks', () => {
    const binding = new BoardBinding(new Y.Doc());
    const types = binding.openInterview();
    expect(timerView(readTimer(types), T0)).toMatchObject({ phase: 'idle', elapsedMs: 0, remainingMs: 45 * MIN, currentStep: 0 });
    startTimer(binding, types, T0);
    const view = timerView(readTimer(types), T0 + 7 * MIN);
    expect(view).toMatchObject({ phase: 'running', elapsedMs: 7 * MIN, remainingMs: 38 * MIN });
    // Clarify (5 min) is over, framing (5 min) runs until 10:00.
    expect(view.currentStep).toBe(1);
    expect(view.stepRemainingMs).toBe(3 * MIN);
    expect(formatClock(view.remainingMs)).toBe('38:00');
  });

  it('pauses and resumes: time while paused does not count', () => {
    const binding = new BoardBinding(new Y.Doc());
    const types = binding.openInterview();
    startTimer(binding, types, T0);
    pauseTimer(binding, types, T0 + 10 * MIN);
    expect(readTimer(types)).toEqual({ durationMs: DEFAULT_DURATION_MS, startedAt: null, elapsedBeforeMs: 10 * MIN });
    expect(timerView(readTimer(types), T0 + 60 * MIN)).toMatchObject({ phase: 'paused', elapsedMs: 10 * MIN });
    startTimer(binding, types, T0 + 20 * MIN);
    expect(elapsedMs(readTimer(types), T0 + 25 * MIN)).toBe(15 * MIN);
    // Start while running and pause while paused change nothing.
    startTimer(binding, types, T0 + 30 * MIN);
    expect(elapsedMs(readTimer(types), T0 + 30 * MIN)).toBe(20 * MIN);
    resetTimer(binding, types);
    expect(readTimer(types)).toEqual(IDLE_TIMER);
  });

  it('a participant who joins late computes the same remaining time from the document', () => {
    const { a, b } = connected();
    const typesA = a.openInterview();
    startTimer(a, typesA, T0);
    const late = new Y.Doc();
    Y.applyUpdate(late, Y.encodeStateAsUpdate(b.doc));
    const now = T0 + 12 * MIN + 30_000;
    expect(formatClock(timerView(readTimer(interviewTypes(late)), now).remainingMs)).toBe('32:30');
    expect(timerView(readTimer(interviewTypes(b.doc)), now).remainingMs).toBe(timerView(readTimer(typesA), now).remainingMs);
  });

  it('shows the current step by the budgets and the steps that overran without being covered', () => {
    const binding = new BoardBinding(new Y.Doc());
    const types = binding.openInterview();
    startTimer(binding, types, T0);
    setCovered(binding, types, 'clarify', true);
    // 12 minutes in: clarify (0-5) covered, framing (5-10) not: 2 minutes over; data (10-18) is current.
    let view = timerView(readTimer(types), T0 + 12 * MIN, readCovered(types));
    expect(view.currentStep).toBe(2);
    expect(view.overruns).toEqual({ framing: 2 * MIN });
    // Past the end: the last step stays current, the remaining time goes negative.
    view = timerView(readTimer(types), T0 + 47 * MIN, readCovered(types));
    expect(view).toMatchObject({ phase: 'over', currentStep: 6, remainingMs: -2 * MIN });
    expect(formatClock(view.remainingMs)).toBe('+02:00');
    expect(view.overruns.monitoring).toBe(2 * MIN);
  });

  it('scales the step budgets with the duration', () => {
    expect(stepBudgets(45 * MIN).map((b) => b.endMs / MIN)).toEqual([5, 10, 18, 26, 32, 40, 45]);
    expect(stepBudgets(30 * MIN).at(-1)!.endMs).toBe(30 * MIN);
    const binding = new BoardBinding(new Y.Doc());
    const types = binding.openInterview();
    setTimerDuration(binding, types, 60 * MIN);
    expect(timerView(readTimer(types), T0).remainingMs).toBe(60 * MIN);
  });

  it('ignores a malformed timer value and a start stamped in the future', () => {
    const doc = new Y.Doc();
    const types = interviewTypes(doc);
    types.root.set('timer', { durationMs: 'long', startedAt: '<script>', elapsedBeforeMs: -5 });
    expect(readTimer(types)).toEqual(IDLE_TIMER);
    types.root.set('timer', { ...IDLE_TIMER, startedAt: T0 + 5_000 });
    expect(elapsedMs(readTimer(types), T0)).toBe(0);
  });
});

describe('shared notes', () => {
  it('merges what two people type at once into one step note, both texts kept', () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const a = new BoardBinding(docA);
    const b = new BoardBinding(docB);
    // Both open the fresh board before they ever sync: each seeds the interview map on its own.
    const notesA = noteText(a.openInterview(), 'clarify');
    const notesB = noteText(b.openInterview(), 'clarify');
    typeInto(a, notesA, 'QPS 20k');
    typeInto(b, notesB, '500M users');
    typeInto(b, notesB, '500M daily users');
    Y.applyUpdate(docA, Y.encodeStateAsUpdate(docB));
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
    const merged = noteText(interviewTypes(docA), 'clarify').toString();
    expect(noteText(interviewTypes(docB), 'clarify').toString()).toBe(merged);
    expect(merged).toContain('QPS 20k');
    expect(merged).toContain('500M daily users');
    expect(merged.length).toBe('QPS 20k'.length + '500M daily users'.length);
  });

  it('keeps concurrent edits in the middle of a shared text', () => {
    const { a, b, disconnect, reconnect } = connected();
    const text = metricText(a.openInterview(), 'offline');
    typeInto(a, text, 'AUC, recall');
    const textB = metricText(b.openInterview(), 'offline');
    expect(textB.toString()).toBe('AUC, recall');
    // Apart for a moment, both change the same line; then they sync.
    disconnect();
    typeInto(a, text, 'ROC-AUC, recall');
    typeInto(b, textB, 'AUC, recall@500');
    reconnect();
    expect(text.toString()).toBe('ROC-AUC, recall@500');
    expect(textB.toString()).toBe('ROC-AUC, recall@500');
  });

  it('ticks covered steps; undo reverts only this person\'s own notes and ticks, never the timer', () => {
    const { a, b } = connected();
    const typesA = a.openInterview();
    const typesB = b.openInterview();
    typeInto(b, noteText(typesB, 'data'), 'positives: watched > 50%');
    startTimer(a, typesA, T0);
    a.undoManager.stopCapturing();
    setCovered(a, typesA, 'data', true);
    expect(readCovered(typesB)).toEqual(new Set(['data']));
    a.undo();
    expect(readCovered(typesB)).toEqual(new Set());
    expect(a.undoManager.canUndo()).toBe(false);
    expect(noteText(typesA, 'data').toString()).toBe('positives: watched > 50%');
    expect(readTimer(typesB).startedAt).toBe(T0);
  });

  it('refuses every change on a read-only board', () => {
    const binding = new BoardBinding(new Y.Doc());
    const types = binding.openInterview();
    binding.setReadOnly(true);
    expect(editText(binding, noteText(types, 'clarify'), { index: 0, remove: 0, insert: 'x' })).toBe(false);
    expect(setCovered(binding, types, 'clarify', true)).toBe(false);
    expect(startTimer(binding, types, T0)).toBe(false);
    expect(noteText(types, 'clarify').toString()).toBe('');
    expect(readTimer(types)).toEqual(IDLE_TIMER);
  });
});
