import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { History } from '../history/history';
import { startHistorySweep } from '../history/sweep';
import { RateLimitedLog } from '../limits';
import { createLogger } from '../log';
import { LeveldbStorage } from '../storage/leveldb';
import { PostgresStorage } from '../storage/postgres';
import type { DocumentStorage } from '../storage/types';
import { removeDir, tempDir, waitFor } from './harness';
import { DATABASE_URL, dropSchema, scaleOutAvailable, uniqueSchema } from './scaleoutEnv';

/** Retention for boards nobody opens (docs/HISTORY.md), against the real storage of each mode in this process. */
const log = new RateLimitedLog(createLogger('silent'), 10, undefined, null);
const DAY = 86_400_000;
const NOW = 1_000 * DAY;

interface Mode {
  name: string;
  available: boolean;
  open(): Promise<{ storage: DocumentStorage; close(): Promise<void> }>;
}

const MODES: Mode[] = [
  {
    name: 'LevelDB',
    available: true,
    open: async () => {
      const dir = tempDir();
      const storage = await LeveldbStorage.open(dir);
      return { storage, close: async () => (await storage.close(), removeDir(dir)) };
    },
  },
  {
    name: 'PostgreSQL',
    available: scaleOutAvailable,
    open: async () => {
      const schema = uniqueSchema();
      const storage = await PostgresStorage.open(DATABASE_URL, { schema, poolSize: 2 });
      return { storage, close: async () => (await storage.close(), await dropSchema(schema)) };
    },
  },
];

/** A room's document whose every change is stored with its history entry at the time given. */
function room(storage: DocumentStorage, name: string) {
  const doc = new Y.Doc();
  const writes: Array<Promise<unknown>> = [];
  let at = 0;
  doc.on('update', (update: Uint8Array) => writes.push(storage.appendUpdate(name, update, [{ at, clientId: 7, name: 'Ada', update }])));
  return {
    name,
    doc,
    async edit(when: number, key: string, value: number) {
      at = when;
      doc.getMap('nodes').set(key, value);
      await Promise.all(writes);
    },
  };
}

const nodesOf = (state: Uint8Array | null) => {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc.getMap('nodes').toJSON();
};

for (const mode of MODES) {
  describe.runIf(mode.available)(`history sweep (${mode.name})`, { timeout: 60_000 }, () => {
    it('folds the old history of boards nobody opens, a few rooms per step, and leaves recent history alone', async ({ onTestFinished }) => {
      const { storage, close } = await mode.open();
      onTestFinished(close);
      const history = new History(storage.history, { snapshotEveryUpdates: 200, snapshotEveryMs: 300_000, retentionMs: 30 * DAY, log, now: () => NOW });
      const idle = Array.from({ length: 7 }, (_, i) => room(storage, `idle-${i}`));
      for (const board of idle) {
        await board.edit(NOW - 40 * DAY, 'a', 1);
        await board.edit(NOW - 35 * DAY, 'b', 2);
        await board.edit(NOW - 10 * DAY, 'c', 3);
      }
      const recent = room(storage, 'recent');
      await recent.edit(NOW - DAY, 'a', 1);
      await recent.edit(NOW - DAY, 'b', 2);

      // One step looks at no more rooms than it is given.
      const firstThree = await storage.history.roomsAfter('', 3);
      expect(await history.sweepStep('', 3)).toBe(firstThree.at(-1));
      const folded = async () => {
        const bounds = await Promise.all(idle.map((board) => storage.history.entryBounds(board.name)));
        return idle.filter((_, i) => bounds[i]!.first.at > NOW - 30 * DAY).map((board) => board.name);
      };
      expect((await folded()).sort()).toEqual(firstThree.filter((name) => name.startsWith('idle-')).sort());

      // The periodic sweep does the rest, a step at a time.
      const stop = startHistorySweep(history, { everyMs: 3_600_000, roomsPerStep: 2, stepPauseMs: 0, log });
      onTestFinished(stop);
      await waitFor(async () => (await folded()).length === idle.length, 'every idle board folded');
      stop();
      await history.idle();

      for (const board of idle) {
        const kept = await history.load(board.name);
        // The base is the state 35 days ago; only the entry of 10 days ago is left after it.
        expect(kept.base).toMatchObject({ at: NOW - 35 * DAY });
        expect(kept.entries.map((e) => e.at)).toEqual([NOW - 10 * DAY]);
        expect(nodesOf(await history.stateAt(board.name, NOW))).toEqual(board.doc.getMap('nodes').toJSON());
        expect(nodesOf(await history.stateAt(board.name, NOW - 35 * DAY))).toEqual({ a: 1, b: 2 });
        expect(await history.stateAt(board.name, NOW - 40 * DAY)).toBeNull();
        // Who wrote the folded entries is kept with the base.
        expect(await history.authors(board.name, await history.outline(board.name))).toEqual([{ clientId: 7, name: 'Ada' }]);
      }
      expect((await history.load('recent')).entries).toHaveLength(2);
      expect(await storage.history.snapshotMarks('recent')).toEqual([]);
    });
  });
}
