/**
 * The history of a room (docs/HISTORY.md): every stored update with its time and author, written by
 * the document storage in the same write as the update itself, plus snapshots (full states) that
 * make rebuilding any moment cheap and let retention fold old entries away.
 *
 * Sequence numbers order a room's entries and never go back: every stored update takes the next
 * number(s), so numbers are contiguous (LevelDB: one per entry; PostgreSQL: the document's update
 * number, shared by the entries of one stored update, each with its own `part`). A snapshot at `seq`
 * holds exactly the entries numbered up to `seq`.
 */

export interface HistoryAuthor {
  /** The Yjs client id of the connection that sent the update; 0 for updates the server stored itself. */
  clientId: number;
  /** The name the author's awareness announced in that room (`user.name`), if any. */
  name: string | null;
}

/** What the room hands the storage with a stored update: one record per author. */
export interface HistoryRecord extends HistoryAuthor {
  /** Server time, epoch ms (the storage keeps a room's times from going back). */
  at: number;
  update: Uint8Array;
}

/**
 * The numbers one stored update's entries took: after `previous`, through `seq` (LevelDB: one per
 * entry; PostgreSQL: the update's own number, which its entries share), the last stored at `at`.
 */
export interface StoredSpan {
  previous: number;
  seq: number;
  at: number;
}

export interface HistoryEntry extends HistoryRecord {
  seq: number;
}

export interface HistorySnapshot {
  seq: number;
  at: number;
  state: Uint8Array;
}

/**
 * Where a snapshot is, read without its state: what finds the way through a long history (the
 * moments, the snapshot to start a rebuild from). `authors`: the authors of every entry through
 * `seq`, so a room's authors are these plus those of the few entries after its newest snapshot;
 * null when unknown (a snapshot written before they were kept).
 */
export interface SnapshotMark {
  seq: number;
  at: number;
  authors: HistoryAuthor[] | null;
}

/** A snapshot as written, with the authors through it. */
export type AuthoredSnapshot = HistorySnapshot & Pick<SnapshotMark, 'authors'>;

/** The first and the last entry of a room's history. */
export interface EntryBounds {
  first: { seq: number; at: number };
  last: { seq: number; at: number };
}

export interface HistoryCheckpoint extends HistorySnapshot {
  name: string;
  by: string | null;
}

/** The stored part of the history; both storage backends implement it (history/leveldb.ts, history/postgres.ts). */
export interface HistoryStore {
  /** Entries numbered after `afterSeq` (and up to `throughSeq`), in order. */
  entries(room: string, afterSeq: number, throughSeq?: number): Promise<HistoryEntry[]>;
  /** Snapshots, in sequence order. */
  snapshots(room: string): Promise<HistorySnapshot[]>;
  /** Where the snapshots are, in sequence order, without reading their states. */
  snapshotMarks(room: string): Promise<SnapshotMark[]>;
  /** The snapshot numbered `seq`, or null. */
  snapshot(room: string, seq: number): Promise<HistorySnapshot | null>;
  /** The first and last entries' numbers and times, or null when there is none. */
  entryBounds(room: string): Promise<EntryBounds | null>;
  /** Up to `limit` rooms with anything stored, in the storage's order, after room `after` ('' for the first). */
  roomsAfter(after: string, limit: number): Promise<string[]>;
  /**
   * A room stored before history existed has a document but no history: its loaded state becomes the
   * base snapshot (at `seq`, the number of the newest stored update it holds; null: the store's own
   * newest number), unless the room has any history already. Resolves whether it wrote one.
   */
  adopt(room: string, state: Uint8Array, seq: number | null, at: number): Promise<boolean>;
  /** Writes a snapshot unless one at its number exists already. */
  writeSnapshot(room: string, snapshot: AuthoredSnapshot): Promise<void>;
  checkpoints(room: string): Promise<HistoryCheckpoint[]>;
  addCheckpoint(room: string, checkpoint: HistoryCheckpoint): Promise<void>;
  /**
   * Retention: writes `base` (the state through `base.seq`), then removes the entries numbered up to
   * base.seq and the snapshots before it. Checkpoints stay.
   */
  fold(room: string, base: AuthoredSnapshot): Promise<void>;
  /** Bytes the room's history takes (entries, snapshots and checkpoints; values only). */
  storedBytes(room: string): Promise<number>;
  /** The room left memory: what the store keeps of it in memory goes too (read again from storage when needed). */
  release(room: string): void;
}

/** The records of an update stored without authors (by the server itself, or by a tool). */
export const serverRecord = (update: Uint8Array, at = Date.now()): HistoryRecord => ({ at, clientId: 0, name: null, update });
