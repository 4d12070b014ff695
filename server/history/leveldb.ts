import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { HistoryCheckpoint, HistoryEntry, HistoryRecord, HistorySnapshot, HistoryStore } from './types';

/**
 * A room's history in the server's LevelDB database, next to y-leveldb's document keys:
 *   ['h1', room, 'e', seq]       -> entry: varUint at, varUint clientId, name, varUint8Array update
 *   ['h1', room, 's', seq]       -> snapshot: varUint at, varUint8Array state
 *   ['h1', room, 'c', seq, name] -> checkpoint: varUint at, by, varUint8Array state
 * (name and by: varUint 0 for none, else 1 and a varString). Entries are written by
 * LeveldbStorage in the same batch as the update they record (`appendOps`).
 */

/** y-leveldb's database handle, as LeveldbStorage passes it. */
export interface HistoryDb {
  batch(ops: Array<{ type: 'put' | 'del'; key: unknown; value?: Uint8Array }>, options?: { sync?: boolean }): Promise<void>;
  clear(options: { gte: unknown; lt: unknown }): Promise<void>;
}

/** Runs `f` in the storage's transaction queue (LeveldbStorage.run). */
export type Transact = <T>(operation: string, f: (db: HistoryDb) => Promise<T>) => Promise<T>;

/** Reads key/value pairs of a range (y-leveldb's getLevelBulkEntries). */
export type ReadRange = (db: HistoryDb, options: { gte: unknown; lt: unknown; reverse?: boolean; limit?: number }) => Promise<Array<{ key: Array<string | number>; value: Uint8Array }>>;

type Kind = 'e' | 's' | 'c';
const END = 0xffffffff;
const key = (room: string, kind: Kind, seq: number, ...rest: string[]) => ['h1', room, kind, seq, ...rest];
const range = (room: string, kind: Kind, from = 0, to = END) => ({ gte: key(room, kind, from), lt: key(room, kind, to) });

const writeOptional = (encoder: encoding.Encoder, value: string | null) => {
  encoding.writeVarUint(encoder, value === null ? 0 : 1);
  if (value !== null) encoding.writeVarString(encoder, value);
};
const readOptional = (decoder: decoding.Decoder) => (decoding.readVarUint(decoder) === 0 ? null : decoding.readVarString(decoder));

function encodeEntry(at: number, record: HistoryRecord): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, at);
  encoding.writeVarUint(encoder, record.clientId);
  writeOptional(encoder, record.name);
  encoding.writeVarUint8Array(encoder, record.update);
  return Buffer.from(encoding.toUint8Array(encoder));
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
interface Tip {
  seq: number;
  at: number;
}

export class LeveldbHistory implements HistoryStore {
  private readonly tips = new Map<string, Tip>();

  constructor(
    private readonly transact: Transact,
    private readonly read: ReadRange,
  ) {}

  /**
   * The puts that record `records` of `room` (called inside the storage's append batch), and what to
   * do once the batch is written. Times are kept from going back: a later entry never has an earlier time.
   */
  async appendOps(db: HistoryDb, room: string, records: HistoryRecord[], pending: Map<string, Tip>): Promise<Array<{ type: 'put'; key: unknown; value: Uint8Array }>> {
    const tip = pending.get(room) ?? { ...(await this.tipOf(db, room)) };
    const ops = records.map((record) => {
      tip.seq += 1;
      if (tip.seq >= END) throw new Error(`History of ${room} ran out of keys`);
      tip.at = Math.max(tip.at, record.at);
      return { type: 'put' as const, key: key(room, 'e', tip.seq), value: encodeEntry(tip.at, record) };
    });
    pending.set(room, tip);
    return ops;
  }

  /** The batch with `pending`'s entries is written: their numbers are taken. */
  committed(pending: Map<string, Tip>): void {
    for (const [room, tip] of pending) this.tips.set(room, tip);
  }

  /** A failed write may have left the cached numbers behind: read them again. */
  forget(): void {
    this.tips.clear();
  }

  entries(room: string, afterSeq: number): Promise<HistoryEntry[]> {
    return this.transact('history', async (db) => (await this.read(db, range(room, 'e', afterSeq + 1))).map((e) => decodeEntry(e.key[3] as number, e.value)));
  }

  snapshots(room: string): Promise<HistorySnapshot[]> {
    return this.transact('history', async (db) => (await this.read(db, range(room, 's'))).map((e) => decodeSnapshot(e.key[3] as number, e.value)));
  }

  /** In one queued operation: nothing else of the room's history is written in between. */
  adopt(room: string, state: Uint8Array, _seq: number | null, at: number): Promise<boolean> {
    return this.transact('history', async (db) => {
      for (const kind of ['e', 's'] as const) if ((await this.read(db, { ...range(room, kind), limit: 1 })).length > 0) return false;
      const tip = await this.tipOf(db, room);
      await db.batch([{ type: 'put', key: key(room, 's', tip.seq), value: encodeSnapshot({ seq: tip.seq, at, state }) }]);
      this.raiseTip(room, { seq: tip.seq, at, state });
      return true;
    });
  }

  newestSnapshot(room: string): Promise<HistorySnapshot | null> {
    return this.transact('history', async (db) => {
      const [last] = await this.read(db, { ...range(room, 's'), reverse: true, limit: 1 });
      return last ? decodeSnapshot(last.key[3] as number, last.value) : null;
    });
  }

  oldestEntryAt(room: string): Promise<number | null> {
    return this.transact('history', async (db) => {
      const [first] = await this.read(db, { ...range(room, 'e'), limit: 1 });
      return first ? decodeEntry(0, first.value).at : null;
    });
  }

  writeSnapshot(room: string, snapshot: HistorySnapshot): Promise<void> {
    return this.transact('history', async (db) => {
      await db.batch([{ type: 'put', key: key(room, 's', snapshot.seq), value: encodeSnapshot(snapshot) }]);
      this.raiseTip(room, snapshot);
    });
  }

  checkpoints(room: string): Promise<HistoryCheckpoint[]> {
    return this.transact('history', async (db) => (await this.read(db, range(room, 'c'))).map((e) => decodeCheckpoint(e.key[3] as number, e.key[4] as string, e.value)));
  }

  addCheckpoint(room: string, checkpoint: HistoryCheckpoint): Promise<void> {
    return this.transact('history', (db) => db.batch([{ type: 'put', key: key(room, 'c', checkpoint.seq, checkpoint.name), value: encodeCheckpoint(checkpoint) }]));
  }

  fold(room: string, base: HistorySnapshot): Promise<void> {
    return this.transact('history', async (db) => {
      // The base first: a crash before the removals leaves more history, never less.
      await db.batch([{ type: 'put', key: key(room, 's', base.seq), value: encodeSnapshot(base) }]);
      await db.clear(range(room, 'e', 0, base.seq + 1));
      await db.clear(range(room, 's', 0, base.seq));
      this.raiseTip(room, base);
    });
  }

  storedBytes(room: string): Promise<number> {
    return this.transact('history', async (db) => {
      let bytes = 0;
      for (const kind of ['e', 's', 'c'] as const) for (const entry of await this.read(db, range(room, kind))) bytes += entry.value.length;
      return bytes;
    });
  }

  /** A snapshot written for a room whose history is empty (an older board) numbers the entries after it. */
  private raiseTip(room: string, snapshot: HistorySnapshot): void {
    const tip = this.tips.get(room);
    if (tip) this.tips.set(room, { seq: Math.max(tip.seq, snapshot.seq), at: Math.max(tip.at, snapshot.at) });
  }

  private async tipOf(db: HistoryDb, room: string): Promise<Tip> {
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
