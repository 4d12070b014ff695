import { ms, num, table } from './lib/format';
import { startOurs } from './lib/servers';
import { measureSync, type SyncLoad, type SyncMeasurement } from './sync/measure';
import { errorText } from './sync/syncBench';
import type { BenchContext, BenchResult } from './types';

/**
 * Benchmark 10, slow storage: our server with STORAGE_DELAY_MS (every load, write and compaction of
 * a board takes that much longer, boards side by side: server/storage/delayed.ts), echo latency
 * against the number of boards written at once, each beside the same load without the delay. On a
 * slow disk an edit should wait for about one or two writes of its own board (the one under way,
 * then the batch it joins), whatever the other boards do: the delayed row should exceed its
 * control by about the same amount at every board count.
 */
export const STORAGE_DELAY_MS = 200;

export function slowStorageLoads(quick: boolean): SyncLoad[] {
  return (quick ? [1, 3] : [1, 10, 30]).map((boards) => ({
    boards,
    clientsPerBoard: 2,
    ratePerSecond: 10,
    warmupMs: quick ? 1_000 : 2_000,
    durationMs: quick ? 2_000 : 10_000,
    graceMs: 3_000,
    workers: 2,
  }));
}

interface Row {
  delayMs: number;
  measurement: SyncMeasurement;
}

async function measure(load: SyncLoad, delayMs: number): Promise<SyncMeasurement> {
  const server = await startOurs({ env: { STORAGE_DELAY_MS: String(delayMs) } });
  try {
    return await measureSync(server, load);
  } finally {
    await server.stop();
  }
}

export async function slowStorageBenchmark(ctx: BenchContext): Promise<BenchResult> {
  const rows: Row[] = [];
  for (const load of slowStorageLoads(ctx.quick)) {
    for (const delayMs of [STORAGE_DELAY_MS, 0]) {
      ctx.log(`slow storage: ${load.boards} boards, STORAGE_DELAY_MS=${delayMs}`);
      rows.push({ delayMs, measurement: await measure(load, delayMs) });
    }
  }
  const control = (row: Row) => rows.find((r) => r.delayMs === 0 && r.measurement.load.boards === row.measurement.load.boards)!.measurement;
  const first = rows[0]!.measurement.load;
  return {
    id: 'slow-storage',
    title: '10. Slow storage',
    markdown: [
      `Our server with STORAGE_DELAY_MS=${STORAGE_DELAY_MS}: every load, write and compaction of a board waits ${STORAGE_DELAY_MS} ms before LevelDB runs it ` +
        '(calls of one board in order, boards side by side), and, as a control run right after it, the same load with no delay. ' +
        'Each board has one writer and one receiver (y-websocket clients in Node, on loopback), ' +
        `the writer at ${first.ratePerSecond} edits a second, ${first.warmupMs / 1000} s of warm-up then ${first.durationMs / 1000} s timed, a fresh server per row. ` +
        'Echo latency is from the write call to the receiver seeing it; the server relays an edit only once it is stored. ' +
        '"Added by the delay" is the p50 and p99 above the control of the same size.',
      '',
      table(
        ['boards written at once', 'STORAGE_DELAY_MS', 'p50', 'p95', 'p99', 'max', 'added by the delay (p50 / p99)', 'updates delivered', 'lost', 'errors', 'client loop delay p99'],
        rows.map(({ delayMs, measurement: m }) => [
          num(m.load.boards),
          String(delayMs),
          ms(m.latency.p50),
          ms(m.latency.p95),
          ms(m.latency.p99),
          ms(m.latency.max),
          delayMs === 0 ? '' : `${ms(m.latency.p50 - control({ delayMs, measurement: m }).latency.p50)} / ${ms(m.latency.p99 - control({ delayMs, measurement: m }).latency.p99)}`,
          num(m.received),
          num(m.lost),
          errorText(m),
          ms(m.clientLoopDelayP99Ms),
        ]),
      ),
    ].join('\n'),
    targets: [],
    raw: rows.map(({ delayMs, measurement: { samples: _samples, ...rest } }) => ({ delayMs, ...rest })),
  };
}
