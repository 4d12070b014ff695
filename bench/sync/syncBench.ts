import { ms, num, table, times } from '../lib/format';
import { SERVER_LABEL, startServer, type BenchServer, type ServerKind } from '../lib/servers';
import { ratio } from '../lib/stats';
import type { BenchContext, BenchResult } from '../types';
import { forJson, measureSync, mergeRuns, type SyncLoad, type SyncMeasurement } from './measure';

/**
 * Benchmark 1, sync latency: R boards x C clients on loopback, one writer per board, every other
 * client timing edit-to-receive. "100 x 4" is read as 100 boards of 4 clients each (400
 * connections, 300 receivers); "500 x 4" as 500 boards of 4 (2,000 connections). Each size runs
 * on a fresh server of each kind, ours first, the reference right after.
 */
const KINDS: ServerKind[] = ['ours', 'reference'];
export const WRITES_PER_SECOND = 10;

export function syncLoads(quick: boolean): SyncLoad[] {
  const boards = quick ? [5] : [100, 500];
  return boards.map((n) => ({
    boards: n,
    clientsPerBoard: 4,
    ratePerSecond: WRITES_PER_SECOND,
    warmupMs: quick ? 500 : 3_000,
    durationMs: quick ? 2_000 : 20_000,
    graceMs: quick ? 1_000 : 5_000,
    workers: 2,
  }));
}

export interface SyncRow {
  kind: ServerKind;
  measurement: SyncMeasurement;
}

export function runOnFreshServer(kind: ServerKind, load: SyncLoad): Promise<SyncMeasurement> {
  return measureOnFreshServer(() => startServer(kind), load);
}

/** Starts a server with `start`, measures `load` on it and stops it, whatever happened. */
export async function measureOnFreshServer(start: () => Promise<BenchServer>, load: SyncLoad): Promise<SyncMeasurement> {
  const server = await start();
  try {
    return await measureSync(server, load);
  } finally {
    await server.stop();
  }
}

export function sizeLabel(load: SyncLoad): string {
  return `${load.boards} x ${load.clientsPerBoard} (${num(load.boards * load.clientsPerBoard)} clients)`;
}

export async function syncBenchmark(ctx: BenchContext): Promise<BenchResult> {
  const rows: SyncRow[] = [];
  // Full runs go ours, reference, reference, ours (each on a fresh server) and pool the samples, so a
  // machine getting busier or quieter during the run favours neither server.
  const order: ServerKind[] = ctx.quick ? KINDS : [...KINDS, ...[...KINDS].reverse()];
  for (const load of syncLoads(ctx.quick)) {
    const runs = new Map<ServerKind, SyncMeasurement[]>(KINDS.map((kind) => [kind, []]));
    for (const kind of order) {
      ctx.log(`sync: ${kind}, ${sizeLabel(load)}`);
      runs.get(kind)!.push(await runOnFreshServer(kind, load));
    }
    for (const kind of KINDS) rows.push({ kind, measurement: mergeRuns(runs.get(kind)!) });
  }
  const reference = (row: SyncRow) => rows.find((r) => r.kind === 'reference' && r.measurement.load.boards === row.measurement.load.boards)!;
  const body = table(
    ['size', 'server', 'p50', 'p95', 'p99', 'max', 'p99 vs reference', 'updates delivered', 'lost', 'errors', 'client loop delay p99'],
    rows.map((row) => {
      const m = row.measurement;
      return [
        sizeLabel(m.load),
        row.kind,
        ms(m.latency.p50, 2),
        ms(m.latency.p95, 2),
        ms(m.latency.p99, 2),
        ms(m.latency.max, 1),
        row.kind === 'ours' ? times(ratio(m.latency.p99, reference(row).measurement.latency.p99)) : '1.00x',
        num(m.received),
        num(m.lost),
        errorText(m),
        ms(m.clientLoopDelayP99Ms, 1),
      ];
    }),
  );
  const largest = Math.max(...rows.map((r) => r.measurement.load.boards));
  const oursLargest = rows.find((r) => r.kind === 'ours' && r.measurement.load.boards === largest)!.measurement;
  const notBehind = rows.filter((r) => r.kind === 'ours').every((r) => r.measurement.latency.p99 <= reference(r).measurement.latency.p99);
  const first = rows[0].measurement.load;
  return {
    id: 'sync',
    title: '1. Sync latency',
    markdown: [
      `Each board has ${first.clientsPerBoard} y-websocket clients (Yjs 13, in Node, on loopback); one writes the \`position\` of a node ` +
        `${first.ratePerSecond} times a second for ${first.warmupMs / 1000} s of warm-up (delivered, not timed) then ${first.durationMs / 1000} s, the other ${first.clientsPerBoard - 1} time each edit from ` +
        "the write call to their `observeDeep` callback with `performance.now()` in the same process (a board's clients " +
        `all live in one of ${first.workers} client worker processes). "R x C" is R boards of C clients. ` +
        `${ctx.quick ? '' : 'Each size runs twice per server, in the order ours, reference, reference, ours, each time on a fresh server, samples pooled. '}An update is lost when ` +
        `a receiver has not seen it ${first.graceMs / 1000} s after the last write. Errors: clients that never synced, ` +
        "connection errors, and connections closed during the run. The client loop delay is the worst client worker's " +
        'event-loop delay p99 during the run: when it is large, the clients, not the server, added the latency.',
      '',
      body,
    ].join('\n'),
    targets: [
      {
        target: `sync p99 at ${sizeLabel(oursLargest.load)} <= 10 ms`,
        figure: ms(oursLargest.latency.p99, 2),
        met: ctx.quick ? null : oursLargest.latency.p99 <= 10,
      },
      {
        target: 'sync p99 no worse than the reference at any size',
        figure: rows
          .filter((r) => r.kind === 'ours')
          .map((r) => `${r.measurement.load.boards} boards: ${ms(r.measurement.latency.p99, 2)} vs ${ms(reference(r).measurement.latency.p99, 2)}`)
          .join('; '),
        met: notBehind,
      },
    ],
    raw: rows.map((row) => ({ server: SERVER_LABEL[row.kind], kind: row.kind, measurement: forJson(row.measurement) })),
  };
}

export function errorText(m: SyncMeasurement): string {
  if (!m.errors.total) return '0';
  const parts = [];
  if (m.errors.neverSynced) parts.push(`${m.errors.neverSynced} never synced`);
  if (m.errors.connectionErrors) parts.push(`${m.errors.connectionErrors} connection errors`);
  if (m.errors.unexpectedCloses)
    parts.push(
      `${m.errors.unexpectedCloses} closes (${Object.entries(m.errors.closeCodes)
        .map(([c, n]) => `${n}x ${c}`)
        .join(', ')})`,
    );
  return parts.join(', ');
}
