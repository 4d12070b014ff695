import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { LeveldbPersistence, getLevelBulkEntries, getLevelBulkKeys, getLevelUpdatesEntries } from 'y-leveldb';
import { LeveldbHistory } from '../history/leveldb';
import { serverRecord, type HistoryRecord, type StoredSpan } from '../history/types';
import { SeriesKeys, asBuffer, encodedPut } from './levelKeys';
import { LeveldbLinkGenerations } from './linkGenerations';
import { EMPTY_UPDATE, applyEach, checkStored, type OnBadStoredUpdate, type StoredCheck } from './recovery';
import { StorageError, type DocumentStorage, type StorageStatus } from './types';

/**
 * Documents in LevelDB through y-leveldb, in y-leveldb's own key layout (so its
 * LeveldbPersistence can still read the data):
 *   ['v1', name, 'update', clock] -> one Yjs update (clock increases by one per update)
 *   ['v1_sv', name]               -> varUint(clock) + varUint8Array(state vector), used to list documents
 * and each update's history entries under ['h1', name, ...] (history/leveldb.ts), in the same batch;
 * each board's link generation under ['v1_links', boardId] (linkGenerations.ts).
 * Every operation runs in y-leveldb's transaction queue, one at a time and in call order.
 */

interface DocMeta {
  /** Clock of the newest stored update, -1 when none. */
  clock: number;
  count: number;
  bytes: number;
}

type Db = {
  get(key: unknown): Promise<Uint8Array>;
  put(key: unknown, value: Uint8Array, options?: { sync?: boolean }): Promise<void>;
  batch(ops: Array<{ type: 'put' | 'del'; key: unknown; value?: Uint8Array; keyEncoding?: string }>, options?: { sync?: boolean }): Promise<void>;
  clear(options: { gte: unknown; lt: unknown }): Promise<void>;
  open(): Promise<void>;
  close(): Promise<void>;
};

interface PendingAppend {
  name: string;
  update: Uint8Array;
  records: HistoryRecord[];
  resolve(span: StoredSpan): void;
  reject(error: unknown): void;
}

const updateKey = (name: string, clock: number) => ['v1', name, 'update', clock];
const stateVectorKey = (name: string) => ['v1_sv', name];
/** Stored updates that could not be loaded, kept under their old clock (outside y-leveldb's key ranges). */
const badKey = (name: string, clock: number) => ['v1_bad', name, clock];
const MAX_CLOCK = 0xffffffff;

function stateVectorValue(update: Uint8Array, clock: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVectorFromUpdate(update));
  return encoding.toUint8Array(encoder);
}

export interface LeveldbStorageOptions {
  /** fsync each write (survives power loss); without it a write survives the process being killed. */
  fsync?: boolean;
  /** Told of each stored update that could not be loaded (and was moved aside). */
  onBadUpdate?: OnBadStoredUpdate;
}

export class LeveldbStorage implements DocumentStorage {
  readonly backend = 'leveldb';
  readonly history = new LeveldbHistory((operation, f) => this.run(operation, f), getLevelBulkEntries, getLevelBulkKeys);
  readonly links: LeveldbLinkGenerations;
  private readonly meta = new Map<string, DocMeta>();
  /** Each document's update keys (levelKeys.ts): they depend on its name alone; forgotten with the document. */
  private readonly updateKeys = new Map<string, SeriesKeys>();
  private pendingAppends: PendingAppend[] = [];
  private lastError: string | undefined;
  private closed = false;

  private constructor(
    private readonly ldb: LeveldbPersistence,
    private readonly fsync: boolean,
    private readonly onBadUpdate?: OnBadStoredUpdate,
  ) {
    this.links = new LeveldbLinkGenerations((operation, f) => this.run(operation, f), fsync);
  }

  /** Opens (creating if needed) the database in `dir`; fails if another process holds it. */
  static async open(dir: string, options: LeveldbStorageOptions = {}): Promise<LeveldbStorage> {
    await mkdir(dir, { recursive: true });
    const storage = new LeveldbStorage(new LeveldbPersistence(dir), options.fsync ?? false, options.onBadUpdate);
    try {
      await storage.run('open', (db) => db.open());
    } catch (error) {
      throw new StorageError(`Cannot open the LevelDB database in ${dir} (is another server using this DATA_DIR?): ${(error as Error).message}`);
    }
    return storage;
  }

  static directory(dataDir: string): string {
    return join(dataDir, 'leveldb');
  }

