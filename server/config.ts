import { resolve } from 'node:path';
// zod/mini: the same validation as zod, at half the load time (paid by every server start).
import * as z from 'zod/mini';

const MiB = 1024 * 1024;

const int = (min: number, max: number, fallback: number) =>
  z._default(z.coerce.number('must be a number').check(z.refine(Number.isInteger, 'must be an integer'), z.gte(min, `must be at least ${min}`), z.lte(max, `must be at most ${max}`)), fallback);
/** A positive number (fractions allowed: tests use retention of a few seconds). */
const positive = (max: number, fallback: number) => z._default(z.coerce.number('must be a number').check(z.gt(0, 'must be more than 0'), z.lte(max, `must be at most ${max}`)), fallback);
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, `must be one of ${values.join(', ')}`);
const bool = (fallback: boolean) =>
  z._default(
    z.pipe(
      oneOf(['true', 'false', '1', '0', 'yes', 'no']),
      z.transform((value: 'true' | 'false' | '1' | '0' | 'yes' | 'no') => value === 'true' || value === '1' || value === 'yes'),
    ),
    fallback,
  );
const text = (fallback: string) => z._default(z.string().check(z.minLength(1, 'must not be empty')), fallback);

/** Environment variables the server reads, with their defaults. Empty strings count as unset. */
const EnvSchema = z.object({
  PORT: int(0, 65535, 8080),
  HOST: text('0.0.0.0'),
  DATA_DIR: text('./data'),
  STATIC_DIR: text('./dist'),
  /** Largest WebSocket message a client may send; larger ones close the connection with 1009. */
  MAX_MESSAGE_BYTES: int(1024, 256 * MiB, 2 * MiB),
  MAX_CONNECTIONS_PER_BOARD: int(1, 100_000, 50),
  /** Slots of each board room that read-only connections never take (kept for editors and the interviewer). */
  WRITER_RESERVE_PER_BOARD: int(0, 100_000, 10),
  /** WebSocket connections one client address may hold to this process. */
  MAX_CONNECTIONS_PER_ADDRESS: int(1, 1_000_000, 100),
  /** WebSocket upgrades (connection attempts, admitted or not) one client address may make: sustained per minute and
   * burst; beyond them the upgrade gets 429 with Retry-After before its token is read, so a client closed for a limit
   * cannot turn that into a reconnect loop (each connection costs a token check, a room join and a sync). */
  UPGRADES_PER_MINUTE_PER_ADDRESS: int(1, 1_000_000, 120),
  UPGRADE_BURST_PER_ADDRESS: int(1, 1_000_000, 50),
  /** Behind a proxy: take the client address from the last X-Forwarded-For entry (the one the proxy added). */
  TRUST_PROXY: bool(false),
  /** Largest awareness (presence) state of one client, in bytes of JSON; larger ones close the connection with 4422. */
  MAX_AWARENESS_BYTES: int(1024, 16 * MiB, 256 * 1024),
  /** Presence bytes one connection may send per second, sustained (bursts up to twice MAX_AWARENESS_BYTES);
   * beyond it the connection is closed with 1008. Cursors and in-drag positions take a few KB a second. */
  AWARENESS_BYTES_PER_SECOND: int(1024, 1024 * MiB, 64 * 1024),
  /** The same from all connections of one client address (a reconnecting client gets a fresh connection's allowance, not this). */
  AWARENESS_BYTES_PER_SECOND_PER_ADDRESS: int(1024, 1024 * MiB, 256 * 1024),
  /** Token bucket per connection: sustained rate and burst size. */
  MESSAGES_PER_SECOND: int(1, 1_000_000, 300),
  MESSAGE_BURST: int(1, 10_000_000, 600),
  /** Sync requests that ask for content (y-websocket's sync step 1; the app asks for content once per connection):
   * sustained per minute and burst, per connection and per client address; beyond them the
   * connection is closed with 1008. */
  SYNC_REQUESTS_PER_MINUTE_PER_CONNECTION: int(1, 1_000_000, 6),
  SYNC_REQUEST_BURST_PER_CONNECTION: int(1, 1_000_000, 3),
  SYNC_REQUESTS_PER_MINUTE_PER_ADDRESS: int(1, 1_000_000, 60),
  SYNC_REQUEST_BURST_PER_ADDRESS: int(1, 1_000_000, 30),
  /** Bytes of sync answers (sync step 2: the whole board for a client that has nothing) sent to one client
   * address per second, sustained, and the burst; an answer beyond them is not sent and the connection is
   * closed with 1008. One answer is charged at most the burst, so a board of any size can always be opened. */
  SYNC_ANSWER_BYTES_PER_SECOND_PER_ADDRESS: int(1024, 16384 * MiB, 2 * MiB),
  SYNC_ANSWER_BYTE_BURST: int(1024, 16384 * MiB, 64 * MiB),
  /** Presence fan-out of one client address: each awareness message's bytes times the peers of the board it goes to,
   * per second sustained, and the burst (one message is charged at most the burst); beyond them 1008. */
  AWARENESS_FANOUT_BYTES_PER_SECOND_PER_ADDRESS: int(1024, 16384 * MiB, 4 * MiB),
  AWARENESS_FANOUT_BYTE_BURST: int(1024, 16384 * MiB, 16 * MiB),
  /** New boards (POST /api/boards) per client address: sustained per minute and burst; beyond them 429 with Retry-After. */
  BOARDS_PER_MINUTE_PER_ADDRESS: int(1, 1_000_000, 60),
  BOARD_CREATION_BURST: int(1, 1_000_000, 60),
  /** Stored size cap of one document; a board at the cap refuses further edits (close 4413). */
  MAX_DOCUMENT_BYTES: int(1024, 4096 * MiB, 32 * MiB),
  /** Memory budget of loaded boards, in encoded document bytes (a loaded board holds several times its
   * encoded size): a board is loaded only below it, once idle boards have made way (else 503, try again later). */
  MAX_LOADED_BYTES: int(1024, 1024 * 1024 * MiB, 64 * MiB),
  /** A board stays loaded this long after its last connection left (a reload does not read it again); 0: unloaded at once. */
  IDLE_UNLOAD_MS: int(0, 86_400_000, 0),
  /** When set, GET /metrics answers only with `Authorization: Bearer <METRICS_TOKEN>` (else 401). */
  METRICS_TOKEN: z.optional(z.string().check(z.minLength(16, 'METRICS_TOKEN must be at least 16 characters'))),
  /** HMAC secret for tokens; when unset, a random one is created once in DATA_DIR/secret. */
  BOARD_SECRET: z.optional(z.string().check(z.minLength(16, 'BOARD_SECRET must be at least 16 characters'))),
  /** WebSocket ping period; a peer that did not answer the previous ping is dropped. */
  PING_INTERVAL_MS: int(100, 3_600_000, 30_000),
  /** An application-level no-op is sent to a connection that received nothing for this long
   * (y-websocket clients reconnect after 30 s without a message). */
  KEEPALIVE_MS: int(100, 3_600_000, 15_000),
  /** Stored updates of one document between two compactions. */
  COMPACT_EVERY_UPDATES: int(1, 1_000_000, 500),
  /** fsync every stored update (survives power loss, slower); without it an acknowledged update
   * survives the server process being killed. */
  FSYNC_WRITES: bool(false),
  /** Latency added to every storage load and write (fault injection for tests; 0 in production). */
  STORAGE_DELAY_MS: int(0, 60_000, 0),
  SHUTDOWN_TIMEOUT_MS: int(100, 600_000, 10_000),
  /** History (docs/HISTORY.md): entries older than this are folded into one snapshot; named checkpoints stay. */
  HISTORY_RETENTION_DAYS: positive(36_500, 30),
  /** A history snapshot after this many stored updates of a room, or this many minutes of activity since the last one. */
  HISTORY_SNAPSHOT_EVERY_UPDATES: int(1, 1_000_000, 200),
  HISTORY_SNAPSHOT_EVERY_MINUTES: positive(10_000, 5),
  /** Retention also folds boards nobody opens: a pass over every room at start and then every this many hours, a few rooms per second. */
  HISTORY_SWEEP_EVERY_HOURS: positive(10_000, 6),
  LOG_LEVEL: z._default(oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  /** Scale-out mode (with REDIS_URL): boards are stored in this PostgreSQL database, shared by every process. */
  DATABASE_URL: z.optional(z.string()),
  /** Scale-out mode (with DATABASE_URL): updates and presence fan out between processes through this Redis. */
  REDIS_URL: z.optional(z.string()),
  /** PostgreSQL schema of the tables (created on start); also names the Redis channels, so deployments sharing a database server or a Redis stay apart. */
  DATABASE_SCHEMA: z._default(z.string().check(z.regex(/^[a-z_][a-z0-9_]{0,47}$/, 'must be a lower-case SQL identifier (a-z, 0-9, _; at most 48 characters)')), 'public'),
  /** Scale-out mode: how often a process compares each loaded board with the database and fetches updates it missed. */
  CATCH_UP_INTERVAL_MS: int(50, 3_600_000, 5_000),
});

export type Config = z.output<typeof EnvSchema> & { DATA_DIR: string; STATIC_DIR: string };

/** Values that may hold a password: never echoed in an error message. */
const HIDDEN = new Set(['BOARD_SECRET', 'DATABASE_URL', 'REDIS_URL', 'METRICS_TOKEN']);

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') raw[key] = value.trim();
  }
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.');
      const shown = HIDDEN.has(key) ? '<hidden>' : JSON.stringify(raw[key] ?? '');
      return `  ${key}=${shown}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid server configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  const scaleOut = scaleOutProblem(config);
  if (scaleOut) throw new ConfigError(`Invalid server configuration:\n  ${scaleOut}`);
  return { ...config, DATA_DIR: resolve(config.DATA_DIR), STATIC_DIR: resolve(config.STATIC_DIR) };
}

/** Scale-out mode needs both connections, and one token secret shared by every process. */
function scaleOutProblem(config: z.output<typeof EnvSchema>): string | null {
  if ((config.DATABASE_URL === undefined) !== (config.REDIS_URL === undefined)) {
    return 'DATABASE_URL and REDIS_URL go together: set both (scale-out mode: several processes share boards) or neither (one process, LevelDB in DATA_DIR)';
  }
  if (config.DATABASE_URL !== undefined && config.BOARD_SECRET === undefined) {
    return 'BOARD_SECRET is required with DATABASE_URL: every process must sign board tokens with the same secret (at least 16 characters, e.g. `openssl rand -base64 32`)';
  }
  return null;
}

/** Whether boards live in PostgreSQL and fan out through Redis (several processes) rather than in LevelDB (one). */
export function isScaleOut(config: Config): config is Config & { DATABASE_URL: string; REDIS_URL: string; BOARD_SECRET: string } {
  return config.DATABASE_URL !== undefined && config.REDIS_URL !== undefined;
}

/** A connection string without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparsable URL>';
  }
}
