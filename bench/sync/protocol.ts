import type { Room } from '../lib/servers';

/** Messages between the sync orchestrator (bench/sync/measure.ts) and its client workers (worker.ts). */
export interface SetupMessage {
  type: 'setup';
  wsUrl: string;
  rooms: Room[];
  clientsPerBoard: number;
  /** Writes per second by the one writer of each board. */
  ratePerSecond: number;
  durationMs: number;
  /** Writing before the measured window starts: edits made then are delivered but not timed (JIT and caches warm up). */
  warmupMs: number;
  /** How long receivers may still take after the last write before an update counts as lost. */
  graceMs: number;
  connectTimeoutMs: number;
}

export type ParentMessage = SetupMessage | { type: 'start' } | { type: 'stop' };

export interface WorkerErrors {
  /** Clients that never completed their first sync. */
  neverSynced: number;
  /** `connection-error` events (socket errors, refused upgrades). */
  connectionErrors: number;
  /** Connections closed by the server or the network after the first sync. */
  unexpectedCloses: number;
  /** Close codes seen, with counts. */
  closeCodes: Record<string, number>;
}

export interface WorkerResult {
  type: 'result';
  /** Edit-to-receive latency of every update each receiver saw, in ms. */
  latencies: number[];
  sent: number;
  /** Deliveries expected: each write times the receivers of its board. */
  expected: number;
  received: number;
  errors: WorkerErrors;
  /** The worker's own event-loop delay while writing (a busy client side shows here). */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

export type WorkerMessage = { type: 'ready'; clients: number; synced: number } | WorkerResult | { type: 'failed'; error: string };
