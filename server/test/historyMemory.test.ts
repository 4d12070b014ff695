import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { History } from '../history/history';
import { RateLimitedLog } from '../limits';
import { createLogger } from '../log';
import { LeveldbStorage } from '../storage/leveldb';
import { removeDir, tempDir } from './harness';

/** What the history keeps in memory of a room, in the real LevelDB storage in this process. */
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
});
