import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  applyControlChange,
  controlMap,
  extendTimer,
  IDLE_CONTROL,
  markInterview,
  newInterviewControl,
  nextStep,
  pauseTimer,
  readControl,
  readControlState,
  resetTimer,
  reveal,
  setReviewVisible,
  setStep,
  startTimer,
} from './control';

const setup = { templateId: 'video-recommendation', title: 'Video recommendation', prompt: 'Design it.', createdAt: 1 };

function interviewDoc(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, newInterviewControl(setup, 30 * 60_000));
  return doc;
}

describe('control room state', () => {
  it('an empty or missing room reads as an ordinary board', () => {
    expect(readControl(new Y.Doc())).toEqual(IDLE_CONTROL);
    expect(readControlState(null)).toEqual(IDLE_CONTROL);
  });

  it('a new interview board holds its case and duration', () => {
    const control = readControl(interviewDoc());
    expect(control.interview).toEqual(setup);
    expect(control.timer).toEqual({ durationMs: 30 * 60_000, startedAt: null, elapsedBeforeMs: 0 });
    expect(control.revealed).toBe(false);
  });

  it('malformed values read as their defaults', () => {
    const doc = new Y.Doc();
    const map = controlMap(doc);
    map.set('interview', { title: 42 });
    map.set('timer', 'soon');
    map.set('step', 99);
    map.set('revealed', 'yes');
    map.set('reviewVisibleToCandidate', 1);
    expect(readControl(doc)).toEqual({ ...IDLE_CONTROL, step: 6 });
  });

  it('timer, steps, reveal and review visibility, each one transaction, no-ops write nothing', () => {
    const doc = interviewDoc();
    const updates: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => updates.push(origin));
    expect(applyControlChange(doc, 'me', startTimer, 1_000)).toBe(true);
    expect(applyControlChange(doc, 'me', startTimer, 2_000)).toBe(false);
    expect(applyControlChange(doc, 'me', pauseTimer, 61_000)).toBe(true);
    expect(readControl(doc).timer).toMatchObject({ startedAt: null, elapsedBeforeMs: 60_000 });
    applyControlChange(doc, 'me', extendTimer(5 * 60_000));
    expect(readControl(doc).timer.durationMs).toBe(35 * 60_000);
    applyControlChange(doc, 'me', extendTimer(-100 * 60_000));
    expect(readControl(doc).timer.durationMs).toBe(60_000);
    applyControlChange(doc, 'me', resetTimer);
    expect(readControl(doc).timer).toMatchObject({ startedAt: null, elapsedBeforeMs: 0 });
    applyControlChange(doc, 'me', nextStep);
    applyControlChange(doc, 'me', nextStep);
    expect(readControl(doc).step).toBe(2);
    applyControlChange(doc, 'me', setStep(42));
    expect(readControl(doc).step).toBe(6);
    expect(applyControlChange(doc, 'me', nextStep)).toBe(false);
    applyControlChange(doc, 'me', setReviewVisible(true));
    expect(readControl(doc).reviewVisibleToCandidate).toBe(true);
    expect(updates.every((origin) => origin === 'me')).toBe(true);
  });

  it('the reveal stops a running timer and is stamped once', () => {
    const doc = interviewDoc();
    applyControlChange(doc, 'me', startTimer, 1_000);
    applyControlChange(doc, 'me', reveal, 11_000);
    expect(readControl(doc)).toMatchObject({ revealed: true, revealedAt: 11_000, timer: { startedAt: null, elapsedBeforeMs: 10_000 } });
    expect(applyControlChange(doc, 'me', reveal, 20_000)).toBe(false);
    expect(readControl(doc).revealedAt).toBe(11_000);
  });

  it('markInterview turns an ordinary board into an interview board once', () => {
    const doc = new Y.Doc();
    expect(applyControlChange(doc, 'me', markInterview({ title: 'Spam', prompt: 'Filter it' }, 45 * 60_000), 5)).toBe(true);
    expect(readControl(doc).interview).toEqual({ title: 'Spam', prompt: 'Filter it', createdAt: 5 });
    expect(readControl(doc).timer.durationMs).toBe(45 * 60_000);
    expect(applyControlChange(doc, 'me', markInterview({ title: 'Other', prompt: 'x' }, 60_000))).toBe(false);
  });
});
