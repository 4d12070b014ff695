import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DelayedStorage } from '../storage/delayed';
import { LeveldbStorage } from '../storage/leveldb';
import { removeDir, tempDir } from './harness';

const DELAY_MS = 1_000;
const dirs: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

async function open(): Promise<{ disk: LeveldbStorage; slow: DelayedStorage }> {
  const dir = tempDir('mldb-delayed-');
  dirs.push(dir);
  const disk = await LeveldbStorage.open(dir);
  // Only the delay's timers are simulated; LevelDB does its real I/O.
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  return { disk, slow: new DelayedStorage(disk, DELAY_MS) };
}

function update(key: string, value: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('nodes').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

/** Lets one delay pass, then waits until every call that left its delay has reached LevelDB. */
async function oneDelay(disk: LeveldbStorage): Promise<void> {
  await vi.advanceTimersByTimeAsync(DELAY_MS);
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
  // LevelDB runs its operations in order: this count comes after every write that was handed to it.
  await disk.updateCount('probe');
}

describe('DelayedStorage (STORAGE_DELAY_MS)', () => {
  it('delays the writes of different boards side by side: one delay lets all of them through', async () => {
    const { disk, slow } = await open();
    const boards = Array.from({ length: 30 }, (_, i) => `board-${i}`);
    const writes = boards.map((name, i) => slow.appendUpdate(name, update('a', i)));
    expect(await Promise.all(boards.map((name) => disk.updateCount(name)))).toEqual(boards.map(() => 0));
    await oneDelay(disk);
    expect(await Promise.all(boards.map((name) => disk.updateCount(name)))).toEqual(boards.map(() => 1));
    await Promise.all(writes);
    vi.useRealTimers();
    await slow.close();
  });

  it("runs one board's calls one after another, in the order they were made", async () => {
    const { disk, slow } = await open();
    const first = slow.appendUpdate('a', update('x', 1));
    const second = slow.appendUpdate('a', update('y', 2));
    const compacted = new Y.Doc();
    Y.applyUpdate(compacted, update('x', 1));
    Y.applyUpdate(compacted, update('y', 2));
    const compaction = slow.compact('a', Y.encodeStateAsUpdate(compacted));
    const load = slow.loadDocument('a');
    await oneDelay(disk);
    expect(await disk.updateCount('a')).toBe(1);
    await oneDelay(disk);
    expect(await disk.updateCount('a')).toBe(2);
    await oneDelay(disk);
    expect(await disk.updateCount('a')).toBe(1);
    await oneDelay(disk);
    await Promise.all([first, second, compaction]);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, (await load)!);
    expect(loaded.getMap('nodes').toJSON()).toEqual({ x: 1, y: 2 });
    vi.useRealTimers();
    await slow.close();
  });
});
