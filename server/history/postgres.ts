import { escapeIdentifier, type Pool } from 'pg';
import { withTransactionLock } from '../storage/pgLock';
import type { AuthoredSnapshot, EntryBounds, HistoryAuthor, HistoryCheckpoint, HistoryEntry, HistoryRecord, HistorySnapshot, HistoryStore, SnapshotMark } from './types';

/**
 * A room's history in PostgreSQL (migrations/002_history.sql). Entries are inserted by the storage's
 * append statement (`appendSql`), so an update and its history commit together.
 */

const asBytes = (data: Buffer): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** The key of a room's retention lock (hashed to an advisory lock id): one process folds at a time. */
export const foldLockKey = (schema: string, room: string): string => `mldb-history:${schema}:${room}`;

/**
 * The statement that stores one update with its history rows: $1 room, $2 update, $3 time,
 * $4 client ids, $5 names, $6 the authors' updates. Returns the update's number and its rows' time.
 */
export function appendSql(schema: string): string {
  const s = escapeIdentifier(schema);
  return `WITH next AS (
      INSERT INTO ${s}.boards AS b (name, last_seq, last_at) VALUES ($1, 1, $3)
      ON CONFLICT (name) DO UPDATE SET last_seq = b.last_seq + 1, last_at = GREATEST(b.last_at, EXCLUDED.last_at)
      RETURNING last_seq, last_at),
    history AS (
      INSERT INTO ${s}.board_history (board, seq, part, at, client_id, author, data)
      SELECT $1, next.last_seq, h.part, next.last_at, h.client_id, h.author, h.data
      FROM next, unnest($4::bigint[], $5::text[], $6::bytea[]) WITH ORDINALITY AS h(client_id, author, data, part)),
    stored AS (INSERT INTO ${s}.board_updates (board, seq, data) SELECT $1, last_seq, $2 FROM next RETURNING seq)
    SELECT stored.seq, next.last_at AS at FROM stored, next`;
}

/** The parameters of `appendSql` after the room and update. */
export function appendParams(records: HistoryRecord[]): [number, number[], Array<string | null>, Buffer[]] {
  return [Math.max(...records.map((r) => r.at)), records.map((r) => r.clientId), records.map((r) => r.name), records.map((r) => Buffer.from(r.update))];
}

const snapshotParams = (room: string, snapshot: AuthoredSnapshot) => [
  room,
  snapshot.seq,
  snapshot.at,
  Buffer.from(snapshot.state),
  snapshot.authors === null ? null : JSON.stringify(snapshot.authors),
];

export class PostgresHistory implements HistoryStore {
  private readonly sql: Record<
    'entries' | 'snapshots' | 'marks' | 'snapshotAt' | 'first' | 'last' | 'roomsAfter' | 'adopt' | 'snapshot' | 'checkpoints' | 'checkpoint' | 'trimEntries' | 'trimSnapshots' | 'bytes',
    string
  >;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {
    const s = escapeIdentifier(schema);
    this.sql = {
      entries: `SELECT seq, at, client_id, author, data FROM ${s}.board_history WHERE board = $1 AND seq > $2 AND seq <= $3 ORDER BY seq, part`,
      snapshots: `SELECT seq, at, state FROM ${s}.board_history_snapshots WHERE board = $1 ORDER BY seq`,
      marks: `SELECT seq, at, authors FROM ${s}.board_history_snapshots WHERE board = $1 ORDER BY seq`,
      snapshotAt: `SELECT seq, at, state FROM ${s}.board_history_snapshots WHERE board = $1 AND seq = $2`,
      first: `SELECT seq, at FROM ${s}.board_history WHERE board = $1 ORDER BY seq, part LIMIT 1`,
      last: `SELECT seq, at FROM ${s}.board_history WHERE board = $1 ORDER BY seq DESC, part DESC LIMIT 1`,
      roomsAfter: `SELECT name FROM ${s}.boards WHERE name > $1 ORDER BY name LIMIT $2`,
      // One statement: a room that has any history (another process adopted it, or stored an update since) is left alone.
      // Who wrote a board stored before history is not known: its authors are none.
      adopt: `INSERT INTO ${s}.board_history_snapshots (board, seq, at, state, authors)
        SELECT $1, COALESCE($2, (SELECT last_seq FROM ${s}.boards WHERE name = $1), 0), $3, $4, '[]'::jsonb
        WHERE NOT EXISTS (SELECT 1 FROM ${s}.board_history WHERE board = $1) AND NOT EXISTS (SELECT 1 FROM ${s}.board_history_snapshots WHERE board = $1)
        ON CONFLICT DO NOTHING`,
      snapshot: `INSERT INTO ${s}.board_history_snapshots (board, seq, at, state, authors) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      checkpoints: `SELECT seq, name, at, by_name, state FROM ${s}.board_checkpoints WHERE board = $1 ORDER BY at, seq, name`,
      checkpoint: `INSERT INTO ${s}.board_checkpoints (board, seq, name, at, by_name, state) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      trimEntries: `DELETE FROM ${s}.board_history WHERE board = $1 AND seq <= $2`,
      trimSnapshots: `DELETE FROM ${s}.board_history_snapshots WHERE board = $1 AND seq < $2`,
      bytes: `SELECT (SELECT COALESCE(sum(length(data)), 0) FROM ${s}.board_history WHERE board = $1)
        + (SELECT COALESCE(sum(length(state)), 0) FROM ${s}.board_history_snapshots WHERE board = $1)
        + (SELECT COALESCE(sum(length(state)), 0) FROM ${s}.board_checkpoints WHERE board = $1) AS bytes`,
    };
  }

