import { loadavg } from 'node:os';
import { ms, num, pct } from '../lib/format';
import { startOurs, startReference, type BenchServer } from '../lib/servers';
import { CLIENTS_PER_BOARD, capacityLoad, held } from './capacityBench';
import { errorText, measureOnFreshServer } from './syncBench';
import type { SyncMeasurement } from './measure';

/**
 * Capacity of this checkout's server ("head"), another checkout's (`--base=<dir>`) and the reference
 * server, step by step: each step of the capacity benchmark's load (boards of 4 clients, one writer
 * each, a fresh server per run) runs on the three servers in turn, `--rounds` times, the order reversed
 * every other round (head, base, reference, then reference, base, head), so a machine getting busier or
 * quieter favours none. Where `npm run bench`'s capacity section runs each server's steps in a row and
 * stops at its first failure, this compares the servers at the same steps and moments. Not part of
 * `npm run bench`: a tool for one server change.
 *
 *   npx tsx bench/sync/capacityCompare.ts --base=<checkout> [--clients=1000,1500,2000] [--rounds=2]
 */
type Which = 'head' | 'base' | 'reference';
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const base = arg('base', '');
if (!base) throw new Error('--base=<another checkout> is required');
const clientSteps = arg('clients', '1000,1500,2000').split(',').map(Number);
const rounds = Number(arg('rounds', '2'));
const ORDER: Which[] = ['head', 'base', 'reference'];

function start(which: Which): Promise<BenchServer> {
  if (which === 'reference') return startReference();
  return startOurs(which === 'base' ? { cwd: base } : {});
}

const results = new Map<string, SyncMeasurement[]>();
for (const clients of clientSteps) {
  const load = capacityLoad(Math.round(clients / CLIENTS_PER_BOARD), false);
  for (let round = 0; round < rounds; round++) {
    for (const which of round % 2 === 0 ? ORDER : [...ORDER].reverse()) {
      const m = await measureOnFreshServer(() => start(which), load);
      const key = `${clients} ${which}`;
      results.set(key, [...(results.get(key) ?? []), m]);
      console.log(
        `${num(m.clients)} clients, ${which}: p99 ${ms(m.latency.p99)}, max ${ms(m.latency.max)}, lost ${m.lost}, errors ${errorText(m)}, ${held(m) ? 'held' : 'not held'}; ` +
          `server CPU ${pct(m.server.cpuCores, 0)} of a core, RSS peak ${num(m.server.rssPeakBytes / 1024 / 1024)} MB; client loop delay p99 ${ms(m.clientLoopDelayP99Ms)}; load ${loadavg()[0]!.toFixed(1)}`,
      );
    }
  }
}
console.log('\nclients | server | held | p99 per run | server CPU per run');
for (const clients of clientSteps) {
  for (const which of ORDER) {
    const runs = results.get(`${clients} ${which}`) ?? [];
    console.log(
      `${num(clients)} | ${which} | ${runs.filter(held).length} of ${runs.length} | ${runs.map((m) => ms(m.latency.p99)).join(', ')} | ${runs.map((m) => pct(m.server.cpuCores, 0)).join(', ')}`,
    );
  }
}
