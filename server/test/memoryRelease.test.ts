import { describe, expect, it } from 'vitest';
import { LARGE_BOARD_BYTES, MemoryRelease, fullCollection } from '../memoryRelease';

describe('MemoryRelease', () => {
  it('collects once after the history upkeep of large unloads, never for small boards', async () => {
    let finishUpkeep!: () => void;
    const upkeep = new Promise<void>((resolve) => (finishUpkeep = resolve));
    let collections = 0;
    const release = new MemoryRelease(
      () => upkeep,
      () => collections++,
    );
    release.unloaded(LARGE_BOARD_BYTES - 1);
    release.unloaded(LARGE_BOARD_BYTES);
    release.unloaded(4 * LARGE_BOARD_BYTES);
    await Promise.resolve();
    expect(collections).toBe(0);
    finishUpkeep();
    await upkeep;
    await Promise.resolve();
    expect(collections).toBe(1);
    release.unloaded(LARGE_BOARD_BYTES);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(collections).toBe(2);
  });

  it('fullCollection frees what nothing refers to any more, without --expose-gc', () => {
    const collect = fullCollection();
    const holder: { objects: object[] | null } = { objects: Array.from({ length: 500_000 }, (_, i) => ({ i })) };
    const holding = process.memoryUsage().heapUsed;
    holder.objects = null;
    collect();
    expect(holding - process.memoryUsage().heapUsed).toBeGreaterThan(10 * 1024 * 1024);
  });
});
