import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloseCode } from '../src/shared/closeCodes';
import { Access, loadOrCreateSecret } from './access';
import { createApi } from './api';
import { ConfigError, isScaleOut, loadConfig, type Config } from './config';
import { LocalFanout } from './fanout/local';
import type { RedisFanout } from './fanout/redis';
import { History } from './history/history';
import { startHistorySweep } from './history/sweep';
import { createHttpHandler, type Health } from './http';
import { RateLimitedLog } from './limits';
import { createLogger, type Logger } from './log';
import { Metrics } from './metrics';
import type { ClusterOptions } from './roomStore/cluster';
import { Rooms } from './rooms';
import { DelayedStorage } from './storage/delayed';
import { LeveldbStorage } from './storage/leveldb';
import type { PostgresStorage } from './storage/postgres';
import type { DocumentStorage } from './storage/types';
import { Transport } from './transport';
import { Capacity } from './capacity';
import { KeyedTokenBuckets } from './keyedLimits';
import type { OnBadStoredUpdate } from './storage/recovery';
import { AWARENESS_LIMITS } from './updateLimits';
import { MemoryRelease } from './memoryRelease';

/** How long an idle HTTP connection is kept open for the client's next request. */
const HTTP_KEEP_ALIVE_MS = 65_000;

/** Starts the server: static app, API, metrics and the collaboration WebSocket on one port. */
async function start(config: Config, log: Logger): Promise<void> {
  const secret = await loadOrCreateSecret(config.DATA_DIR, config.BOARD_SECRET);
  const metrics = new Metrics({ processMetrics: true });
  const rlog = new RateLimitedLog(log, 10);
  const fanout = new LocalFanout();
  const movedAside = metrics.counter(
    'mldb_stored_updates_moved_aside_total',
    'Stored updates that could not be loaded, moved aside (salvaged: only the offending values removed; dropped: unreadable)',
    ['outcome'],
  );
  const onBadUpdate: OnBadStoredUpdate = (event) => {
    movedAside.inc({ outcome: event.outcome });
    log.warn(
      { room: event.name, position: event.position, snapshot: event.snapshot, bytes: event.bytes, problem: event.problem, outcome: event.outcome },
      'stored update cannot be loaded; moved aside',
    );
  };
  let storage: DocumentStorage;
  let cluster: ClusterOptions | undefined;
  let postgres: PostgresStorage | undefined;
  let redis: RedisFanout | undefined;
  if (isScaleOut(config)) {
    // Scale-out mode: boards in PostgreSQL, shared with the other processes; updates and presence through Redis.
    // Imported only here: the default mode does not pay for loading the pg and ioredis clients.
    const [{ PostgresStorage }, { RedisFanout }] = await Promise.all([import('./storage/postgres'), import('./fanout/redis')]);
    postgres = await PostgresStorage.open(config.DATABASE_URL, { schema: config.DATABASE_SCHEMA, onBadUpdate });
    try {
      redis = await RedisFanout.open(config.REDIS_URL, { channelPrefix: `mldb:${config.DATABASE_SCHEMA}:`, metrics, rlog });
    } catch (error) {
      await postgres.close();
      throw error;
    }
    storage = postgres;
    cluster = { storage: postgres, fanout: redis, catchUpIntervalMs: config.CATCH_UP_INTERVAL_MS };
  } else {
    const leveldb = await LeveldbStorage.open(LeveldbStorage.directory(config.DATA_DIR), { fsync: config.FSYNC_WRITES, onBadUpdate });
    storage = config.STORAGE_DELAY_MS > 0 ? new DelayedStorage(leveldb, config.STORAGE_DELAY_MS) : leveldb;
  }
  const access = new Access(secret, storage.links);
  const history = new History(storage.history, {
    snapshotEveryUpdates: config.HISTORY_SNAPSHOT_EVERY_UPDATES,
    snapshotEveryMs: config.HISTORY_SNAPSHOT_EVERY_MINUTES * 60_000,
    retentionMs: config.HISTORY_RETENTION_DAYS * 86_400_000,
    log: rlog,
  });
  const stopSweep = startHistorySweep(history, { everyMs: config.HISTORY_SWEEP_EVERY_HOURS * 3_600_000, roomsPerStep: 50, stepPauseMs: 1_000, log: rlog });
  const memoryRelease = new MemoryRelease(() => history.idle());
  const rooms = new Rooms({
    storage,
    history,
    fanout,
    metrics,
    log,
    rlog,
    maxDocumentBytes: config.MAX_DOCUMENT_BYTES,
    compactEveryUpdates: config.COMPACT_EVERY_UPDATES,
    cluster,
    awarenessLimits: { ...AWARENESS_LIMITS, maxStateBytes: config.MAX_AWARENESS_BYTES },
    maxLoadedBytes: config.MAX_LOADED_BYTES,
    idleUnloadMs: config.IDLE_UNLOAD_MS,
    onUnloaded: (bytes) => memoryRelease.unloaded(bytes),
  });

  const upgrades = new KeyedTokenBuckets(config.UPGRADES_PER_MINUTE_PER_ADDRESS / 60, config.UPGRADE_BURST_PER_ADDRESS);
  const capacity = new Capacity({ perBoard: config.MAX_CONNECTIONS_PER_BOARD, writerReserve: config.WRITER_RESERVE_PER_BOARD, perAddress: config.MAX_CONNECTIONS_PER_ADDRESS });
  const api = createApi({
    access,
    rooms,
    history,
    metrics,
    rlog,
    capacity,
    trustProxy: config.TRUST_PROXY,
    boardCreation: new KeyedTokenBuckets(config.BOARDS_PER_MINUTE_PER_ADDRESS / 60, config.BOARD_CREATION_BURST),
    upgrades,
  });
  const server: Server = createServer(
    createHttpHandler({
      staticDir: config.STATIC_DIR,
      metricsToken: config.METRICS_TOKEN,
      metrics,
      log,
      rlog,
      api,
      health: async (): Promise<Health> => ({
        boardsLoaded: rooms.loaded,
        loadedBytes: rooms.loadedBytes,
        connections: transport.open,
        storage: postgres ? await postgres.ping() : storage.status(),
        ...(cluster ? { redis: cluster.fanout.status() } : {}),
      }),
    }),
  );
  // An idle kept-alive connection is closed by a timer, and timers run before the sockets are read: a request a
  // client (a health check, a metrics scraper, a proxy) sent on it while the event loop was busy for longer than
  // the timeout (encoding or compacting a board at the cap takes seconds on a loaded machine) is found unread on a
  // closed connection, and the client gets a reset. Node's 5 s made that happen in the memory benchmark; proxies
  // keep idle connections to the backend up to 60 s (nginx, cloud load balancers), which this outlasts.
  server.keepAliveTimeout = HTTP_KEEP_ALIVE_MS;
  const transport: Transport = new Transport(server, {
    access,
    rooms,
    metrics,
    log,
    rlog,
    maxMessageBytes: config.MAX_MESSAGE_BYTES,
    capacity,
    trustProxy: config.TRUST_PROXY,
    upgrades,
    syncRequests: {
      perConnectionPerMinute: config.SYNC_REQUESTS_PER_MINUTE_PER_CONNECTION,
      connectionBurst: config.SYNC_REQUEST_BURST_PER_CONNECTION,
      perAddressPerMinute: config.SYNC_REQUESTS_PER_MINUTE_PER_ADDRESS,
      addressBurst: config.SYNC_REQUEST_BURST_PER_ADDRESS,
    },
    awarenessBytes: { perSecond: config.AWARENESS_BYTES_PER_SECOND, perAddressPerSecond: config.AWARENESS_BYTES_PER_SECOND_PER_ADDRESS, burst: 2 * config.MAX_AWARENESS_BYTES + 1024 },
    syncAnswerBytes: { perAddressPerSecond: config.SYNC_ANSWER_BYTES_PER_SECOND_PER_ADDRESS, burst: config.SYNC_ANSWER_BYTE_BURST },
    awarenessFanoutBytes: { perAddressPerSecond: config.AWARENESS_FANOUT_BYTES_PER_SECOND_PER_ADDRESS, burst: config.AWARENESS_FANOUT_BYTE_BURST },
    messagesPerSecond: config.MESSAGES_PER_SECOND,
    messageBurst: config.MESSAGE_BURST,
    pingIntervalMs: config.PING_INTERVAL_MS,
    keepaliveMs: config.KEEPALIVE_MS,
    maxBufferedBytes: Math.max(config.MAX_DOCUMENT_BYTES, 16 * 1024 * 1024) + config.MAX_MESSAGE_BYTES,
  });
  metrics.gauge('mldb_boards_loaded', 'Documents in memory (rooms with a connection, idle for at most IDLE_UNLOAD_MS, or being unloaded)', () => rooms.loaded);
  metrics.gauge('mldb_loaded_document_bytes', 'Encoded bytes of the documents in memory (what MAX_LOADED_BYTES bounds; memory is many times this)', () => rooms.loadedBytes);
  metrics.gauge('mldb_connections_open', 'Open WebSocket connections', () => transport.open);
  metrics.gauge('mldb_uptime_seconds', 'Seconds since the server started', () => Math.round(process.uptime()));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, boardsLoaded: rooms.loaded, connections: transport.open }, 'shutting down');
    const timer = setTimeout(() => {
      log.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    try {
      server.close();
      transport.close(CloseCode.GOING_AWAY, 'server shutting down');
      await rooms.close(CloseCode.GOING_AWAY, 'server shutting down');
      stopSweep();
      await history.idle();
      transport.terminateAll();
      server.closeAllConnections();
      await fanout.close();
      await cluster?.fanout.close();
      await storage.close();
      rlog.close();
      log.info({ signal }, 'stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error: Error) => log.error({ err: error }, 'HTTP server error'));
  const address = server.address() as AddressInfo;
  log.info(
    {
      port: address.port,
      host: config.HOST,
      dataDir: config.DATA_DIR,
      staticDir: config.STATIC_DIR,
      storage: storage.backend,
      ...(cluster ? { fanout: 'redis', schema: config.DATABASE_SCHEMA, node: redis?.node } : {}),
      secret: config.BOARD_SECRET ? 'BOARD_SECRET' : 'DATA_DIR/secret',
      // What server/serve.sh sets (glibc reads it at start): without it, memory of unloaded large boards stays with the process.
      malloc: { MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? 'default', MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? 'default' },
    },
    'listening',
  );
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(2);
}
const log = createLogger(config.LOG_LEVEL);
process.on('unhandledRejection', (reason) => {
  log.fatal({ err: reason }, 'unhandled promise rejection');
  process.exit(1);
});
start(config, log).catch((error: unknown) => {
  log.fatal({ err: error }, 'cannot start the server');
  process.exit(1);
});
