import { randomBytes } from 'node:crypto';
import { Pool, escapeIdentifier } from 'pg';

/**
 * Scale-out tests run only when DATABASE_URL and REDIS_URL are set (CI sets both). Each test file
 * works in a schema of its own (tables and Redis channels are named after it), dropped at the end,
 * so parallel runs never meet.
 */
export const DATABASE_URL = process.env.DATABASE_URL ?? '';
export const REDIS_URL = process.env.REDIS_URL ?? '';
export const scaleOutAvailable = DATABASE_URL !== '' && REDIS_URL !== '';

export const BOARD_SECRET = 'scale-out-test-secret-0123456789';

export function uniqueSchema(): string {
  return `mldb_test_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const pool = new Pool({ connectionString: DATABASE_URL, max: 1 });
  try {
    await pool.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`);
  } finally {
    await pool.end();
  }
}

/** Environment of a server process in scale-out mode on `schema`. */
export function scaleOutEnv(schema: string, extra: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_URL, REDIS_URL, DATABASE_SCHEMA: schema, BOARD_SECRET, ...extra };
}
