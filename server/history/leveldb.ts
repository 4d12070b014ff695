import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { SeriesKeys, encodedPut } from '../storage/levelKeys';
import type { AuthoredSnapshot, EntryBounds, HistoryAuthor, HistoryCheckpoint, HistoryEntry, HistoryRecord, HistorySnapshot, HistoryStore, SnapshotMark, StoredSpan } from './types';

/**
 * A room's history in the server's LevelDB database, next to y-leveldb's document keys:
 *   ['h1', room, 'e', seq]       -> entry: varUint at, varUint clientId, name, varUint8Array update
 *   ['h1', room, 's', seq]       -> snapshot: varUint at, varUint8Array state
 *   ['h1', room, 't', seq]       -> the snapshot's mark: varUint at, authors (varUint 0: unknown, else
 *                                   count + 1, then varUint clientId and name each)
 *   ['h1', room, 'c', seq, name] -> checkpoint: varUint at, by, varUint8Array state
 * (name and by: varUint 0 for none, else 1 and a varString). Entries are written by
 * LeveldbStorage's appends (`appendOps`): the entries after the document's compacted state are the
 * document's only copy of those updates, so a fold never removes them (`covered`). A snapshot and its
 * mark in one batch. A snapshot without a mark (written before marks were kept) is read for its time.
 */

/** y-leveldb's database handle, as LeveldbStorage passes it. */
export interface HistoryDb {
  get(key: unknown): Promise<Uint8Array>;
  batch(ops: Array<{ type: 'put' | 'del'; key: unknown; value?: Uint8Array; keyEncoding?: string }>, options?: { sync?: boolean }): Promise<void>;
  clear(options: { gte: unknown; lt: unknown }): Promise<void>;
}

/** Runs `f` in the storage's transaction queue (LeveldbStorage.run). */
export type Transact = <T>(operation: string, f: (db: HistoryDb) => Promise<T>) => Promise<T>;

type RangeOptions = { gte: unknown; lt: unknown; reverse?: boolean; limit?: number };
/** Reads key/value pairs of a range (y-leveldb's getLevelBulkEntries). */
export type ReadRange = (db: HistoryDb, options: RangeOptions) => Promise<Array<{ key: Array<string | number>; value: Uint8Array }>>;
/** Reads the keys of a range alone (y-leveldb's getLevelBulkKeys). */
export type ReadKeys = (db: HistoryDb, options: RangeOptions) => Promise<Array<Array<string | number>>>;
/**
 * The newest entry a room's document holds in its compacted state (LeveldbStorage's S), once it holds
 * those through `seq` if it can: the entries after it are the document's only copy of their updates.
 */
export type Covered = (db: HistoryDb, room: string, seq: number) => Promise<number>;

type Kind = 'e' | 's' | 't' | 'c';
/** Sorts after every kind of a room's keys (y-leveldb's keys put a string's length first), so before the next room's. */
const AFTER_KINDS = 'zz';
const END = 0xffffffff;
const key = (room: string, kind: Kind, seq: number, ...rest: string[]) => ['h1', room, kind, seq, ...rest];
const range = (room: string, kind: Kind, from = 0, to = END) => ({ gte: key(room, kind, from), lt: key(room, kind, to) });

const writeOptional = (encoder: encoding.Encoder, value: string | null) => {
  encoding.writeVarUint(encoder, value === null ? 0 : 1);
  if (value !== null) encoding.writeVarString(encoder, value);
};
const readOptional = (decoder: decoding.Decoder) => (decoding.readVarUint(decoder) === 0 ? null : decoding.readVarString(decoder));

/** Bytes of lib0's varUint of `n`. */
function varUintLength(n: number): number {
  let length = 1;
  for (; n > 0x7f; n = Math.floor(n / 128)) length++;
  return length;
}

/** Writes `n` as lib0's writeVarUint does; returns the position after it. */
function putVarUint(target: Buffer, at: number, n: number): number {
  for (; n > 0x7f; n = Math.floor(n / 128)) target[at++] = 0x80 | (n & 0x7f);
  target[at] = n;
  return at + 1;
}

