import { Pool, escapeIdentifier } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from './harness';
import { NODE_IDS, boardWithNodes, deepValueUpdate, laterEdit, loadBoard, poisonedState } from './poison';
import { DATABASE_URL, dropSchema, scaleOutAvailable, scaleOutEnv, uniqueSchema } from './scaleoutEnv';

describe.skipIf(!scaleOutAvailable)('poisoned boards (PostgreSQL)', { timeout: 60_000 }, () => {
  const schema = uniqueSchema();
  const servers: ServerHandle[] = [];
  const start = async () => {
    const server = await startServer({ env: scaleOutEnv(schema) });
    servers.push(server);
    return server;
  };
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    await dropSchema(schema);
  });

  it('loads a board whose stored snapshot and a stored update hold values nested 6,000 deep, with every other edit, across restarts', async () => {
    const server = await start();
    const { board, doc } = await boardWithNodes(server);
    await server.stop('SIGTERM');

    // As an older server would have left it: a snapshot holding a deep value, then a deep update,
    // then an ordinary edit, each numbered in the board's sequence.
    const s = escapeIdentifier(schema);
    const pool = new Pool({ connectionString: DATABASE_URL, max: 1 });
    const snapshot = poisonedState(doc, 6000);
    const poison = deepValueUpdate(6000, { key: 'poison2' });
    try {
      const updated = await pool.query(`UPDATE ${s}.board_snapshots SET state = $2 WHERE board = $1`, [board.boardId, snapshot]);
      expect(updated.rowCount).toBe(1);
      for (const update of [poison, laterEdit(doc)]) {
        await pool.query(
          `WITH next AS (UPDATE ${s}.boards SET last_seq = last_seq + 1 WHERE name = $1 RETURNING last_seq)
           INSERT INTO ${s}.board_updates (board, seq, data) SELECT $1, last_seq, $2 FROM next`,
          [board.boardId, update],
        );
      }
    } finally {
      await pool.end();
    }

    const restarted = await start();
    const loaded = await loadBoard(restarted, board);
    expect(loaded.closes).toEqual([]);
    const expected = [...NODE_IDS, 'after'].sort();
    expect(loaded.nodes).toEqual(expected);
    expect(loaded.exported).toEqual(expected);
    expect(loaded.meta).toEqual(['title']);
    const metricsText = await (await fetch(`${restarted.httpUrl}/metrics`)).text();
    expect(metricsText).toContain('mldb_stored_updates_moved_aside_total{outcome="salvaged"} 2');
    expect(restarted.logs.filter((line) => line.msg === 'stored update cannot be loaded; moved aside')).toHaveLength(2);
    await restarted.stop('SIGTERM');

    const again = await start();
    expect((await loadBoard(again, board)).exported).toEqual(expected);
    expect(again.logs.filter((line) => line.msg === 'stored update cannot be loaded; moved aside')).toHaveLength(0);
    await again.stop('SIGTERM');
    const check = new Pool({ connectionString: DATABASE_URL, max: 1 });
    try {
      const rows = await check.query<{ data: Buffer; snapshot: boolean }>(`SELECT data, snapshot FROM ${s}.board_moved_aside WHERE board = $1 ORDER BY seq`, [board.boardId]);
      expect(rows.rows.map((row) => [row.snapshot, new Uint8Array(row.data)])).toEqual([
        [true, snapshot],
        [false, poison],
      ]);
    } finally {
      await check.end();
    }
  });
});