  async loadDocument(name: string): Promise<Uint8Array | null> {
    return this.run('load', async (db) => {
      const entries = await getLevelUpdatesEntries(db, name);
      if (entries.length === 0) {
        this.meta.set(name, { clock: -1, count: 0, bytes: 0 });
        return null;
      }
      const lastClock = entries[entries.length - 1]!.key[3] as number;
      const checked = entries.map((entry) => checkStored(new Uint8Array(entry.value)));
      if (entries.length === 1 && checked[0]!.problem === null) {
        const state = checked[0]!.readable!;
        this.meta.set(name, { clock: lastClock, count: 1, bytes: state.length });
        return state;
      }
      const doc = new Y.Doc();
      try {
        const readable = checked.map((check) => check.readable ?? EMPTY_UPDATE);
        const problems = new Map(checked.flatMap((check, index) => (check.problem === null ? [] : [[index, check.problem] as const])));
        for (const { index, problem } of applyEach(doc, readable)) problems.set(index, problem);
        const state = Y.encodeStateAsUpdate(doc);
        // Loading is a good moment to compact: the merged state is already here. What could not be
        // read is moved aside first, so the compaction never removes the only copy of it.
        if (problems.size > 0) await this.moveAside(db, name, entries, checked, problems);
        await this.writeCompacted(db, name, { clock: lastClock, count: entries.length, bytes: 0 }, state);
        return state;
      } finally {
        doc.destroy();
      }
    });
  }

  /** The stored updates of a document that could not be loaded, as they were stored (oldest first). */
  async movedAside(name: string): Promise<Uint8Array[]> {
    return this.run('moved_aside', async (db) => {
      const entries = await getLevelBulkEntries(db, { gte: badKey(name, 0), lt: badKey(name, MAX_CLOCK) });
      return entries.map((entry: { value: Uint8Array }) => new Uint8Array(entry.value));
    });
  }

  private async moveAside(db: Db, name: string, entries: Array<{ key: unknown[]; value: Uint8Array }>, checked: StoredCheck[], problems: Map<number, string>): Promise<void> {
    const ops = [...problems.keys()].map((index) => ({ type: 'put' as const, key: badKey(name, entries[index]!.key[3] as number), value: Buffer.from(entries[index]!.value) }));
    await db.batch(ops, { sync: this.fsync });
    for (const [index, problem] of problems) {
      const entry = entries[index]!;
      this.onBadUpdate?.({
        name,
        position: entry.key[3] as number,
        snapshot: index === 0,
        bytes: entry.value.length,
        problem,
        outcome: checked[index]!.readable === null || checked[index]!.problem === null ? 'dropped' : 'salvaged',
      });
    }
  }

  /**
   * Appends are committed in groups: every append that arrives while LevelDB is busy with an earlier
   * write goes into the next single batch. Each caller still resolves only once its update is
   * written, but a busy server pays one LevelDB round trip per group instead of one per update
   * (y-leveldb runs every operation one at a time, across all documents).
   */
  appendUpdate(name: string, update: Uint8Array, records: HistoryRecord[] = [serverRecord(update)]): Promise<StoredSpan> {
    return new Promise((resolve, reject) => {
      this.pendingAppends.push({ name, update, records, resolve, reject });
      if (this.pendingAppends.length === 1) void this.writePendingAppends();
    });
  }

  /** One group write: takes every append waiting when LevelDB is ready for it, settles each of them. */
  private async writePendingAppends(): Promise<void> {
    let group: PendingAppend[] = [];
    let spans: StoredSpan[] = [];
    try {
      await this.run('append', async (db) => {
        group = this.pendingAppends;
        this.pendingAppends = [];
        spans = await this.appendGroup(db, group);
      });
      group.forEach((append, i) => append.resolve(spans[i]!));
    } catch (error) {
      // A write refused before it took its group (the storage is closed) fails every waiting append.
      if (group.length === 0) [group, this.pendingAppends] = [this.pendingAppends, []];
      for (const append of group) append.reject(error);
    }
  }

