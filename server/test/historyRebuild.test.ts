import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AUTO_MOMENT_MS, History, autoMoments, controlMarks } from '../history/history';
import { EMPTY_STATE, roomHistory, stateAt } from '../history/rebuild';
import type { HistoryEntry } from '../history/types';
import { RateLimitedLog } from '../limits';
import { createLogger } from '../log';
import { MemoryHistory } from './fakes';
import { deepValueUpdate } from './poison';

/** Entries recorded from a document's own updates, one per transaction, at the given times. */
function record(doc: Y.Doc, steps: Array<[at: number, change: () => void]>, firstSeq = 1): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  let at = 0;
  doc.on('update', (update: Uint8Array) => entries.push({ seq: firstSeq + entries.length, at, clientId: doc.clientID, name: null, update }));
  for (const [when, change] of steps) {
    at = when;
    doc.transact(change);
  }
  return entries;
}

const log = new RateLimitedLog(createLogger('silent'), 10, undefined, null);

describe('history rebuild', () => {
  it('reads timer starts and pauses, step changes and the reveal from the control room', () => {
    const doc = new Y.Doc();
    const control = doc.getMap('control');
    const timer = (startedAt: number | null) => control.set('timer', { durationMs: 2_700_000, startedAt, elapsedBeforeMs: 0 });
    const entries = record(doc, [
      [1_000, () => (control.set('interview', { title: 'Feed', prompt: 'p', durationMs: 2_700_000 }), timer(null), control.set('step', 0), control.set('revealed', false))],
      [2_000, () => timer(2_000)],
      [3_000, () => control.set('step', 1)],
      [4_000, () => timer(null)],
      [5_000, () => control.set('step', 1)],
      [6_000, () => (timer(6_000), control.set('step', 2))],
      [7_000, () => control.set('revealed', true)],
    ]);
    expect(controlMarks(roomHistory(entries, []))).toEqual([
      { at: 2_000, kind: 'timer-start' },
      { at: 3_000, kind: 'step', step: 1 },
      { at: 4_000, kind: 'timer-pause' },
      { at: 6_000, kind: 'timer-start' },
      { at: 6_000, kind: 'step', step: 2 },
      { at: 7_000, kind: 'reveal' },
    ]);
  });

  it('makes one automatic moment per window of activity, at its last update', () => {
    const doc = new Y.Doc();
    const map = doc.getMap('nodes');
    const t0 = 1_700_000_000_000;
    const entries = record(
      doc,
      [t0, t0 + 1_000, t0 + AUTO_MOMENT_MS - 1, t0 + AUTO_MOMENT_MS + 5, t0 + 3 * AUTO_MOMENT_MS].map((at, i) => [at, () => map.set(`n${i}`, i)]),
    );
    expect(
      autoMoments(
        roomHistory(entries, []).base.at,
        entries.map((e) => e.at),
      ).map((m) => m.at),
    ).toEqual([t0 + AUTO_MOMENT_MS - 1, t0 + AUTO_MOMENT_MS + 5, t0 + 3 * AUTO_MOMENT_MS]);
  });

  it('starts from the empty document, or from the oldest snapshot the entries continue', () => {
    const doc = new Y.Doc();
    const map = doc.getMap('nodes');
    const entries = record(
      doc,
      [1, 2, 3, 4, 5, 6].map((at) => [at * 10, () => map.set(`n${at}`, at)]),
    );
    const through = (seq: number) => ({ seq, at: seq * 10, state: stateAt(roomHistory(entries, []), { seq }) });
    expect(roomHistory(entries, [through(3)]).base).toMatchObject({ seq: 0, at: 10, state: EMPTY_STATE });
    // Folded through 4; a stray older snapshot (an interrupted fold) is ignored.
    const folded = roomHistory(entries.slice(4), [through(2), through(4)]);
    expect(folded.base.seq).toBe(4);
    expect(folded.entries.map((e) => e.seq)).toEqual([5, 6]);
    // Everything folded: the newest snapshot.
    expect(roomHistory([], [through(2), through(6)]).base.seq).toBe(6);
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, stateAt(folded, { at: 50 }));
    expect(rebuilt.getMap('nodes').toJSON()).toEqual({ n1: 1, n2: 2, n3: 3, n4: 4, n5: 5 });
  });

  it('skips a stored update that cannot be applied, as loading the board does', () => {
    const doc = new Y.Doc();
    const map = doc.getMap('nodes');
    const entries = record(
      doc,
      [1, 2].map((at) => [at, () => map.set(`n${at}`, at)]),
    );
    const other = new Y.Doc();
    other.getMap('nodes').set('orphan', 1);
    other.getMap('nodes').set('orphan', 2);
    // Garbage, and an update whose first half the history never had (it would stay pending).
    const broken = [
      new Uint8Array([1, 2, 3, 250, 250]),
      Y.encodeStateAsUpdate(
        other,
        Y.encodeStateVector(
          (() => {
            const d = new Y.Doc();
            d.clientID = other.clientID;
            d.getMap('nodes').set('orphan', 1);
            return d;
          })(),
        ),
      ),
    ];
    const poisoned = [entries[0]!, ...broken.map((update, i) => ({ ...entries[0]!, seq: 2 + i, update })), { ...entries[1]!, seq: 4 }];
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, stateAt(roomHistory(poisoned, []), {}));
    expect(rebuilt.getMap('nodes').toJSON()).toEqual({ n1: 1, n2: 2 });
    expect(rebuilt.store.pendingStructs).toBeNull();
  });

  it('serves and rebuilds a poisoned stored update as the load path reads it: its offending value removed, the rest kept', async () => {
    const store = new MemoryHistory();
    const history = new History(store, { snapshotEveryUpdates: 1_000, snapshotEveryMs: 60_000, retentionMs: 86_400_000, log });
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => store.append('r', [{ at: 1, clientId: doc.clientID, name: null, update }]));
    doc.getMap('nodes').set('a', 1);
    // Stored by an older server: a value nested 100 000 arrays deep (applying it overflows the stack).
    store.append('r', [{ at: 2, clientId: 666_666, name: null, update: deepValueUpdate(100_000) }]);
    doc.getMap('nodes').set('b', 2);
    const kept = await history.load('r');
    expect(kept.entries).toHaveLength(3);
    expect(kept.entries[1]!.update.length).toBeLessThan(1_000);
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, (await history.stateAt('r', 10))!);
    expect(rebuilt.getMap('nodes').toJSON()).toEqual({ a: 1, b: 2 });
    expect(rebuilt.getMap('meta').get('poison')).toBeUndefined();
  });

  it('folds what retention lets go into the base and keeps checkpoints beyond it', async () => {
    const store = new MemoryHistory();
    let now = 1_000_000;
    const history = new History(store, { snapshotEveryUpdates: 1_000, snapshotEveryMs: 60_000, retentionMs: 10_000, log, now: () => now });
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => store.append('r', [{ at: now, clientId: 7, name: 'Ada', update }]));
    doc.getMap('nodes').set('a', 1);
    const checkpoint = await history.checkpoint('r', 'first', 'Ada');
    now += 5_000;
    doc.getMap('nodes').set('b', 2);
    now += 20_000;
    doc.getMap('nodes').set('c', 3);
    // Its room unloads: the upkeep folds what is older than the retention.
    history.noteStored('r', 1);
    history.roomUnloaded('r');
    await history.idle();
    const kept = await history.load('r');
    expect(kept.base.at).toBe(1_005_000);
    expect(kept.entries.map((e) => e.at)).toEqual([1_025_000]);
    const latest = new Y.Doc();
    Y.applyUpdate(latest, (await history.stateAt('r', now))!);
    expect(latest.getMap('nodes').toJSON()).toEqual({ a: 1, b: 2, c: 3 });
    expect(await history.stateAt('r', 1_000_001)).toBeNull();
    const atCheckpoint = new Y.Doc();
    Y.applyUpdate(atCheckpoint, (await history.stateAt('r', checkpoint.at))!);
    expect(atCheckpoint.getMap('nodes').toJSON()).toEqual({ a: 1 });
  });
});
