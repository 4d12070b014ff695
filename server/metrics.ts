import { Counter as PromCounter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { LatencyHistogram } from './latencyHistogram';
import { TotalCounter } from './totalCounter';

/** A counter of this server's registry; `labelNames` it was made with are the only labels it takes. */
export type Counter = PromCounter<string>;

/** Why a message was refused (label `reason` of mldb_messages_refused_total). */
export type MessageRefusal =
  | 'malformed'
  | 'read_only'
  | 'control_not_interviewer'
  | 'rate_limit'
  | 'too_big'
  | 'too_large_document'
  | 'out_of_sync'
  | 'busy'
  | 'beyond_limits'
  | 'sync_rate'
  | 'sync_bytes'
  | 'awareness_rate'
  | 'awareness_fanout';
/**
 * How a client update that referred to data the server lacks was left to a sync answer (label `request` of
 * mldb_resyncs_total): a sync request was sent for it, or one was already on its way.
 */
export type ResyncRequest = 'sent' | 'awaiting';
/** Why a connection was refused at the upgrade (label `reason` of mldb_connections_refused_total). */
export type ConnectionRefusal =
  'bad_path' | 'bad_room' | 'missing_token' | 'bad_token' | 'link_revoked' | 'forbidden_room' | 'board_full' | 'address_limit' | 'upgrade_rate' | 'memory_budget' | 'shutting_down';

/** Seconds, from a millisecond to ten: an update is relayed within milliseconds unless storage is slow. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The server's Prometheus metrics (GET /metrics renders them), each server its own registry: tests
 * run several in one process.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly messagesIn = this.total('mldb_messages_in_total', 'WebSocket messages received from clients');
  readonly bytesIn = this.total('mldb_bytes_in_total', 'WebSocket payload bytes received from clients');
  readonly messagesOut = this.total('mldb_messages_out_total', 'WebSocket messages sent to clients');
  readonly bytesOut = this.total('mldb_bytes_out_total', 'WebSocket payload bytes sent to clients');
  readonly messagesRefused = this.counter('mldb_messages_refused_total', 'Client messages refused, by reason', ['reason']);
  readonly resyncs = this.counter(
    'mldb_resyncs_total',
    'Client updates that referred to data the server lacks, dropped and left to the answer to a sync request (request="sent": one was sent for it, "awaiting": one was on its way)',
    ['request'],
  );
  readonly connectionsRefused = this.counter('mldb_connections_refused_total', 'WebSocket upgrades refused, by reason', ['reason']);
  readonly connectionsAccepted = this.total('mldb_connections_accepted_total', 'WebSocket connections accepted');
  readonly connectionsDropped = this.counter('mldb_connections_dropped_total', 'Open connections dropped by the server, by reason (slow_consumer, ping_timeout, link_revoked)', ['reason']);
  readonly updatesStored = this.total('mldb_updates_stored_total', 'Document updates written to storage');
  readonly compactions = this.total('mldb_compactions_total', 'Document compactions written to storage');
  readonly storageErrors = this.counter('mldb_storage_errors_total', 'Failed storage operations, by operation', ['operation']);
  readonly boardsCreated = this.total('mldb_boards_created_total', 'Boards created with POST /api/boards');

  /** From the arrival of a client's document update to its being stored, and to its broadcast to the board's other connections. */
  readonly updateRelay = this.latency('mldb_update_relay_seconds', 'Seconds from receiving a document update to storing it (stage="stored") and to broadcasting it (stage="broadcast")', 'stage');
  readonly storageWrite = this.latency('mldb_storage_write_seconds', 'Seconds one storage write took, by operation (append, compact)', 'operation');

  /** With `processMetrics`, the standard process and Node.js metrics too (CPU, memory, event loop lag, GC). */
  constructor({ processMetrics = false }: { processMetrics?: boolean } = {}) {
    if (processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** A counter; optional parts (the scale-out fan-out) register theirs when they are used, and share it when used twice. */
  counter(name: string, help: string, labelNames: string[] = []): Counter {
    return (this.registry.getSingleMetric(name) as Counter | undefined) ?? new PromCounter({ name, help, labelNames, registers: [this.registry] });
  }

  /** A counter without labels, counted on the relay path (see TotalCounter). */
  private total(name: string, help: string): TotalCounter {
    return new TotalCounter(name, help, this.registry);
  }

  /** A gauge read when /metrics is scraped. */
  gauge(name: string, help: string, read: () => number): Gauge {
    return new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }

  private latency<Label extends string>(name: string, help: string, label: Label): LatencyHistogram<Label> {
    return new LatencyHistogram(name, help, label, LATENCY_BUCKETS, this.registry);
  }

  refuseMessage(reason: MessageRefusal): void {
    this.messagesRefused.inc({ reason });
  }

  resync(request: ResyncRequest): void {
    this.resyncs.inc({ request });
  }

  refuseConnection(reason: ConnectionRefusal): void {
    this.connectionsRefused.inc({ reason });
  }

  /** The Prometheus text format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