/** An entry as lib0's encoder would write it (decodeEntry reads it with lib0), in one buffer of its exact size: written once per stored update. */
function encodeEntry(at: number, record: HistoryRecord): Buffer {
  const { clientId, name, update } = record;
  const nameBytes = name === null ? 0 : Buffer.byteLength(name);
  const size = varUintLength(at) + varUintLength(clientId) + 1 + (name === null ? 0 : varUintLength(nameBytes) + nameBytes) + varUintLength(update.length) + update.length;
  const value = Buffer.allocUnsafe(size);
  let position = putVarUint(value, putVarUint(value, 0, at), clientId);
  value[position++] = name === null ? 0 : 1;
  if (name !== null) {
    position = putVarUint(value, position, nameBytes);
    position += value.write(name, position);
  }
  value.set(update, putVarUint(value, position, update.length));
  return value;
}

function decodeEntry(seq: number, value: Uint8Array): HistoryEntry {
  const decoder = decoding.createDecoder(value);
  const at = decoding.readVarUint(decoder);
  const clientId = decoding.readVarUint(decoder);
  const name = readOptional(decoder);
  return { seq, at, clientId, name, update: decoding.readVarUint8Array(decoder) };
}

function encodeSnapshot(snapshot: HistorySnapshot): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, snapshot.at);
  encoding.writeVarUint8Array(encoder, snapshot.state);
  return Buffer.from(encoding.toUint8Array(encoder));
}

function decodeSnapshot(seq: number, value: Uint8Array): HistorySnapshot {
  const decoder = decoding.createDecoder(value);
  const at = decoding.readVarUint(decoder);
  return { seq, at, state: decoding.readVarUint8Array(decoder) };
}

function encodeMark(mark: SnapshotMark): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, mark.at);
  encoding.writeVarUint(encoder, mark.authors === null ? 0 : mark.authors.length + 1);
  for (const author of mark.authors ?? []) {
    encoding.writeVarUint(encoder, author.clientId);
    writeOptional(encoder, author.name);
  }
  return Buffer.from(encoding.toUint8Array(encoder));
}

function decodeMark(seq: number, value: Uint8Array): SnapshotMark {
  const decoder = decoding.createDecoder(value);
  const at = decoding.readVarUint(decoder);
  const count = decoding.readVarUint(decoder);
  const authors: HistoryAuthor[] | null = count === 0 ? null : [];
  for (let i = 1; i < count; i++) authors!.push({ clientId: decoding.readVarUint(decoder), name: readOptional(decoder) });
  return { seq, at, authors };
}

/** The puts of a snapshot and its mark. */
const snapshotPuts = (room: string, snapshot: AuthoredSnapshot) => [
  { type: 'put' as const, key: key(room, 's', snapshot.seq), value: encodeSnapshot(snapshot) },
  { type: 'put' as const, key: key(room, 't', snapshot.seq), value: encodeMark(snapshot) },
];

function encodeCheckpoint(checkpoint: HistoryCheckpoint): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, checkpoint.at);
  writeOptional(encoder, checkpoint.by);
  encoding.writeVarUint8Array(encoder, checkpoint.state);
  return Buffer.from(encoding.toUint8Array(encoder));
}

function decodeCheckpoint(seq: number, name: string, value: Uint8Array): HistoryCheckpoint {
  const decoder = decoding.createDecoder(value);
  const at = decoding.readVarUint(decoder);
  const by = readOptional(decoder);
  return { seq, at, name, by, state: decoding.readVarUint8Array(decoder) };
}

/** The newest number and time of a room's history. */
export interface Tip {
  seq: number;
  at: number;
}

export class LeveldbHistory implements HistoryStore {
  private readonly tips = new Map<string, Tip>();
  /** Each room's entry keys (storage/levelKeys.ts): they depend on its name alone; released with the room. */
  private readonly entryKeys = new Map<string, SeriesKeys>();

  constructor(
    private readonly transact: Transact,
    private readonly read: ReadRange,
    private readonly readKeys: ReadKeys,
    private readonly covered: Covered,
  ) {}

  /** The room's newest number and time when they are in memory (readTip reads them). */
  knownTip(room: string): Tip | undefined {
    return this.tips.get(room);
  }

