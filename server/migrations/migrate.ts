import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeIdentifier, type Pool } from 'pg';

const DIR = dirname(fileURLToPath(import.meta.url));
const FILE = /^(\d{3}_[a-z0-9_]+)\.sql$/;

/**
 * Applies the SQL files of this folder (`NNN_name.sql`, in name order) that `schema_migrations`
 * does not list yet, creating the schema first. Everything runs in one transaction under an
 * advisory lock: processes starting together wait for each other, one applies, the others find
 * the work done; a failing migration leaves the database as it was. Resolves with the versions applied.
 */
export async function migrate(pool: Pool, schema: string): Promise<string[]> {
  const files = (await readdir(DIR)).filter((file) => FILE.test(file)).sort();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`mldb-migrations:${schema}`]);
    // CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the schema exists: ask first.
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${escapeIdentifier(schema)}`);
    await client.query(`SET LOCAL search_path TO ${escapeIdentifier(schema)}`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version));
    const applied: string[] = [];
    for (const file of files) {
      const version = FILE.exec(file)![1]!;
      if (done.has(version)) continue;
      await client.query(await readFile(join(DIR, file), 'utf8'));
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
      applied.push(version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
