import { randomBytes } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
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

/**
 * A TCP load balancer in front of server processes, as nginx would be: each new connection goes to
 * the next backend in turn (no sticky sessions), skipping one that refuses the connection.
 */
export async function startBalancer(ports: number[]): Promise<{ port: number; close(): Promise<void> }> {
  let next = 0;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    client.pause();
    open.add(client);
    client.on('error', () => client.destroy());
    const attempt = (left: number) => {
      const upstream = connect(ports[next++ % ports.length]!, '127.0.0.1');
      let connected = false;
      open.add(upstream);
      client.once('close', () => upstream.destroy());
      upstream.once('connect', () => {
        connected = true;
        client.pipe(upstream);
        upstream.pipe(client);
      });
      upstream.on('error', () => {
        if (!connected && left > 1) attempt(left - 1);
        else client.destroy();
      });
      upstream.on('close', () => {
        open.delete(upstream);
        if (connected) client.destroy();
      });
    };
    client.on('close', () => open.delete(client));
    attempt(ports.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
