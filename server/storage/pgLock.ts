import type { Pool, PoolClient } from 'pg';

/**
 * Runs `f` in a transaction holding the advisory lock `key` (hashed to a lock id; released at the
 * end of the transaction). Resolves false, doing nothing, while another session holds the lock.
 */
export async function withTransactionLock(pool: Pool, key: string, f: (client: PoolClient) => Promise<void>): Promise<boolean> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const lock = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked', [key]);
    if (!lock.rows[0]!.locked) {
      await client.query('ROLLBACK');
      return false;
    }
    await f(client);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    broken = true;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release(broken);
  }
}
