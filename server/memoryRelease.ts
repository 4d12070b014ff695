import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Boards at least this large (encoded) hold hundreds of megabytes of objects while loaded. */
export const LARGE_BOARD_BYTES = 8 * 1024 * 1024;

/**
 * One full garbage collection once a large board is unloaded and the history's upkeep after it (a
 * rebuild of the whole board for its snapshot) is done. V8 collects when the program allocates; a
 * server that goes quiet after large boards leave allocates little, and kept their 0.4-1 GB of dead
 * objects for 30-90 s in bench/memory.ts (docs/BENCHMARKS.md, section 11).
 */
export class MemoryRelease {
  private waiting = false;

  constructor(
    /** Resolves once every history upkeep started so far has finished. */
    private readonly upkeepDone: () => Promise<void>,
    private readonly collect: () => void = fullCollection(),
  ) {}

  /** A board of `bytes` (encoded) was unloaded. */
  unloaded(bytes: number): void {
    if (bytes < LARGE_BOARD_BYTES || this.waiting) return;
    // Boards unloaded while this one waits share its collection: upkeepDone waits for their upkeep too.
    this.waiting = true;
    void this.upkeepDone().then(() => {
      this.waiting = false;
      this.collect();
    });
  }
}

/** V8's gc(): the flag exposes it to contexts created after it is set, so the server runs without --expose-gc. */
export function fullCollection(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
