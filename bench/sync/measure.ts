import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { BENCH_DIR } from '../lib/paths';
import { readProc, watchProc, type ProcWindow } from '../lib/proc';
import type { BenchServer, Room } from '../lib/servers';
import { summarize, type Summary } from '../lib/stats';
import type { ParentMessage, WorkerErrors, WorkerMessage, WorkerResult } from './protocol';

/**
 * One sync measurement on a running server: `boards` boards of `clientsPerBoard` clients, spread
 * over client worker processes (whole boards per worker, so each board's clocks agree), one writer
 * per board at `ratePerSecond`. Reports latency percentiles, lost updates, errors, and the
 * server's CPU and memory while the clients write.
 */
export interface SyncLoad {
  boards: number;
  clientsPerBoard: number;
  ratePerSecond: number;
  /** Writing before the timed window (not timed, not in the server CPU figure). */
  warmupMs: number;
  durationMs: number;
  graceMs: number;
  workers: number;
}

export interface SyncMeasurement {
  load: SyncLoad;
  clients: number;
  synced: number;
  latency: Summary;
  sent: number;
  expected: number;
  received: number;
  lost: number;
  errors: WorkerErrors & { total: number };
  server: ProcWindow & { rssIdleBytes: number; rssConnectedBytes: number };
  clientLoopDelayP99Ms: number;
  clientLoopDelayMaxMs: number;
  /** Every timed latency (ms), for merging runs; left out of the JSON results. */
  samples: number[];
}

/** One measurement from several runs of the same load (e.g. ours, reference, reference, ours): samples pooled, counts summed. */
export function mergeRuns(runs: SyncMeasurement[]): SyncMeasurement {
  const sum = (pick: (m: SyncMeasurement) => number) => runs.reduce((total, m) => total + pick(m), 0);
  const max = (pick: (m: SyncMeasurement) => number) => Math.max(...runs.map(pick));
  const closeCodes: Record<string, number> = {};
  for (const m of runs) for (const [code, n] of Object.entries(m.errors.closeCodes)) closeCodes[code] = (closeCodes[code] ?? 0) + n;
  const samples = runs.flatMap((m) => m.samples);
  return {
    load: runs[0].load,
    clients: runs[0].clients,
    synced: Math.min(...runs.map((m) => m.synced)),
    latency: summarize(samples),
    sent: sum((m) => m.sent),
    expected: sum((m) => m.expected),
    received: sum((m) => m.received),
    lost: sum((m) => m.lost),
    errors: {
      neverSynced: sum((m) => m.errors.neverSynced),
      connectionErrors: sum((m) => m.errors.connectionErrors),
      unexpectedCloses: sum((m) => m.errors.unexpectedCloses),
      closeCodes,
      total: sum((m) => m.errors.total),
    },
    server: {
      cpuCores: sum((m) => m.server.cpuCores) / runs.length,
      cpuSeconds: sum((m) => m.server.cpuSeconds),
      seconds: sum((m) => m.server.seconds),
      rssStartBytes: runs[0].server.rssStartBytes,
      rssEndBytes: runs.at(-1)!.server.rssEndBytes,
      rssPeakBytes: max((m) => m.server.rssPeakBytes),
      rssIdleBytes: runs[0].server.rssIdleBytes,
      rssConnectedBytes: max((m) => m.server.rssConnectedBytes),
    },
    clientLoopDelayP99Ms: max((m) => m.clientLoopDelayP99Ms),
    clientLoopDelayMaxMs: max((m) => m.clientLoopDelayMaxMs),
    samples,
  };
}

/** A measurement as stored in bench/results (without the raw samples). */
export function forJson(m: SyncMeasurement): Omit<SyncMeasurement, 'samples'> {
  const { samples: _samples, ...rest } = m;
  return rest;
}

class Worker {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<string, (message: WorkerMessage) => void>();
  private failure: Error | null = null;

