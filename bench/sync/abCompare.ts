import { ms, num } from '../lib/format';
import { startOurs } from '../lib/servers';
import { measureSync, mergeRuns, type SyncLoad, type SyncMeasurement } from './measure';

/**
 * A/B of a server change: the sync latency of this checkout's server against another checkout's
 * (`--base=<dir>`, e.g. a `git worktree` of main), runs interleaved base, this, this, base so a
 * machine getting busier favours neither. Not part of `npm run bench`; a tool for one change.
 *
 *   npx tsx bench/sync/abCompare.ts --base=/tmp/base [--boards=100] [--clients=4] [--seconds=10] [--rounds=1] [--env=STORAGE_DELAY_MS=200 ...]
 */
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
/** Settings both servers get, e.g. --env=STORAGE_DELAY_MS=200. */
const env = Object.fromEntries(process.argv.filter((a) => a.startsWith('--env=')).map((a) => a.slice('--env='.length).split(/=(.*)/s, 2) as [string, string]));
const base = arg('base', '');
if (!base) throw new Error('--base=<another checkout> is required');
const load: SyncLoad = {
  boards: Number(arg('boards', '100')),
  clientsPerBoard: Number(arg('clients', '4')),
  ratePerSecond: 10,
  warmupMs: 2_000,
  durationMs: Number(arg('seconds', '10')) * 1000,
  graceMs: 3_000,
  workers: 2,
};
const rounds = Number(arg('rounds', '1'));
const runs = { base: [] as SyncMeasurement[], head: [] as SyncMeasurement[] };
for (let round = 0; round < rounds; round++) {
  for (const which of ['base', 'head', 'head', 'base'] as const) {
    const server = await startOurs(which === 'base' ? { cwd: base, env } : { env });
    try {
      const m = await measureSync(server, load);
      runs[which].push(m);
      process.stderr.write(`${which}: p50 ${ms(m.latency.p50)} p99 ${ms(m.latency.p99)} lost ${m.lost} errors ${m.errors.total} server CPU ${m.server.cpuSeconds.toFixed(2)} s\n`);
    } finally {
      await server.stop();
    }
  }
}
for (const which of ['base', 'head'] as const) {
  const m = mergeRuns(runs[which]);
  console.log(
    `${which}: ${num(m.received)} received, p50 ${ms(m.latency.p50)}, p95 ${ms(m.latency.p95)}, p99 ${ms(m.latency.p99)}, max ${ms(m.latency.max)}, lost ${m.lost}, errors ${m.errors.total}, server CPU ${m.server.cpuSeconds.toFixed(2)} s`,
  );
}
