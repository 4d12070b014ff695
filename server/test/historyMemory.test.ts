import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LocalFanout } from '../fanout/local';
import { History } from '../history/history';
import { RateLimitedLog } from '../limits';
import { createLogger } from '../log';
import { Metrics } from '../metrics';
import { encodeUpdate } from '../protocol';
import { Rooms, type Peer } from '../rooms';
import { DelayedStorage } from '../storage/delayed';
import { LeveldbStorage } from '../storage/leveldb';
import { MemoryHistory } from './fakes';
import { removeDir, tempDir, waitFor } from './harness';
import { serverRecord } from '../history/types';

/** What the history and the document storage keep in memory of a room, in the real LevelDB storage in this process. */
const log = new RateLimitedLog(createLogger('silent'), 10, undefined, null);
const DAY = 86_400_000;

const updateOf = (key: string, value: number): Uint8Array => {
  const doc = new Y.Doc();
  doc.getMap('nodes').set(key, value);
  return Y.encodeStateAsUpdate(doc);
};

describe('history memory (LevelDB)', () => {
  it('frees the numbers it keeps of a room once the room unloads, and numbers the next entries as before', async ({ onTestFinished }) => {
    const dir = tempDir();
    const storage = await LeveldbStorage.open(dir);
    onTestFinished(async () => {
      await storage.close();
      removeDir(dir);
    });
    const history = new History(storage.history, { snapshotEveryUpdates: 200, snapshotEveryMs: 300_000, retentionMs: 30 * DAY, log });
    const rooms = Array.from({ length: 40 }, (_, i) => `board-${i}`);
    for (const [i, room] of rooms.entries()) {
      await storage.appendUpdate(room, updateOf('a', i));
      history.noteStored(room, 1);
    }
    expect(storage.history.roomsInMemory).toBe(rooms.length);

    for (const room of rooms.slice(1)) history.roomUnloaded(room);
    await history.idle();
    // The room still loaded keeps its numbers.
    expect(storage.history.roomsInMemory).toBe(1);

    // A room loaded again reads its numbers from storage: its entries go on from where they were.
    await storage.appendUpdate(rooms[5]!, updateOf('b', 5));
    expect((await storage.history.entries(rooms[5]!, 0)).map((e) => e.seq)).toEqual([1, 2]);
    history.noteStored(rooms[5]!, 1);
    history.roomUnloaded(rooms[5]!);
    history.roomUnloaded(rooms[0]!);
    await history.idle();
    expect(storage.history.roomsInMemory).toBe(0);
  });

  for (const delayMs of [0, 20]) {
    it(`frees the storage's numbers of each document once its room unloads${delayMs ? ' (behind STORAGE_DELAY_MS)' : ''}, and reads them again when it comes back`, async ({ onTestFinished }) => {
      const dir = tempDir();
      const leveldb = await LeveldbStorage.open(dir);
      const storage = delayMs ? new DelayedStorage(leveldb, delayMs) : leveldb;
      const rooms = new Rooms({ storage, fanout: new LocalFanout(), metrics: new Metrics(), log: createLogger('silent'), rlog: log, maxDocumentBytes: 1 << 20, compactEveryUpdates: 1000 });
      onTestFinished(async () => {
        await rooms.close(1001, 'test over');
        await leveldb.close();
        removeDir(dir);
      });
      const peer = (id: string): Peer => ({ id, canWrite: true, linkGeneration: 0, send: () => {}, close: () => {} });
      const names = Array.from({ length: 30 }, (_, i) => `board-${i}`);
      const joined = names.map((name, i) => {
        const handle = rooms.join(name, peer(`p${i}`));
        handle.receive(encodeUpdate(updateOf('a', i)));
        return handle;
      });
      await waitFor(async () => (await Promise.all(names.map((name) => leveldb.updateCount(name)))).every((count) => count === 1), 'every update stored');
      expect(leveldb.documentsInMemory).toBe(names.length);
      for (const handle of joined) handle.leave();
      await waitFor(() => rooms.loaded === 0 && leveldb.documentsInMemory === 0, 'the rooms unloaded and their numbers freed');

      // A room loaded again reads its numbers from storage and appends after its compacted state.
      const again = rooms.join(names[3]!, peer('again'));
      again.receive(encodeUpdate(updateOf('b', 3)));
      await waitFor(async () => (await leveldb.updateCount(names[3]!)) === 2, 'the new update stored after the compacted state');
      again.leave();
      await waitFor(() => rooms.loaded === 0 && leveldb.documentsInMemory === 0, 'freed again');
      const reloaded = await leveldb.loadDocument(names[3]!);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, reloaded!);
      expect(doc.getMap('nodes').toJSON()).toEqual({ a: 3, b: 3 });
    });
  }
});

describe('history upkeep across rooms', () => {
  it('rebuilds one room at a time when several boards unload together, and snapshots each of them', async () => {
    const store = new MemoryHistory();
    const rooms = ['a', 'b', 'c'];
    for (const [i, room] of rooms.entries()) store.append(room, [serverRecord(updateOf(room, i), 1_000)]);
    // Each rebuild reads its room's entries: count how many read at once, each read taking a while as on a busy disk.
    let reading = 0;
    let most = 0;
    const entries = store.entries.bind(store);
    store.entries = async (name, afterSeq, throughSeq) => {
      most = Math.max(most, ++reading);
      await new Promise((resolve) => setTimeout(resolve, 20));
      reading--;
      return entries(name, afterSeq, throughSeq);
    };
    const history = new History(store, { snapshotEveryUpdates: 200, snapshotEveryMs: 300_000, retentionMs: 30 * DAY, log, now: () => 2_000 });
    for (const room of rooms) history.roomUnloaded(room);
    await history.idle();
    expect(most).toBe(1);
    for (const room of rooms) expect((await store.snapshotMarks(room)).map((mark) => mark.seq)).toEqual([1]);
  });
});
