import { Pool, escapeIdentifier, type PoolClient } from 'pg';
import * as Y from 'yjs';
import { redactUrl } from '../config';
import { PostgresHistory, appendParams, appendSql } from '../history/postgres';
import { serverRecord, type HistoryRecord, type StoredSpan } from '../history/types';
import { migrate } from '../migrations/migrate';
import { PostgresLinkGenerations } from './postgresLinkGenerations';
import { withTransaction, withTransactionLock } from './pgLock';
import { EMPTY_UPDATE, checkStored, type OnBadStoredUpdate } from './recovery';
import { StorageError, type SequencedUpdate, type SharedStorage, type StorageStatus } from './types';

/**
 * Documents in PostgreSQL, shared by every server process of a scale-out deployment. Tables
 * (server/migrations/, created on open in `schema`):
 *   boards(name, last_seq)                 the board's update counter
 *   board_updates(board, seq, data)        one row per stored update, append-only
 *   board_snapshots(board, seq, state)     the merged state of every update numbered <= seq
 *   board_history...                       each update's history (history/postgres.ts), stored with it
 *   board_links(board, generation)         the board's link generation (linkGenerations.ts)
 *
 * An append takes the next number while it holds the board's row lock (one statement, so one
 * round trip and one commit): appends to one board commit in number order, and a reader never
 * sees number n+1 before n. A compaction writes the snapshot and deletes the rows it holds in one
 * transaction, under an advisory lock on the board name that only one process gets at a time.
 */

export interface PostgresStorageOptions {
  /** Schema of the tables (created if missing). */
  schema: string;
  /** Connections in the pool. */
  poolSize?: number;
  /** Told of each stored update that could not be loaded (and was moved aside). */
  onBadUpdate?: OnBadStoredUpdate;
}

/**
 * The key of a board's compaction lock (hashed to an advisory lock id). Advisory locks are
 * database-wide: the key names the schema too, so deployments sharing a database never block each other.
 */
export const compactionLockKey = (schema: string, name: string): string => `mldb-compact:${schema}:${name}`;

const asBytes = (data: Buffer): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

export class PostgresStorage implements SharedStorage {
  readonly backend = 'postgres';
  readonly history: PostgresHistory;
  readonly links: PostgresLinkGenerations;
  private lastError: string | undefined;
  private closed = false;
  /** The last operation queued on each document: operations on one document run in call order. */
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly sql: Record<'append' | 'after' | 'moveAside' | 'replaceUpdate' | 'replaceSnapshot' | 'movedAside' | 'snapshot' | 'trim' | 'lastSeq' | 'lastSeqs' | 'size' | 'count', string>;

