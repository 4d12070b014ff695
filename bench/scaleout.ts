import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { dropSchema } from '../server/test/scaleoutEnv';
import { ms, num, table } from './lib/format';
import { describeMachine } from './lib/machine';
import { RESULTS_DIR } from './lib/paths';
import { startOurs, type BenchServer } from './lib/servers';
import { summarize, type Summary } from './lib/stats';

/**
 * Sync latency across two server processes vs one (scale-out mode, docs/DEPLOY.md).
 *
 *   npx tsx bench/scaleout.ts [--quick]
 *
 * Each board has a writer and a reader, both y-websocket clients in this process (one clock). The
 * writer sets a new key to performance.now() at a steady rate; the reader records how long each
 * key took to arrive (after a warm-up whose keys are not counted: the first writes open the database
 * connections). Setups:
 *   - one process, LevelDB (the default mode): writer and reader on the same process;
 *   - one process, PostgreSQL + Redis: writer and reader on the same scale-out process;
 *   - two processes, PostgreSQL + Redis: writer on A, reader on B (stored by A, published through
 *     Redis, applied and relayed by B).
 * The scale-out setups need DATABASE_URL and REDIS_URL; without them only the first row is measured.
 * Writes bench/results/scaleout.json; prints the Markdown section on stdout (progress on stderr).
 */

const quick = process.argv.includes('--quick');
const LOAD = quick ? { boards: 2, ratePerSecond: 10, durationMs: 2_000, warmUpMs: 500 } : { boards: 10, ratePerSecond: 10, durationMs: 20_000, warmUpMs: 2_000 };
/** Time allowed after the last write for the last keys to arrive; later ones count as lost. */
const GRACE_MS = 3_000;

// Every y-websocket provider adds a process 'exit' listener: two per board.
process.setMaxListeners(LOAD.boards * 2 + 10);

const log = (message: string) => process.stderr.write(`[scaleout] ${message}\n`);

interface Measurement {
  id: string;
  label: string;
  latency: Summary;
  sent: number;
  received: number;
}

function client(server: BenchServer, room: string, token: string): { doc: Y.Doc; provider: WebsocketProvider; synced: Promise<void> } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.wsUrl, room, doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, params: { token }, disableBc: true });
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, provider, synced };
}

async function measure(id: string, label: string, writerServer: BenchServer, readerServer: BenchServer): Promise<Measurement> {
  log(`${label}: ${LOAD.boards} boards, ${LOAD.ratePerSecond} edits/s each, ${LOAD.durationMs / 1000} s`);
  const rooms = await Promise.all(Array.from({ length: LOAD.boards }, () => writerServer.createRoom()));
  const pairs = rooms.map((room) => ({ writer: client(writerServer, room.name, room.params.token!), reader: client(readerServer, room.name, room.params.token!) }));
  await Promise.all(pairs.flatMap((pair) => [pair.writer.synced, pair.reader.synced]));
  const samples: number[] = [];
  for (const { reader } of pairs) {
    reader.doc.getMap<number>('bench').observe((event) => {
      const now = performance.now();
      for (const key of event.keysChanged) if (key.startsWith('k')) samples.push(now - reader.doc.getMap<number>('bench').get(key)!);
    });
  }
  let sent = 0;
  let warmUp = true;
  const timer = setInterval(() => {
    for (const { writer } of pairs) writer.doc.getMap<number>('bench').set(warmUp ? `w${randomBytes(4).toString('hex')}` : `k${sent++}`, performance.now());
  }, 1000 / LOAD.ratePerSecond);
  await new Promise((resolve) => setTimeout(resolve, LOAD.warmUpMs));
  warmUp = false;
  await new Promise((resolve) => setTimeout(resolve, LOAD.durationMs));
  clearInterval(timer);
  const deadline = Date.now() + GRACE_MS;
  while (samples.length < sent && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const pair of pairs) {
    pair.writer.provider.destroy();
    pair.reader.provider.destroy();
  }
  return { id, label, latency: summarize(samples), sent, received: samples.length };
}

async function main(): Promise<void> {
  const machine = describeMachine();
  const results: Measurement[] = [];
  const servers: BenchServer[] = [];
  const scaleOut = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
  const schema = `mldb_bench_${randomBytes(6).toString('hex')}`;
  try {
    const single = await startOurs();
    servers.push(single);
    results.push(await measure('leveldb-1', 'one process, LevelDB (default mode)', single, single));
    if (scaleOut) {
      const env = { DATABASE_URL: process.env.DATABASE_URL!, REDIS_URL: process.env.REDIS_URL!, DATABASE_SCHEMA: schema, BOARD_SECRET: randomBytes(24).toString('base64url') };
      const [a, b] = await Promise.all([startOurs({ env }), startOurs({ env })]);
      servers.push(a, b);
      results.push(await measure('postgres-1', 'one process, PostgreSQL + Redis', a, a));
      results.push(await measure('postgres-2', 'two processes, PostgreSQL + Redis (writer on A, reader on B)', a, b));
    } else {
      log('DATABASE_URL and REDIS_URL are not set: the scale-out rows are skipped');
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    if (scaleOut) await dropSchema(schema);
  }

  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'scaleout.json'), JSON.stringify({ date: new Date().toISOString(), quick, load: { ...LOAD, graceMs: GRACE_MS }, machine, results, scaleOut }, null, 2) + '\n');

  const rows = results.map((r) => [r.label, num(r.received), ms(r.latency.p50), ms(r.latency.p95), ms(r.latency.p99), ms(r.latency.max), num(r.sent - r.received)]);
  const byId = new Map(results.map((r) => [r.id, r.latency]));
  const one = byId.get('postgres-1');
  const two = byId.get('postgres-2');
  console.log(
    [
      `Sync latency from a writer's edit to a reader's copy: ${LOAD.boards} boards, ${LOAD.ratePerSecond} edits/s on each, ${LOAD.durationMs / 1000} s${quick ? ' (quick mode: too few samples to mean anything)' : ''}.`,
      `Machine: ${machine.cores} cores, ${machine.cpu}, load average ${machine.loadAverage.join(' / ')} at the start; commit ${machine.commit}.`,
      '',
      table(['setup', 'samples', 'p50', 'p95', 'p99', 'max', 'lost'], rows),
      '',
      one && two
        ? `Two processes vs one (scale-out mode): p50 ${ms(two.p50)} vs ${ms(one.p50)}, p99 ${ms(two.p99)} vs ${ms(one.p99)}. Across processes an update takes one more hop (Redis) and is applied by B before B relays it; in both rows it is committed to PostgreSQL before any reader gets it.`
        : 'Scale-out rows not measured: run with DATABASE_URL and REDIS_URL set (docs/DEPLOY.md).',
    ].join('\n'),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${(error as Error)?.stack ?? String(error)}`);
    process.exit(1);
  },
);