  /**
   * Adds to `ops` the puts that record `records` of `room` (called inside the storage's append batch,
   * with the room's `stored` tip, knownTip or readTip); `pending` holds what to do once the batch is
   * written. Times are kept from going back: a later entry never has an earlier time. Returns the
   * numbers the records take.
   */
  appendOps(room: string, stored: Tip, records: HistoryRecord[], pending: Map<string, Tip>, ops: Array<{ type: 'put'; key: unknown; value: Uint8Array; keyEncoding?: string }>): StoredSpan {
    let tip = pending.get(room);
    if (!tip) pending.set(room, (tip = { ...stored }));
    let keys = this.entryKeys.get(room);
    if (!keys) this.entryKeys.set(room, (keys = new SeriesKeys(['h1', room, 'e'])));
    const previous = tip.seq;
    for (const record of records) {
      tip.seq += 1;
      if (tip.seq >= END) throw new Error(`History of ${room} ran out of keys`);
      tip.at = Math.max(tip.at, record.at);
      ops.push(encodedPut(keys.key(tip.seq), encodeEntry(tip.at, record)));
    }
    return { previous, seq: tip.seq, at: tip.at };
  }

  /** The batch with `pending`'s entries is written: their numbers are taken (into the tip in memory, kept from one append to the next). */
  committed(pending: Map<string, Tip>): void {
    for (const [room, tip] of pending) {
      const known = this.tips.get(room);
      if (known) {
        known.seq = tip.seq;
        known.at = tip.at;
      } else {
        this.tips.set(room, tip);
      }
    }
  }

  /** A failed write may have left the cached numbers behind: read them again. */
  forget(): void {
    this.tips.clear();
  }

  /** The tip is a cache of what is stored (read in the storage's queue, after every earlier write): safe to drop at any time. */
  release(room: string): void {
    this.tips.delete(room);
    this.entryKeys.delete(room);
  }

  /** How many rooms' tips are in memory. */
  get roomsInMemory(): number {
    return this.tips.size;
  }

  /** The updates of the room's entries numbered after `afterSeq`, in order (run in the storage's queue). */
  async updatesAfter(db: HistoryDb, room: string, afterSeq: number): Promise<Array<{ seq: number; update: Uint8Array }>> {
    return (await this.read(db, range(room, 'e', afterSeq + 1))).map((e) => {
      const { seq, update } = decodeEntry(e.key[3] as number, e.value);
      return { seq, update };
    });
  }

  entries(room: string, afterSeq: number, throughSeq = END - 1): Promise<HistoryEntry[]> {
    return this.transact('history', async (db) => (await this.read(db, range(room, 'e', afterSeq + 1, throughSeq + 1))).map((e) => decodeEntry(e.key[3] as number, e.value)));
  }

  snapshotMarks(room: string): Promise<SnapshotMark[]> {
    return this.transact('history', async (db) => {
      const marks = new Map((await this.read(db, range(room, 't'))).map((e) => [e.key[3] as number, decodeMark(e.key[3] as number, e.value)]));
      const seqs = (await this.readKeys(db, range(room, 's'))).map((k) => k[3] as number);
      const found: SnapshotMark[] = [];
      for (const seq of seqs) {
        const mark = marks.get(seq);
        if (mark) found.push(mark);
        else for (const e of await this.read(db, { ...range(room, 's', seq, seq + 1), limit: 1 })) found.push({ seq, at: decodeSnapshot(seq, e.value).at, authors: null });
      }
      return found;
    });
  }

  snapshot(room: string, seq: number): Promise<HistorySnapshot | null> {
    return this.transact('history', async (db) => {
      const [found] = await this.read(db, { ...range(room, 's', seq, seq + 1), limit: 1 });
      return found ? decodeSnapshot(seq, found.value) : null;
    });
  }

  entryBounds(room: string): Promise<EntryBounds | null> {
    return this.transact('history', async (db) => {
      const [first] = await this.read(db, { ...range(room, 'e'), limit: 1 });
      const [last] = await this.read(db, { ...range(room, 'e'), reverse: true, limit: 1 });
      if (!first || !last) return null;
      const bound = (e: { key: Array<string | number>; value: Uint8Array }) => ({ seq: e.key[3] as number, at: decodeEntry(0, e.value).at });
      return { first: bound(first), last: bound(last) };
    });
  }