  private constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly onBadUpdate?: OnBadStoredUpdate,
  ) {
    const s = escapeIdentifier(schema);
    this.history = new PostgresHistory(pool, schema);
    this.links = new PostgresLinkGenerations(pool, schema);
    this.sql = {
      append: appendSql(schema),
      // One statement, so one view of the tables: a compaction is either wholly seen or not at all.
      after: `SELECT seq, state AS data, true AS snapshot FROM ${s}.board_snapshots WHERE board = $1 AND seq > $2
        UNION ALL SELECT seq, data, false AS snapshot FROM ${s}.board_updates WHERE board = $1 AND seq > $2 ORDER BY seq`,
      moveAside: `INSERT INTO ${s}.board_moved_aside (board, seq, snapshot, data, problem) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      replaceUpdate: `UPDATE ${s}.board_updates SET data = $3 WHERE board = $1 AND seq = $2`,
      replaceSnapshot: `UPDATE ${s}.board_snapshots SET state = $3 WHERE board = $1 AND seq = $2`,
      movedAside: `SELECT data FROM ${s}.board_moved_aside WHERE board = $1 ORDER BY seq, snapshot DESC`,
      // A snapshot never goes back to an older one (a process with an older copy compacting late).
      snapshot: `INSERT INTO ${s}.board_snapshots AS sn (board, seq, state) VALUES ($1, $2, $3)
        ON CONFLICT (board) DO UPDATE SET seq = EXCLUDED.seq, state = EXCLUDED.state, compacted_at = now() WHERE sn.seq < EXCLUDED.seq`,
      trim: `DELETE FROM ${s}.board_updates WHERE board = $1 AND seq <= $2`,
      lastSeq: `SELECT last_seq FROM ${s}.boards WHERE name = $1`,
      lastSeqs: `SELECT name, last_seq FROM ${s}.boards WHERE name = ANY($1)`,
      size: `SELECT (SELECT COALESCE(sum(length(data)), 0) FROM ${s}.board_updates WHERE board = $1)
        + (SELECT COALESCE(sum(length(state)), 0) FROM ${s}.board_snapshots WHERE board = $1) AS bytes`,
      count: `SELECT (SELECT count(*) FROM ${s}.board_updates WHERE board = $1) + (SELECT count(*) FROM ${s}.board_snapshots WHERE board = $1) AS n`,
    };
  }

  /** Connects, creates or migrates the schema; fails with a clear message when the database cannot be used. */
  static async open(url: string, options: PostgresStorageOptions): Promise<PostgresStorage> {
    const pool = new Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000, application_name: 'ml-design-board' });
    const storage = new PostgresStorage(pool, options.schema, options.onBadUpdate);
    // An idle connection that breaks is replaced by the pool; without a listener the error would crash the process.
    pool.on('error', (error) => (storage.lastError = `connection: ${error.message}`));
    try {
      await migrate(pool, options.schema);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new StorageError(`Cannot prepare the PostgreSQL database ${redactUrl(url)} (schema ${options.schema}): ${(error as Error).message}`);
    }
    return storage;
  }

  async loadDocument(name: string): Promise<Uint8Array | null> {
    const updates = await this.updatesAfter(name, 0);
    if (updates.length === 0) return null;
    return updates.length === 1 ? updates[0]!.update : Y.mergeUpdates(updates.map((u) => u.update));
  }

  /** The update's entries share its number (one `part` each). */
  async appendUpdate(name: string, update: Uint8Array, records: HistoryRecord[] = [serverRecord(update)]): Promise<StoredSpan> {
    return this.run(name, 'append', async () => {
      const result = await this.pool.query<{ seq: string; at: string }>(this.sql.append, [name, update, ...appendParams(records)]);
      const seq = Number(result.rows[0]!.seq);
      return { previous: seq - 1, seq, at: Number(result.rows[0]!.at) };
    });
  }

  /**
   * Every row is read as the load path will read it first: one that cannot be (stored by an older
   * server) is moved aside and its row replaced by what can be read of it, under the same number.
   */
  async updatesAfter(name: string, seq: number): Promise<SequencedUpdate[]> {
    return this.run(name, 'load', async () => {
      const result = await this.pool.query<{ seq: string; data: Buffer; snapshot: boolean }>(this.sql.after, [name, seq]);
      const updates: SequencedUpdate[] = [];
      for (const row of result.rows) {
        const stored = asBytes(row.data);
        const check = checkStored(stored);
        const update = check.readable ?? EMPTY_UPDATE;
        if (check.problem !== null) await this.moveAside(name, Number(row.seq), row.snapshot, stored, update, check.problem, check.readable === null ? 'dropped' : 'salvaged');
        updates.push({ seq: Number(row.seq), update });
      }
      return updates;
    });
  }

  /** The stored updates of a document that could not be loaded, as they were stored (oldest first). */
  async movedAside(name: string): Promise<Uint8Array[]> {
    const result = await this.track('moved_aside', () => this.pool.query<{ data: Buffer }>(this.sql.movedAside, [name]));
    return result.rows.map((row) => asBytes(row.data));
  }

  private async moveAside(name: string, seq: number, snapshot: boolean, stored: Uint8Array, readable: Uint8Array, problem: string, outcome: 'salvaged' | 'dropped'): Promise<void> {
    const moved = await withTransaction(this.pool, async (client) => {
      const result = await client.query(this.sql.moveAside, [name, seq, snapshot, stored, problem]);
      await client.query(snapshot ? this.sql.replaceSnapshot : this.sql.replaceUpdate, [name, seq, readable]);
      return result;
    });
    // Another process may have moved it aside at the same moment: only the first one reports it.
    if (moved.rowCount === 1) this.onBadUpdate?.({ name, position: seq, snapshot, bytes: stored.length, problem, outcome });
  }

  async compactThrough(name: string, state: Uint8Array, seq: number): Promise<boolean> {
    return this.run(name, 'compact', () => this.compactLocked(name, state, seq));
  }

  /** Compacts through the newest stored update: for a caller whose state holds every stored update. */
  async compact(name: string, state: Uint8Array): Promise<void> {
    await this.run(name, 'compact', () => this.compactLocked(name, state, null));
  }

  async storedSize(name: string): Promise<number> {
    return this.run(name, 'size', async () => Number((await this.pool.query<{ bytes: string }>(this.sql.size, [name])).rows[0]!.bytes));
  }

  async updateCount(name: string): Promise<number> {
    return this.run(name, 'count', async () => Number((await this.pool.query<{ n: string }>(this.sql.count, [name])).rows[0]!.n));
  }

  async lastSeqs(names: string[]): Promise<Map<string, number>> {
    const seqs = new Map<string, number>(names.map((name) => [name, 0]));
    if (names.length === 0) return seqs;
    const result = await this.track('check', () => this.pool.query<{ name: string; last_seq: string }>(this.sql.lastSeqs, [names]));
    for (const row of result.rows) seqs.set(row.name, Number(row.last_seq));
    return seqs;
  }

  status(): StorageStatus {
    if (this.closed) return { ok: false, backend: this.backend, error: 'closed' };
    return this.lastError === undefined ? { ok: true, backend: this.backend } : { ok: false, backend: this.backend, error: this.lastError };
  }

  /** Asks the database now (for /healthz). */
  async ping(): Promise<StorageStatus> {
    if (!this.closed) await this.track('ping', () => this.pool.query('SELECT 1')).catch(() => undefined);
    return this.status();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled(this.chains.values());
    await this.pool.end();
  }

  /**
   * In one transaction, under the board's compaction lock (or giving up while another process
   * compacts): write the snapshot, delete the updates it holds. `seq` null: through the newest.
   */
  private compactLocked(name: string, state: Uint8Array, seq: number | null): Promise<boolean> {
    return withTransactionLock(this.pool, compactionLockKey(this.schema, name), async (client) => {
      const through = seq ?? (await this.lastSeqIn(client, name));
      if (through > 0) {
        await client.query(this.sql.snapshot, [name, through, state]);
        await client.query(this.sql.trim, [name, through]);
      }
    });
  }

  private async lastSeqIn(client: PoolClient, name: string): Promise<number> {
    const result = await client.query<{ last_seq: string }>(this.sql.lastSeq, [name]);
    return result.rows.length ? Number(result.rows[0]!.last_seq) : 0;
  }

  /** Runs `f` after every earlier operation on the document, recording its failure or success. */
  private run<T>(name: string, operation: string, f: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StorageError(`Storage is closed (${operation})`));
    const previous = this.chains.get(name) ?? Promise.resolve();
    const result = previous.then(() => this.track(operation, f));
    const settled = result.catch(() => undefined);
    this.chains.set(name, settled);
    void settled.then(() => {
      if (this.chains.get(name) === settled) this.chains.delete(name);
    });
    return result;
  }

  private async track<T>(operation: string, f: () => Promise<T>): Promise<T> {
    try {
      const value = await f();
      this.lastError = undefined;
      return value;
    } catch (error) {
      this.lastError = `${operation}: ${(error as Error).message}`;
      throw error;
    }
  }
}
