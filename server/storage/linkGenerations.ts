import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Each board's link generation: the number mixed into its edit and read tokens (access.ts). It
 * starts at 0 and goes up by one each time the interviewer replaces the links, which invalidates
 * every edit and read link handed out before. Stored with the board in both storage modes.
 */
export interface LinkGenerations {
  /** The board's current generation (0 until its links are first replaced). */
  current(boardId: string): Promise<number>;
  /** Moves the board to its next generation once that is durable; resolves with the new one. */
  advance(boardId: string): Promise<number>;
}

/** y-leveldb's database handle as LeveldbStorage passes it. */
interface LinksDb {
  get(key: unknown): Promise<Uint8Array>;
  put(key: unknown, value: Uint8Array, options?: { sync?: boolean }): Promise<void>;
}

/** Runs `f` in LeveldbStorage's transaction queue. */
export type LeveldbTransact = <T>(operation: string, f: (db: LinksDb) => Promise<T>) => Promise<T>;

/** Cached boards beyond which the cache starts again (each entry is a board id and a number). */
const MAX_CACHED = 10_000;

/**
 * In LevelDB under ['v1_links', boardId] -> varUint(generation), outside y-leveldb's key ranges.
 * One process owns the database, so what it read or wrote last is what is stored: the cache spares
 * every token check a turn in the storage queue.
 */
export class LeveldbLinkGenerations implements LinkGenerations {
  private readonly cache = new Map<string, number>();

  constructor(
    private readonly transact: LeveldbTransact,
    private readonly fsync: boolean,
  ) {}

  async current(boardId: string): Promise<number> {
    const cached = this.cache.get(boardId);
    if (cached !== undefined) return cached;
    const generation = await this.transact('links', (db) => read(db, boardId));
    this.remember(boardId, generation);
    return generation;
  }

  async advance(boardId: string): Promise<number> {
    const generation = await this.transact('links', async (db) => {
      const next = (await read(db, boardId)) + 1;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, next);
      await db.put(['v1_links', boardId], Buffer.from(encoding.toUint8Array(encoder)), { sync: this.fsync });
      return next;
    });
    this.remember(boardId, generation);
    return generation;
  }

  /** Forgets what was cached (after a failed write the stored value is not known). */
  forget(): void {
    this.cache.clear();
  }

  private remember(boardId: string, generation: number): void {
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(boardId, generation);
  }
}

async function read(db: LinksDb, boardId: string): Promise<number> {
  try {
    return decoding.readVarUint(decoding.createDecoder(await db.get(['v1_links', boardId])));
  } catch (error) {
    if ((error as { notFound?: boolean }).notFound) return 0;
    throw error;
  }
}
