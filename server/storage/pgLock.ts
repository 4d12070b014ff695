import type { Pool, PoolClient } from 'pg';

/** Runs `f` in a transaction on a client of its own: committed when `f` resolves, rolled back when it throws. */
export async function withTransaction<T>(pool: Pool, f: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await f(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken = true;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * Runs `f` in a transaction holding the advisory lock `key` (hashed to a lock id; released at the
 * end of the transaction). Resolves false, doing nothing, while another session holds the lock.
 */
export function withTransactionLock(pool: Pool, key: string, f: (client: PoolClient) => Promise<void>): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    const lock = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked', [key]);
    if (!lock.rows[0]!.locked) return false;
    await f(client);
    return true;
  });
}