  /** One key read per room: from a room's keys the next read skips to the next room's. */
  roomsAfter(after: string, limit: number): Promise<string[]> {
    return this.transact('history', async (db) => {
      const rooms: string[] = [];
      let from: unknown = after === '' ? ['h1'] : ['h1', after, AFTER_KINDS];
      while (rooms.length < limit) {
        const [next] = await this.readKeys(db, { gte: from, lt: ['h2'], limit: 1 });
        if (!next) break;
        const room = next[1] as string;
        rooms.push(room);
        from = ['h1', room, AFTER_KINDS];
      }
      return rooms;
    });
  }

  snapshots(room: string): Promise<HistorySnapshot[]> {
    return this.transact('history', async (db) => (await this.read(db, range(room, 's'))).map((e) => decodeSnapshot(e.key[3] as number, e.value)));
  }

  /** In one queued operation: nothing else of the room's history is written in between. */
  adopt(room: string, state: Uint8Array, _seq: number | null, at: number): Promise<boolean> {
    return this.transact('history', async (db) => {
      for (const kind of ['e', 's'] as const) if ((await this.read(db, { ...range(room, kind), limit: 1 })).length > 0) return false;
      const tip = await this.readTip(db, room);
      // Who wrote a board stored before history is not known: its authors are none.
      await db.batch(snapshotPuts(room, { seq: tip.seq, at, state, authors: [] }));
      this.raiseTip(room, { seq: tip.seq, at, state });
      return true;
    });
  }

  writeSnapshot(room: string, snapshot: AuthoredSnapshot): Promise<void> {
    return this.transact('history', async (db) => {
      await db.batch(snapshotPuts(room, snapshot));
      this.raiseTip(room, snapshot);
    });
  }

  checkpoints(room: string): Promise<HistoryCheckpoint[]> {
    return this.transact('history', async (db) => (await this.read(db, range(room, 'c'))).map((e) => decodeCheckpoint(e.key[3] as number, e.key[4] as string, e.value)));
  }

  addCheckpoint(room: string, checkpoint: HistoryCheckpoint): Promise<void> {
    return this.transact('history', (db) => db.batch([{ type: 'put', key: key(room, 'c', checkpoint.seq, checkpoint.name), value: encodeCheckpoint(checkpoint) }]));
  }

  fold(room: string, base: AuthoredSnapshot): Promise<void> {
    return this.transact('history', async (db) => {
      // The base first: a crash before the removals leaves more history, never less. Entries the
      // document's compacted state does not hold stay (the rebuild skips them as it skips those a
      // fold cut short left), to go with a later fold.
      await db.batch(snapshotPuts(room, base));
      await db.clear(range(room, 'e', 0, Math.min(base.seq, await this.covered(db, room, base.seq)) + 1));
      await db.clear(range(room, 's', 0, base.seq));
      await db.clear(range(room, 't', 0, base.seq));
      this.raiseTip(room, base);
    });
  }

  storedBytes(room: string): Promise<number> {
    return this.transact('history', async (db) => {
      let bytes = 0;
      for (const kind of ['e', 's', 't', 'c'] as const) for (const entry of await this.read(db, range(room, kind))) bytes += entry.value.length;
      return bytes;
    });
  }

  /** A snapshot written for a room whose history is empty (an older board) numbers the entries after it. */
  private raiseTip(room: string, snapshot: HistorySnapshot): void {
    const tip = this.tips.get(room);
    if (tip) this.tips.set(room, { seq: Math.max(tip.seq, snapshot.seq), at: Math.max(tip.at, snapshot.at) });
  }

  /** The room's newest number and time, read from storage unless in memory (run in the storage's queue). */
  async readTip(db: HistoryDb, room: string): Promise<Tip> {
    let tip = this.tips.get(room);
    if (!tip) {
      tip = { seq: 0, at: 0 };
      // After a fold the newest number may be the base snapshot's alone.
      for (const kind of ['e', 's'] as const) {
        const [last] = await this.read(db, { ...range(room, kind), reverse: true, limit: 1 });
        if (!last) continue;
        const at = kind === 'e' ? decodeEntry(0, last.value).at : decodeSnapshot(0, last.value).at;
        tip = { seq: Math.max(tip.seq, last.key[3] as number), at: Math.max(tip.at, at) };
      }
      this.tips.set(room, tip);
    }
    return tip;
  }
}