  async entries(room: string, afterSeq: number, throughSeq = Number.MAX_SAFE_INTEGER): Promise<HistoryEntry[]> {
    const result = await this.pool.query<{ seq: string; at: string; client_id: string; author: string | null; data: Buffer }>(this.sql.entries, [room, afterSeq, throughSeq]);
    return result.rows.map((row) => ({ seq: Number(row.seq), at: Number(row.at), clientId: Number(row.client_id), name: row.author, update: asBytes(row.data) }));
  }

  async snapshots(room: string): Promise<HistorySnapshot[]> {
    const result = await this.pool.query<{ seq: string; at: string; state: Buffer }>(this.sql.snapshots, [room]);
    return result.rows.map((row) => ({ seq: Number(row.seq), at: Number(row.at), state: asBytes(row.state) }));
  }

  async adopt(room: string, state: Uint8Array, seq: number | null, at: number): Promise<boolean> {
    return ((await this.pool.query(this.sql.adopt, [room, seq, at, Buffer.from(state)])).rowCount ?? 0) > 0;
  }

  async snapshotMarks(room: string): Promise<SnapshotMark[]> {
    const result = await this.pool.query<{ seq: string; at: string; authors: HistoryAuthor[] | null }>(this.sql.marks, [room]);
    return result.rows.map((row) => ({ seq: Number(row.seq), at: Number(row.at), authors: row.authors }));
  }

  async snapshot(room: string, seq: number): Promise<HistorySnapshot | null> {
    const row = (await this.pool.query<{ seq: string; at: string; state: Buffer }>(this.sql.snapshotAt, [room, seq])).rows[0];
    return row ? { seq: Number(row.seq), at: Number(row.at), state: asBytes(row.state) } : null;
  }

  async entryBounds(room: string): Promise<EntryBounds | null> {
    const [first, last] = await Promise.all([this.sql.first, this.sql.last].map(async (sql) => (await this.pool.query<{ seq: string; at: string }>(sql, [room])).rows[0]));
    return first && last ? { first: { seq: Number(first.seq), at: Number(first.at) }, last: { seq: Number(last.seq), at: Number(last.at) } } : null;
  }

  async roomsAfter(after: string, limit: number): Promise<string[]> {
    return (await this.pool.query<{ name: string }>(this.sql.roomsAfter, [after, limit])).rows.map((row) => row.name);
  }

  async writeSnapshot(room: string, snapshot: AuthoredSnapshot): Promise<void> {
    await this.pool.query(this.sql.snapshot, snapshotParams(room, snapshot));
  }

  async checkpoints(room: string): Promise<HistoryCheckpoint[]> {
    const result = await this.pool.query<{ seq: string; name: string; at: string; by_name: string | null; state: Buffer }>(this.sql.checkpoints, [room]);
    return result.rows.map((row) => ({ seq: Number(row.seq), name: row.name, at: Number(row.at), by: row.by_name, state: asBytes(row.state) }));
  }

  async addCheckpoint(room: string, checkpoint: HistoryCheckpoint): Promise<void> {
    await this.pool.query(this.sql.checkpoint, [room, checkpoint.seq, checkpoint.name, checkpoint.at, checkpoint.by, Buffer.from(checkpoint.state)]);
  }

  /** In one transaction, under the room's retention lock; does nothing while another process folds the room. */
  async fold(room: string, base: AuthoredSnapshot): Promise<void> {
    await withTransactionLock(this.pool, foldLockKey(this.schema, room), async (client) => {
      await client.query(this.sql.snapshot, snapshotParams(room, base));
      await client.query(this.sql.trimEntries, [room, base.seq]);
      await client.query(this.sql.trimSnapshots, [room, base.seq]);
    });
  }

  /** Nothing of a room is kept in memory here. */
  release(): void {}

  async storedBytes(room: string): Promise<number> {
    return Number((await this.pool.query<{ bytes: string }>(this.sql.bytes, [room])).rows[0]!.bytes);
  }
}
