/** A small Prometheus text-format registry: counters with one optional label, and gauges read on scrape. */

type Labels = Record<string, string>;

function labelKey(labels: Labels | undefined): string {
  if (!labels) return '';
  const parts = Object.keys(labels)
    .sort()
    .map((key) => `${key}="${labels[key]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

export class Counter {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels?: Labels, by = 1): void {
    const key = labelKey(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  get(labels?: Labels): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (this.values.size === 0) lines.push(`${this.name} 0`);
    for (const [key, value] of this.values) lines.push(`${this.name}${key} ${value}`);
    return lines.join('\n');
  }
}

export class Gauge {
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read: () => number,
  ) {}

  get(): number {
    return this.read();
  }

  render(): string {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`, `${this.name} ${this.read()}`].join('\n');
  }
}

/** Why a message was refused (label `reason` of mldb_messages_refused_total). */
export type MessageRefusal = 'malformed' | 'read_only' | 'control_not_interviewer' | 'rate_limit' | 'too_big' | 'too_large_document' | 'out_of_sync' | 'busy' | 'beyond_limits' | 'sync_rate';
/** Why a connection was refused at the upgrade (label `reason` of mldb_connections_refused_total). */
export type ConnectionRefusal = 'bad_path' | 'bad_room' | 'missing_token' | 'bad_token' | 'forbidden_room' | 'board_full' | 'address_limit' | 'shutting_down';

export class Metrics {
  readonly messagesIn = new Counter('mldb_messages_in_total', 'WebSocket messages received from clients');
  readonly bytesIn = new Counter('mldb_bytes_in_total', 'WebSocket payload bytes received from clients');
  readonly messagesOut = new Counter('mldb_messages_out_total', 'WebSocket messages sent to clients');
  readonly bytesOut = new Counter('mldb_bytes_out_total', 'WebSocket payload bytes sent to clients');
  readonly messagesRefused = new Counter('mldb_messages_refused_total', 'Client messages refused, by reason');
  readonly connectionsRefused = new Counter('mldb_connections_refused_total', 'WebSocket upgrades refused, by reason');
  readonly connectionsAccepted = new Counter('mldb_connections_accepted_total', 'WebSocket connections accepted');
  readonly connectionsDropped = new Counter('mldb_connections_dropped_total', 'Open connections dropped by the server, by reason (slow_consumer, ping_timeout)');
  readonly updatesStored = new Counter('mldb_updates_stored_total', 'Document updates written to storage');
  readonly compactions = new Counter('mldb_compactions_total', 'Document compactions written to storage');
  readonly storageErrors = new Counter('mldb_storage_errors_total', 'Failed storage operations, by operation');
  readonly boardsCreated = new Counter('mldb_boards_created_total', 'Boards created with POST /api/boards');

  private readonly gauges: Gauge[] = [];
  /** Counters of optional parts (the scale-out fan-out), registered by the part when it is used. */
  private readonly extraCounters: Counter[] = [];

  gauge(name: string, help: string, read: () => number): Gauge {
    const gauge = new Gauge(name, help, read);
    this.gauges.push(gauge);
    return gauge;
  }

  counter(name: string, help: string): Counter {
    const counter = new Counter(name, help);
    this.extraCounters.push(counter);
    return counter;
  }

  refuseMessage(reason: MessageRefusal): void {
    this.messagesRefused.inc({ reason });
  }

  refuseConnection(reason: ConnectionRefusal): void {
    this.connectionsRefused.inc({ reason });
  }

  render(): string {
    const counters = [
      this.messagesIn,
      this.bytesIn,
      this.messagesOut,
      this.bytesOut,
      this.messagesRefused,
      this.connectionsRefused,
      this.connectionsAccepted,
      this.connectionsDropped,
      this.updatesStored,
      this.compactions,
      this.storageErrors,
      this.boardsCreated,
      ...this.extraCounters,
    ];
    return [...this.gauges, ...counters].map((metric) => metric.render()).join('\n') + '\n';
  }
}
