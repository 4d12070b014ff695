import { describe, expect, it } from 'vitest';
import { UnsyncedEdits } from './unsyncedEdits';

describe('UnsyncedEdits', () => {
  it('counts edits until a request sent after them is answered', () => {
    const edits = new UnsyncedEdits();
    edits.edit();
    edits.edit();
    expect(edits.count).toBe(2);
    expect(edits.uncovered).toBe(true);
    edits.requestSent();
    expect(edits.uncovered).toBe(false);
    edits.edit();
    expect(edits.count).toBe(3);
    edits.answered();
    // The third edit went out after the request: still unconfirmed.
    expect(edits.count).toBe(1);
    expect(edits.uncovered).toBe(true);
  });

  it('answers confirm requests oldest first', () => {
    const edits = new UnsyncedEdits();
    edits.edit();
    edits.requestSent();
    edits.edit();
    edits.edit();
    edits.requestSent();
    edits.answered();
    expect(edits.count).toBe(2);
    edits.answered();
    expect(edits.count).toBe(0);
  });

  it('the request a connection opens with confirms nothing: offline edits follow it', () => {
    const edits = new UnsyncedEdits();
    edits.edit();
    edits.edit();
    edits.requestSent(false);
    edits.answered();
    expect(edits.count).toBe(2);
    expect(edits.uncovered).toBe(true);
    edits.requestSent();
    edits.answered();
    expect(edits.count).toBe(0);
  });

  it('a lost connection drops the requests in flight: their answers never come', () => {
    const edits = new UnsyncedEdits();
    edits.edit();
    edits.requestSent();
    edits.connectionLost();
    expect(edits.uncovered).toBe(true);
    // The next connection's opening request is answered first and confirms nothing.
    edits.requestSent(false);
    edits.answered();
    expect(edits.count).toBe(1);
    edits.requestSent();
    edits.answered();
    expect(edits.count).toBe(0);
  });

  it('an answer with no request in flight changes nothing', () => {
    const edits = new UnsyncedEdits();
    edits.edit();
    edits.answered();
    expect(edits.count).toBe(1);
  });
});
