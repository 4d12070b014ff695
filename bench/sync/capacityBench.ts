import { kb, ms, num, pct, table, times } from '../lib/format';
import { SERVER_LABEL, type ServerKind } from '../lib/servers';
import { ratio } from '../lib/stats';
import type { BenchContext, BenchResult } from '../types';
import { forJson, type SyncLoad, type SyncMeasurement } from './measure';
import { errorText, runOnFreshServer, WRITES_PER_SECOND } from './syncBench';

/**
 * Benchmark 2, capacity: the sync load of benchmark 1 (boards of 4 clients, one writer each) with
 * more and more boards, a fresh server per step, until p99 passes 100 ms or an update is lost or
 * any error appears. The largest client count before that is what the server held. Memory per
 * client is the RSS the step's connections added to the idle server; CPU per client is the
 * server's CPU time per second of writing, divided by the clients.
 */
const KINDS: ServerKind[] = ['ours', 'reference'];
const P99_LIMIT_MS = 100;
export const CLIENTS_PER_BOARD = 4;

function steps(quick: boolean): number[] {
  return quick ? [8] : [50, 100, 150, 200, 250, 375, 500, 625, 750, 1000, 1500, 2000, 3000];
}

/** The load of one step: `boards` boards of CLIENTS_PER_BOARD clients. */
export function capacityLoad(boards: number, quick: boolean): SyncLoad {
  return {
    boards,
    clientsPerBoard: CLIENTS_PER_BOARD,
    ratePerSecond: WRITES_PER_SECOND,
    warmupMs: quick ? 500 : 3_000,
    durationMs: quick ? 2_000 : 10_000,
    graceMs: quick ? 1_000 : 3_000,
    workers: 2,
  };
}

export function held(m: SyncMeasurement): boolean {
  return m.latency.p99 <= P99_LIMIT_MS && m.errors.total === 0 && m.lost === 0;
}

interface Capacity {
  kind: ServerKind;
  steps: SyncMeasurement[];
  /** The last step that held, if any. */
  best: SyncMeasurement | undefined;
}

const perClientMemory = (m: SyncMeasurement) => (m.server.rssConnectedBytes - m.server.rssIdleBytes) / m.clients;
/** Server CPU milliseconds per second per client while writing. */
const perClientCpu = (m: SyncMeasurement) => (m.server.cpuCores * 1000) / m.clients;

export async function capacityBenchmark(ctx: BenchContext): Promise<BenchResult> {
  const results: Capacity[] = [];
  for (const kind of KINDS) {
    const done: SyncMeasurement[] = [];
    for (const boards of steps(ctx.quick)) {
      ctx.log(`capacity: ${kind}, ${boards} boards x ${CLIENTS_PER_BOARD}`);
      const m = await runOnFreshServer(kind, capacityLoad(boards, ctx.quick));
      done.push(m);
      if (!held(m)) break;
    }
    results.push({ kind, steps: done, best: done.filter(held).at(-1) });
  }
  const stepTable = table(
    ['server', 'clients', 'p99', 'max', 'lost', 'errors', 'held', 'server CPU', 'server RSS', 'client loop delay p99'],
    results.flatMap((r) =>
      r.steps.map((m) => [
        r.kind,
        num(m.clients),
        ms(m.latency.p99, 1),
        ms(m.latency.max, 1),
        num(m.lost),
        errorText(m),
        held(m) ? 'yes' : 'no',
        pct(m.server.cpuCores, 0) + ' of a core',
        `${num(m.server.rssPeakBytes / 1024 / 1024)} MB`,
        ms(m.clientLoopDelayP99Ms, 1),
      ]),
    ),
  );
  const ours = results.find((r) => r.kind === 'ours')!;
  const reference = results.find((r) => r.kind === 'reference')!;
  const heldClients = (r: Capacity) => r.best?.clients ?? 0;
  const reachedTop = (r: Capacity) => r.steps.length === steps(ctx.quick).length && r.best === r.steps.at(-1);
  const summary = table(
    ['server', 'largest client count held', 'vs reference', 'server CPU per client', 'server memory per client'],
    results.map((r) => [
      SERVER_LABEL[r.kind],
      r.best ? `${num(heldClients(r))}${reachedTop(r) ? ' (every step held)' : ''}` : 'none',
      times(ratio(heldClients(r), heldClients(reference))),
      r.best ? `${perClientCpu(r.best).toFixed(3)} ms/s` : 'n/a',
      r.best ? kb(perClientMemory(r.best)) : 'n/a',
    ]),
  );
  return {
    id: 'capacity',
    title: '2. Capacity',
    markdown: [
      `Boards of ${CLIENTS_PER_BOARD} clients, one writer each at ${WRITES_PER_SECOND} edits a second, ${capacityLoad(1, ctx.quick).warmupMs / 1000} s of warm-up then ${capacityLoad(1, ctx.quick).durationMs / 1000} s timed per step, ` +
        `a fresh server per step; steps of ${steps(ctx.quick)
          .map((b) => num(b * CLIENTS_PER_BOARD))
          .join(', ')} clients, stopping at the ` +
        `first step where p99 passes ${P99_LIMIT_MS} ms, an update is lost or an error appears. Server CPU and RSS come from ` +
        '/proc/<pid>/stat and /proc/<pid>/status; CPU per client is server CPU milliseconds per second of writing, per client; ' +
        'memory per client is the RSS the connections added to the idle server, per client (at the largest step held). ' +
        'Servers and clients share the same machine, so the figures are a floor for the server, not its limit on a dedicated host.',
      '',
      summary,
      '',
      stepTable,
    ].join('\n'),
    targets: [
      {
        target: 'capacity above the reference',
        figure: `${num(heldClients(ours))} vs ${num(heldClients(reference))} clients`,
        met: ctx.quick ? null : reachedTop(ours) && reachedTop(reference) ? null : heldClients(ours) > heldClients(reference),
      },
    ],
    raw: results.map((r) => ({ kind: r.kind, steps: r.steps.map(forJson) })),
  };
}