  constructor() {
    this.child = fork(join(BENCH_DIR, 'sync/worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: WorkerMessage) => {
      if (message.type === 'failed') this.fail(new Error(`sync worker failed: ${message.error}`));
      else this.waiting.get(message.type)?.(message);
    });
    this.child.once('exit', (code) => this.fail(new Error(`sync worker exited with ${code}`)));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const resolve of this.waiting.values()) resolve({ type: 'failed', error: error.message });
  }

  post(message: ParentMessage): void {
    if (this.child.connected) this.child.send(message);
  }

  next<T extends WorkerMessage['type']>(type: T): Promise<Extract<WorkerMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiting.set(type, (message) => {
        this.waiting.delete(type);
        if (message.type === 'failed') reject(this.failure ?? new Error(message.error));
        else resolve(message as Extract<WorkerMessage, { type: T }>);
      });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.post({ type: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

async function createRooms(server: BenchServer, count: number): Promise<Room[]> {
  const rooms: Room[] = [];
  while (rooms.length < count) {
    const batch = Math.min(50, count - rooms.length);
    rooms.push(...(await Promise.all(Array.from({ length: batch }, () => server.createRoom()))));
  }
  return rooms;
}

export async function measureSync(server: BenchServer, load: SyncLoad): Promise<SyncMeasurement> {
  const rooms = await createRooms(server, load.boards);
  const rssIdleBytes = readProc(server.pid).rssBytes;
  const workerCount = Math.max(1, Math.min(load.workers, load.boards));
  const workers = Array.from({ length: workerCount }, () => new Worker());
  try {
    const ready = workers.map((worker) => worker.next('ready'));
    workers.forEach((worker, w) =>
      worker.post({
        type: 'setup',
        wsUrl: server.wsUrl,
        rooms: rooms.filter((_, i) => i % workerCount === w),
        clientsPerBoard: load.clientsPerBoard,
        ratePerSecond: load.ratePerSecond,
        warmupMs: load.warmupMs,
        durationMs: load.durationMs,
        graceMs: load.graceMs,
        connectTimeoutMs: 30_000,
      }),
    );
    const readies = await Promise.all(ready);
    const rssConnectedBytes = readProc(server.pid).rssBytes;
    const results = workers.map((worker) => worker.next('result'));
    for (const worker of workers) worker.post({ type: 'start' });
    await new Promise((resolve) => setTimeout(resolve, load.warmupMs));
    // Server CPU is read over the timed writing window only, not the warm-up or the grace period.
    const watch = watchProc(server.pid);
    const window = await new Promise<ProcWindow>((resolve) => setTimeout(() => resolve(watch.stop()), load.durationMs));
    return combine(load, readies, await Promise.all(results), { ...window, rssIdleBytes, rssConnectedBytes });
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}

function combine(load: SyncLoad, readies: { clients: number; synced: number }[], results: WorkerResult[], server: SyncMeasurement['server']): SyncMeasurement {
  const latencies = results.flatMap((r) => r.latencies);
  const sum = (pick: (r: WorkerResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const closeCodes: Record<string, number> = {};
  for (const r of results) for (const [code, n] of Object.entries(r.errors.closeCodes)) closeCodes[code] = (closeCodes[code] ?? 0) + n;
  const errors = {
    neverSynced: sum((r) => r.errors.neverSynced),
    connectionErrors: sum((r) => r.errors.connectionErrors),
    unexpectedCloses: sum((r) => r.errors.unexpectedCloses),
    closeCodes,
    total: 0,
  };
  errors.total = errors.neverSynced + errors.connectionErrors + errors.unexpectedCloses;
  const expected = sum((r) => r.expected);
  const received = sum((r) => r.received);
  return {
    load,
    clients: readies.reduce((n, r) => n + r.clients, 0),
    synced: readies.reduce((n, r) => n + r.synced, 0),
    latency: summarize(latencies),
    sent: sum((r) => r.sent),
    expected,
    received,
    lost: expected - received,
    errors,
    server,
    clientLoopDelayP99Ms: Math.max(...results.map((r) => r.loopDelayP99Ms)),
    clientLoopDelayMaxMs: Math.max(...results.map((r) => r.loopDelayMaxMs)),
    samples: latencies,
  };
}