  /** Writes the group in one batch; resolves with each append's entries' numbers, in order. */
  private async appendGroup(db: Db, group: PendingAppend[]): Promise<StoredSpan[]> {
    const clocks = new Map<string, number>();
    const ops: Array<{ type: 'put'; key: unknown; value: Uint8Array; keyEncoding?: string }> = [];
    const tips = new Map<string, { seq: number; at: number }>();
    const spans: StoredSpan[] = [];
    for (const { name, update, records } of group) {
      // No await when the numbers are in memory: a group holds an append per room that stored since the last write.
      const previous = clocks.get(name) ?? (this.meta.get(name) ?? (await this.metaOf(db, name))).clock;
      const clock = previous + 1;
      if (clock >= MAX_CLOCK) throw new StorageError(`Document ${name} ran out of update keys; compact it`);
      let keys = this.updateKeys.get(name);
      if (!keys) this.updateKeys.set(name, (keys = new SeriesKeys(['v1', name, 'update'])));
      ops.push(encodedPut(keys.key(clock), asBuffer(update)));
      // y-leveldb lists documents by their state-vector key: write one with the first update.
      if (previous === -1) ops.push({ type: 'put', key: stateVectorKey(name), value: Buffer.from(stateVectorValue(update, clock)) });
      const tip = this.history.knownTip(name) ?? (await this.history.readTip(db, name));
      spans.push(this.history.appendOps(name, tip, records, tips, ops));
      clocks.set(name, clock);
    }
    await db.batch(ops, { sync: this.fsync });
    this.history.committed(tips);
    // The cached clocks move only once the batch is written (a failed write clears the cache).
    for (const { name, update } of group) {
      const meta = this.meta.get(name)!;
      meta.clock = clocks.get(name)!;
      meta.count += 1;
      meta.bytes += update.length;
    }
    return spans;
  }

  async compact(name: string, state: Uint8Array): Promise<void> {
    await this.run('compact', async (db) => {
      const meta = await this.metaOf(db, name);
      await this.writeCompacted(db, name, meta, state);
    });
  }

  async storedSize(name: string): Promise<number> {
    return this.run('size', async (db) => (await this.metaOf(db, name)).bytes);
  }

  async updateCount(name: string): Promise<number> {
    return this.run('count', async (db) => (await this.metaOf(db, name)).count);
  }

  /** Queued behind the document's earlier operations: its numbers are read from storage again if it comes back. */
  forgetDocument(name: string): void {
    this.run('forget', async () => {
      this.meta.delete(name);
      this.updateKeys.delete(name);
    }).catch(() => {});
  }

  /** How many documents' numbers are in memory. */
  get documentsInMemory(): number {
    return this.meta.size;
  }

  status(): StorageStatus {
    if (this.closed) return { ok: false, backend: this.backend, error: 'closed' };
    return this.lastError === undefined ? { ok: true, backend: this.backend } : { ok: false, backend: this.backend, error: this.lastError };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.run('close', (db) => db.close());
    this.closed = true;
  }

  /** Writes `state` as the newest update, then removes every older one (a crash in between leaves both: harmless). */
  private async writeCompacted(db: Db, name: string, meta: DocMeta, state: Uint8Array): Promise<void> {
    const clock = meta.clock + 1;
    if (clock >= MAX_CLOCK) throw new StorageError(`Document ${name} ran out of update keys`);
    await db.batch(
      [
        { type: 'put', key: updateKey(name, clock), value: Buffer.from(state) },
        { type: 'put', key: stateVectorKey(name), value: Buffer.from(stateVectorValue(state, clock)) },
      ],
      { sync: this.fsync },
    );
    if (meta.clock >= 0) await db.clear({ gte: updateKey(name, 0), lt: updateKey(name, clock) });
    this.meta.set(name, { clock, count: 1, bytes: state.length });
  }

  private async metaOf(db: Db, name: string): Promise<DocMeta> {
    let meta = this.meta.get(name);
    if (!meta) {
      const entries = await getLevelUpdatesEntries(db, name);
      meta = { clock: -1, count: entries.length, bytes: 0 };
      for (const entry of entries) {
        meta.bytes += entry.value.length;
        meta.clock = entry.key[3] as number;
      }
      this.meta.set(name, meta);
    }
    return meta;
  }

  /** Runs `f` in y-leveldb's queue. y-leveldb logs and swallows errors; this passes them on. */
  private async run<T>(operation: string, f: (db: Db) => Promise<T>): Promise<T> {
    if (this.closed) throw new StorageError(`Storage is closed (${operation})`);
    const result = await this.ldb._transact(async (db: Db) => {
      try {
        return { ok: true as const, value: await f(db) };
      } catch (error) {
        return { ok: false as const, error };
      }
    });
    if (!result) throw new StorageError(`Storage ${operation} failed`);
    if (!result.ok) {
      const message = result.error instanceof Error ? result.error.message : String(result.error);
      this.lastError = `${operation}: ${message}`;
      // A failed write may have left the cached clock behind: read it again next time.
      this.meta.clear();
      this.history.forget();
      this.links.forget();
      throw result.error instanceof Error ? result.error : new StorageError(message);
    }
    this.lastError = undefined;
    return result.value;
  }
}
