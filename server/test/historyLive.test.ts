import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { History } from '../history/history';
import { stateAt } from '../history/rebuild';
import type { HistoryRecord } from '../history/types';
import { RateLimitedLog } from '../limits';
import { createLogger } from '../log';
import { MemoryHistory } from './fakes';

const log = new RateLimitedLog(createLogger('silent'), 10, undefined, null);
const ADA = { clientId: 1, name: 'Ada' };
const BO = { clientId: 2, name: 'Bo' };
const CY = { clientId: 3, name: 'Cy' };

describe('snapshots taken from the live document', () => {
  it("are the room's document through the append that made them due, with the authors of every entry through it", async () => {
    const store = new MemoryHistory();
    const reads = { entries: 0, snapshot: 0 };
    const { entries, snapshot } = { entries: store.entries.bind(store), snapshot: store.snapshot.bind(store) };
    store.entries = (...args) => (reads.entries++, entries(...args));
    store.snapshot = (...args) => (reads.snapshot++, snapshot(...args));
    let now = 1_000;
    const history = new History(store, { snapshotEveryUpdates: 2, snapshotEveryMs: 60_000, retentionMs: 86_400_000, log, now: () => now });
    // The room's document, each update stored as the room stores it; `elsewhere` writes without the live path (another process).
    const doc = new Y.Doc();
    let author = ADA;
    let elsewhere = false;
    doc.on('update', (update: Uint8Array) => {
      const records: HistoryRecord[] = [{ ...author, at: now, update }];
      const span = store.append('r', records);
      if (!elsewhere) history.noteStored('r', 1, { span, authors: records, doc });
    });
    const nodes = doc.getMap<number>('nodes');
    for (let i = 0; i < 4; i++) {
      author = i % 2 === 0 ? ADA : BO;
      now += 10;
      nodes.set(`n${i}`, i);
    }
    await history.idle();
    // Through entries 2 and 4, from the document: neither a stored snapshot nor an entry read.
    expect(await store.snapshotMarks('r')).toEqual([
      { seq: 2, at: 1_020, authors: [ADA, BO] },
      { seq: 4, at: 1_040, authors: [ADA, BO] },
    ]);
    expect(reads).toEqual({ entries: 0, snapshot: 0 });

    // Cy's entry comes from elsewhere: the next snapshot reads the entries after the last one for their authors.
    author = CY;
    elsewhere = true;
    nodes.set('cy', 5);
    elsewhere = false;
    author = ADA;
    nodes.set('n5', 6);
    nodes.set('n6', 7);
    await history.idle();
    expect((await store.snapshotMarks('r')).at(-1)).toEqual({ seq: 7, at: 1_040, authors: [ADA, BO, CY] });
    expect(reads).toEqual({ entries: 1, snapshot: 0 });

    const whole = await history.load('r');
    for (const { seq, state } of await store.snapshots('r')) {
      const [taken, rebuilt] = [new Y.Doc(), new Y.Doc()];
      Y.applyUpdate(taken, state);
      Y.applyUpdate(rebuilt, stateAt(whole, { seq }));
      expect(taken.getMap('nodes').toJSON()).toEqual(rebuilt.getMap('nodes').toJSON());
    }
  });
});
