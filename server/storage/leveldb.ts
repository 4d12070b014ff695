import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as buffer from 'lib0/buffer';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { LeveldbPersistence, getLevelBulkEntries, getLevelBulkKeys, getLevelUpdatesEntries } from 'y-leveldb';
import { LeveldbHistory, type HistoryDb } from '../history/leveldb';
import { serverRecord, type HistoryRecord, type StoredSpan } from '../history/types';
import { LeveldbLinkGenerations } from './linkGenerations';
import { EMPTY_UPDATE, applyEach, checkStored, type OnBadStoredUpdate, type StoredCheck } from './recovery';
import { StorageError, type DocumentStorage, type StorageStatus } from './types';

/**
 * Documents in LevelDB through y-leveldb, one LevelDB value per stored update: a document is its
 * compacted state in y-leveldb's own key layout plus the history entries stored after it
 * (['h1', name, 'e', seq], history/leveldb.ts: each holds its update with its time and author):
 *   ['v1', name, 'update', clock]        -> a compacted state (one, or a few while a compaction is cut short)
 *   ['v1', name, 'meta', 'historySeq']   -> lib0 encodeAny(S): the newest history entry those states hold
 *   ['v1_sv', name]                      -> varUint(clock) + varUint8Array(state vector), used to list documents
 * An append writes its entries alone (with S and the state-vector key when the document has none);
 * loading applies the states, then the entries numbered after S, and compacts them into a new state
 * with the new S, as `compact` does. The history's retention never removes an entry after S.
 * y-leveldb's LeveldbPersistence reads the document as of its last compaction (the server compacts a
 * board every few hundred updates, on load and when it leaves memory). A database written before S
 * was kept holds every update in its v1 keys and a copy in its entries: without S, every entry is
 * held by the v1 updates (S is the history's newest number), and S is written with the next write.
 * Each board's link generation under ['v1_links', boardId] (linkGenerations.ts).
 * Every operation runs in y-leveldb's transaction queue, one at a time and in call order.
 */

interface DocMeta {
  /** Clock of the newest compacted state, -1 when none. */
  clock: number;
  /** Compacted states and entries after them. */
  count: number;
  bytes: number;
  /** S: the newest history entry the compacted states hold. */
  covered: number;
  /** Whether S is stored (a database written before S was kept has none). */
  coveredStored: boolean;
}

/** A stored part of a document: a compacted state (its clock) or an entry after S (its number). */
interface StoredPart {
  kind: 'state' | 'entry';
  position: number;
  value: Uint8Array;
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
/** y-leveldb's meta key (its getMeta reads the value). */
const coveredKey = (name: string) => ['v1', name, 'meta', 'historySeq'];
/** Stored parts that could not be loaded, kept under their old clock or entry number (outside y-leveldb's key ranges). */
const badKey = (name: string, clock: number) => ['v1_bad', name, clock];
const badEntryKey = (name: string, seq: number) => ['v1_bad', name, 'e', seq];
const MAX_CLOCK = 0xffffffff;
const coveredPut = (name: string, seq: number) => ({ type: 'put' as const, key: coveredKey(name), value: Buffer.from(buffer.encodeAny(seq)) });

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
  readonly history = new LeveldbHistory(
    (operation, f) => this.run(operation, f),
    getLevelBulkEntries,
    getLevelBulkKeys,
    (db, room, seq) => this.coveredThrough(db, room, seq),
  );
  readonly links: LeveldbLinkGenerations;
  private readonly meta = new Map<string, DocMeta>();
  /** Appends no group write has taken yet, and whether the write that takes them is in y-leveldb's queue. */
  private pendingAppends: PendingAppend[] = [];
  private groupQueued = false;
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
    return this.run('load', (db) => this.merge(db, name, false));
  }

  /**
   * The document's merged state (null when nothing is stored), compacted when it is stored in more
   * than one part (with `tail`, also when its one part is an entry), or a part could not be read.
   */
  private async merge(db: HistoryDb, name: string, tail: boolean): Promise<Uint8Array | null> {
    const { meta, parts } = await this.readDocument(db, name);
    if (parts.length === 0) return null;
    const checked = parts.map((part) => checkStored(new Uint8Array(part.value)));
    if (parts.length === 1 && checked[0]!.problem === null && !(tail && parts[0]!.kind === 'entry')) return checked[0]!.readable!;
    const doc = new Y.Doc();
    try {
      const readable = checked.map((check) => check.readable ?? EMPTY_UPDATE);
      const problems = new Map(checked.flatMap((check, index) => (check.problem === null ? [] : [[index, check.problem] as const])));
      for (const { index, problem } of applyEach(doc, readable)) problems.set(index, problem);
      const state = Y.encodeStateAsUpdate(doc);
      // Loading is a good moment to compact: the merged state is already here. What could not be
      // read is moved aside first, so the compaction never removes the only copy of it.
      if (problems.size > 0) await this.moveAside(db, name, parts, checked, problems);
      const lastEntry = parts.findLast((part) => part.kind === 'entry');
      await this.writeCompacted(db, name, meta, state, lastEntry?.position ?? meta.covered);
      return state;
    } finally {
      doc.destroy();
    }
  }

  /** The stored updates of a document that could not be loaded, as they were stored (compacted states first, then entries, each oldest first). */
  async movedAside(name: string): Promise<Uint8Array[]> {
    return this.run('moved_aside', async (db) => {
      const states = await getLevelBulkEntries(db, { gte: badKey(name, 0), lt: badKey(name, MAX_CLOCK) });
      const entries = await getLevelBulkEntries(db, { gte: badEntryKey(name, 0), lt: badEntryKey(name, MAX_CLOCK) });
      return [...states, ...entries].map((entry: { value: Uint8Array }) => new Uint8Array(entry.value));
    });
  }

  private async moveAside(db: HistoryDb, name: string, parts: StoredPart[], checked: StoredCheck[], problems: Map<number, string>): Promise<void> {
    const ops = [...problems.keys()].map((index) => {
      const { kind, position, value } = parts[index]!;
      return { type: 'put' as const, key: kind === 'state' ? badKey(name, position) : badEntryKey(name, position), value: Buffer.from(value) };
    });
    await db.batch(ops, { sync: this.fsync });
    for (const [index, problem] of problems) {
      const part = parts[index]!;
      this.onBadUpdate?.({
        name,
        position: part.position,
        snapshot: index === 0 && part.kind === 'state',
        bytes: part.value.length,
        problem,
        outcome: checked[index]!.readable === null || checked[index]!.problem === null ? 'dropped' : 'salvaged',
      });
    }
  }

  /**
   * Appends are committed in groups: the appends of one turn of the event loop (the messages its I/O
   * callbacks handled, across all documents) go into one batch, queued once the turn's callbacks are
   * done (setImmediate) or before any other operation asked for after them, and every append that
   * arrives while LevelDB is busy with an earlier write goes into the next. Each caller still resolves
   * only once its update is written, but a busy server pays one LevelDB round trip per group instead of
   * one per update (y-leveldb runs every operation one at a time). Writing a turn's first append at once
   * would hold the rest of the turn's back: their batch would leave when that write completes, a turn
   * later, and be relayed a turn after that.
   */
  appendUpdate(name: string, update: Uint8Array, records: HistoryRecord[] = [serverRecord(update)]): Promise<StoredSpan> {
    return new Promise((resolve, reject) => {
      this.pendingAppends.push({ name, update, records, resolve, reject });
      if (this.pendingAppends.length === 1) setImmediate(() => this.queueGroupWrite());
    });
  }

  /** Queues the group write of the appends waiting, unless there are none or it is queued already. */
  private queueGroupWrite(): void {
    if (this.groupQueued || this.pendingAppends.length === 0) return;
    this.groupQueued = true;
    void this.writePendingAppends();
  }

  /** One group write: takes every append waiting when LevelDB is ready for it, settles each of them. */
  private async writePendingAppends(): Promise<void> {
    let group: PendingAppend[] = [];
    let spans: StoredSpan[] = [];
    try {
      await this.run('append', async (db) => {
        group = this.pendingAppends;
        this.pendingAppends = [];
        this.groupQueued = false;
        spans = await this.appendGroup(db, group);
      });
      group.forEach((append, i) => append.resolve(spans[i]!));
    } catch (error) {
      // A write refused before it took its group (the storage is closed) fails every waiting append.
      if (group.length === 0) {
        [group, this.pendingAppends] = [this.pendingAppends, []];
        this.groupQueued = false;
      }
      for (const append of group) append.reject(error);
    }
  }

  /** Writes the group's entries in one batch; resolves with each append's entries' numbers, in order. */
  private async appendGroup(db: HistoryDb, group: PendingAppend[]): Promise<StoredSpan[]> {
    const ops: Array<{ type: 'put'; key: unknown; value: Uint8Array; keyEncoding?: string }> = [];
    const tips = new Map<string, { seq: number; at: number }>();
    const spans: StoredSpan[] = [];
    /** Documents whose S or state-vector key this batch writes (rarely any: made when needed). */
    let firsts: Set<string> | null = null;
    for (const append of group) {
      const { name, update } = append;
      // The entries are the stored update: an append always writes at least one.
      if (append.records.length === 0) append.records = [serverRecord(update)];
      // No await when the numbers are in memory: a group holds an append per room that stored since the last write.
      const meta = this.meta.get(name) ?? (await this.metaOf(db, name));
      if ((!meta.coveredStored || meta.count === 0) && !firsts?.has(name)) {
        (firsts ??= new Set()).add(name);
        if (!meta.coveredStored) ops.push(coveredPut(name, meta.covered));
        // y-leveldb lists documents by their state-vector key: write one with the first update.
        if (meta.count === 0) ops.push({ type: 'put', key: stateVectorKey(name), value: Buffer.from(stateVectorValue(update, 0)) });
      }
      const tip = this.history.knownTip(name) ?? (await this.history.readTip(db, name));
      spans.push(this.history.appendOps(name, tip, append.records, tips, ops));
    }
    await db.batch(ops, { sync: this.fsync });
    this.history.committed(tips);
    // The cached numbers move only once the batch is written (a failed write clears the cache).
    for (const { name, records } of group) {
      const meta = this.meta.get(name)!;
      meta.coveredStored = true;
      meta.count += records.length;
      for (const record of records) meta.bytes += record.update.length;
    }
    return spans;
  }

  async compact(name: string, state: Uint8Array): Promise<void> {
    await this.run('compact', async (db) => {
      const meta = await this.metaOf(db, name);
      // `state` holds every stored update: every entry so far.
      const tip = this.history.knownTip(name) ?? (await this.history.readTip(db, name));
      await this.writeCompacted(db, name, meta, state, Math.max(meta.covered, tip.seq));
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

  /**
   * Writes `state` (which holds every entry through `covered`) as the newest compacted state with its S,
   * then removes every older state (a crash in between leaves both: harmless).
   */
  private async writeCompacted(db: HistoryDb, name: string, meta: DocMeta, state: Uint8Array, covered: number): Promise<void> {
    const clock = meta.clock + 1;
    if (clock >= MAX_CLOCK) throw new StorageError(`Document ${name} ran out of update keys`);
    await db.batch(
      [
        { type: 'put', key: updateKey(name, clock), value: Buffer.from(state) },
        { type: 'put', key: stateVectorKey(name), value: Buffer.from(stateVectorValue(state, clock)) },
        coveredPut(name, covered),
      ],
      { sync: this.fsync },
    );
    if (meta.clock >= 0) await db.clear({ gte: updateKey(name, 0), lt: updateKey(name, clock) });
    this.meta.set(name, { clock, count: 1, bytes: state.length, covered, coveredStored: true });
  }

  private async metaOf(db: HistoryDb, name: string): Promise<DocMeta> {
    return this.meta.get(name) ?? (await this.readDocument(db, name)).meta;
  }

  /** The document's stored parts, its compacted states then the entries after S, and its numbers (kept in memory). */
  private async readDocument(db: HistoryDb, name: string): Promise<{ meta: DocMeta; parts: StoredPart[] }> {
    const states = await getLevelUpdatesEntries(db, name);
    const { covered, stored } = await this.readCovered(db, name);
    const parts: StoredPart[] = states.map((entry) => ({ kind: 'state', position: entry.key[3] as number, value: entry.value }));
    for (const entry of await this.history.updatesAfter(db, name, covered)) parts.push({ kind: 'entry', position: entry.seq, value: entry.update });
    const meta = { clock: (states.at(-1)?.key[3] as number | undefined) ?? -1, count: parts.length, bytes: 0, covered, coveredStored: stored };
    for (const part of parts) meta.bytes += part.value.length;
    this.meta.set(name, meta);
    return { meta, parts };
  }

  /**
   * S of the document, once the compacted state holds the entries through `seq` (the history's fold
   * removes only those): the document is compacted first when its tail reaches back that far. Run in
   * the storage's queue.
   */
  private async coveredThrough(db: HistoryDb, name: string, seq: number): Promise<number> {
    const covered = (await this.metaOf(db, name)).covered;
    if (covered >= seq) return covered;
    await this.merge(db, name, true);
    return (await this.metaOf(db, name)).covered;
  }

  /** S as stored; without it (a database written before S was kept, or a new document), every entry is in the compacted states. */
  private async readCovered(db: HistoryDb, name: string): Promise<{ covered: number; stored: boolean }> {
    try {
      return { covered: buffer.decodeAny(await db.get(coveredKey(name))) as number, stored: true };
    } catch (error) {
      if ((error as { code?: string }).code !== 'LEVEL_NOT_FOUND') throw error;
      return { covered: (this.history.knownTip(name) ?? (await this.history.readTip(db, name))).seq, stored: false };
    }
  }

  /** Runs `f` in y-leveldb's queue. y-leveldb logs and swallows errors; this passes them on. */
  private async run<T>(operation: string, f: (db: Db) => Promise<T>): Promise<T> {
    if (this.closed) throw new StorageError(`Storage is closed (${operation})`);
    // Appends waiting for the end of the turn are written before anything asked for after them.
    this.queueGroupWrite();
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
      // A failed write may have left the cached numbers behind: read them again next time.
      this.meta.clear();
      this.history.forget();
      this.links.forget();
      throw result.error instanceof Error ? result.error : new StorageError(message);
    }
    this.lastError = undefined;
    return result.value;
  }
}
