import * as encoding from 'lib0/encoding';
import { loadavg } from 'node:os';
import { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { boardMaps, nodeToY } from '../../src/shared/yjsBoard';
import { PERF_NODE_OPTIONS, emptySums, grewFrom, recordPerf, removePerfMap, topLines, type PerfSums } from '../lib/perf';
import { ms } from '../lib/format';
import { readProc } from '../lib/proc';
import { startOurs, type BenchServer } from '../lib/servers';
import { summarize, type Summary } from '../lib/stats';

/**
 * The server's CPU per relayed edit, base against head: the sync benchmark's traffic (one writer and
 * `clients - 1` receivers per board, the writer moving one node `rate` times a second) sent by light
 * clients, raw WebSockets replaying edits encoded beforehand, so that on a busy machine the server
 * still gets every edit on time and its CPU time (from /proc, every thread) is what the figure holds.
 * Runs interleaved base, head, head, base; with --together, both servers at once, each board's edit sent
 * to both in the same tick, so that the load the machine's other work puts on them is the same for both
 * (each round's ratio is printed; which server gets an edit first alternates by round). Each side's relay
 * latency too: from the tick that sent an edit to its arrival at each receiver (the n-th update a receiver
 * gets is its board's n-th edit), in the same process for both sides, so with --together the two servers'
 * latencies are measured at the same moments under the same load. With --perf,
 * where that CPU went (lib/perf.ts): per function, each side's milliseconds and what grew from base to
 * head. Not part of `npm run bench`: a tool for one server change.
 *
 *   npx tsx bench/sync/serverCpu.ts --base=<checkout> [--boards=100] [--clients=4] [--seconds=10] [--rounds=2] [--warmup=2] [--together] [--perf] [--top=40]
 */
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const base = arg('base', '');
const boards = Number(arg('boards', '100'));
const clients = Number(arg('clients', '4'));
const seconds = Number(arg('seconds', '10'));
const rounds = Number(arg('rounds', '2'));
const profiling = process.argv.includes('--perf');
const together = process.argv.includes('--together');
const top = Number(arg('top', '40'));
const rate = 10;
/** Edits before the timed window: a fresh server's JIT compiles the hot paths then (its CPU is not what a running server pays per edit). */
const WARMUP_S = Number(arg('warmup', '2'));

function syncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function presence(doc: Y.Doc, name: string): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name } });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
  awareness.destroy();
  return encoding.toUint8Array(encoder);
}

/** The writer's edits, as y-websocket sends them: the probe node added, then one position per edit. */
function edits(count: number): { doc: Y.Doc; messages: Uint8Array[] } {
  const doc = new Y.Doc();
  const messages: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => messages.push(syncUpdate(update)));
  const { nodes } = boardMaps(doc);
  nodes.set('probe', nodeToY({ id: 'probe', type: 'model-server', title: 'probe', position: { x: 0, y: 0 }, props: {} }));
  const probe = nodes.get('probe')!;
  for (let seq = 1; seq <= count; seq++) probe.set('position', { x: seq, y: 0 });
  return { doc, messages };
}

async function open(server: BenchServer, room: { name: string; params: Record<string, string> }, onMessage: (data: Buffer) => void): Promise<WebSocket> {
  const ws = new WebSocket(`${server.wsUrl}/${room.name}?${new URLSearchParams(room.params)}`);
  ws.binaryType = 'nodebuffer';
  ws.on('message', onMessage);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
}

interface Run {
  cpuSeconds: number;
  edits: number;
  received: number;
  expected: number;
  /** Milliseconds from sending each edit of the timed window to its arrival, per receiver. */
  latencies: number[];
}

/** One server under the benchmark's traffic: its boards' writers and what its receivers got. */
interface Side {
  server: BenchServer;
  /** Per board: its writer, the edits left to send and when each edit sent so far left (the first: the probe node). */
  writers: Array<{ ws: WebSocket; messages: Uint8Array[]; sentAt: number[] }>;
  sockets: WebSocket[];
  received: number;
  sent: number;
  latencies: number[];
}

/** Edits sent from this moment to `timedUntil` are timed. */
let timedFrom = Infinity;
let timedUntil = Infinity;

/** A sync update message (y-websocket's relay of an edit), read from its first two bytes. */
const isUpdate = (data: Buffer) => data.length > 2 && data[0] === 0 && data[1] === 2;

async function prepare(cwd: string | undefined): Promise<Side> {
  const server = await startOurs({ cwd, env: profiling ? { NODE_OPTIONS: PERF_NODE_OPTIONS } : {} });
  const side: Side = { server, writers: [], sockets: [], received: 0, sent: 0, latencies: [] };
  for (let b = 0; b < boards; b++) {
    const room = await server.createRoom();
    const { doc, messages } = edits((WARMUP_S + seconds) * rate);
    const writer = await open(server, room, () => {});
    writer.send(presence(doc, `Writer ${b}`));
    const board = { ws: writer, messages, sentAt: [] as number[] };
    side.writers.push(board);
    side.sockets.push(writer);
    for (let c = 1; c < clients; c++) {
      let updates = 0;
      const receiver = await open(server, room, (data) => {
        side.received++;
        if (!isUpdate(data)) return;
        const sentAt = board.sentAt[updates++]!;
        if (sentAt >= timedFrom && sentAt < timedUntil) side.latencies.push(performance.now() - sentAt);
      });
      receiver.send(presence(new Y.Doc(), `Reader ${b}.${c}`));
      side.sockets.push(receiver);
    }
    board.sentAt.push(performance.now());
    writer.send(messages.shift()!);
  }
  return side;
}

/**
 * Drives every side with the same edits at the same moments (board b of each side edited in the
 * same tick, sides in the order given) and measures each server's CPU over the timed window.
 */
async function measure(sides: Side[], profiles: PerfSums[]): Promise<Run[]> {
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Each board at its own phase of the period, as independent users.
    const period = 1000 / rate;
    const timers = Array.from({ length: boards }, (_, b) =>
      setTimeout(() => {
        const tick = () => {
          const now = performance.now();
          for (const side of sides) {
            const { ws, messages, sentAt } = side.writers[b]!;
            const message = messages.shift();
            if (!message) return clearInterval(timer);
            sentAt.push(now);
            ws.send(message);
            side.sent++;
          }
        };
        const timer = setInterval(tick, period);
        tick();
      }, Math.random() * period),
    );
    await new Promise((resolve) => setTimeout(resolve, WARMUP_S * 1000));
    const recordings = profiling ? sides.map((side, i) => recordPerf(side.server.pid, profiles[i]!)) : [];
    timedFrom = performance.now();
    const before = sides.map((side) => ({ cpu: readProc(side.server.pid).cpuSeconds, sent: side.sent, received: side.received }));
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const after = sides.map((side) => ({ cpu: readProc(side.server.pid).cpuSeconds, sent: side.sent, received: side.received }));
    timedUntil = performance.now();
    await Promise.all(recordings.map((recording) => recording.stop()));
    timers.forEach(clearTimeout);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return sides.map((_, i) => {
      const editsTimed = after[i]!.sent - before[i]!.sent;
      return {
        cpuSeconds: after[i]!.cpu - before[i]!.cpu,
        edits: editsTimed,
        received: after[i]!.received - before[i]!.received,
        expected: editsTimed * (clients - 1),
        latencies: sides[i]!.latencies,
      };
    });
  } finally {
    timedFrom = timedUntil = Infinity;
    for (const side of sides) {
      for (const ws of side.sockets) ws.terminate();
      await side.server.stop();
      if (profiling) removePerfMap(side.server.pid);
    }
  }
}

const runs = { base: [] as Run[], head: [] as Run[] };
const profiles = { base: emptySums(), head: emptySums() };
const latencyText = (l: Summary) => `p50 ${ms(l.p50, 2)}, p95 ${ms(l.p95, 2)}, p99 ${ms(l.p99, 2)}, max ${ms(l.max)}`;
const report = (which: 'base' | 'head', run: Run) => {
  runs[which].push(run);
  const load = loadavg()[0]!.toFixed(1);
  console.log(
    `${which}: server CPU ${run.cpuSeconds.toFixed(2)} s for ${run.edits} edits (${((run.cpuSeconds / run.edits) * 1e6).toFixed(0)} us per edit), received ${run.received} of ~${run.expected}; ` +
      `relay ${latencyText(summarize(run.latencies))}; load ${load}`,
  );
};
for (let round = 0; round < rounds; round++) {
  if (together) {
    // Which server gets each edit first alternates from round to round.
    const order = round % 2 === 0 ? (['base', 'head'] as const) : (['head', 'base'] as const);
    const sides = [];
    for (const which of order) sides.push(await prepare(which === 'base' ? base : undefined));
    const measured = await measure(
      sides,
      order.map((which) => profiles[which]),
    );
    order.forEach((which, i) => report(which, measured[i]!));
    const perEditOf = (which: 'base' | 'head') => runs[which].at(-1)!.cpuSeconds / runs[which].at(-1)!.edits;
    console.log(`  round ${round + 1}: head / base ${(perEditOf('head') / perEditOf('base')).toFixed(3)}`);
  } else {
    for (const which of ['base', 'head', 'head', 'base'] as const) {
      const [run] = await measure([await prepare(which === 'base' ? base : undefined)], [profiles[which]]);
      report(which, run!);
    }
  }
}
const perEdit = { base: 0, head: 0 };
for (const which of ['base', 'head'] as const) {
  const cpu = runs[which].reduce((s, r) => s + r.cpuSeconds, 0);
  const edits = runs[which].reduce((s, r) => s + r.edits, 0);
  perEdit[which] = cpu / edits;
  console.log(
    `${which}: ${cpu.toFixed(2)} s server CPU for ${edits} edits: ${(perEdit[which] * 1e6).toFixed(0)} us per edit; relay ${latencyText(summarize(runs[which].flatMap((r) => r.latencies)))}`,
  );
}
console.log(`head / base: ${(perEdit.head / perEdit.base).toFixed(3)}`);
if (profiling) {
  for (const which of ['base', 'head'] as const) {
    const { all, self, total } = profiles[which];
    console.log(`\n${which}: self time (of ${all.toFixed(0)} ms CPU sampled)\n${topLines(self, all, top).join('\n')}`);
    console.log(`\n${which}: total time\n${topLines(total, all, top).join('\n')}`);
  }
  const more = profiles.head.all - profiles.base.all;
  console.log(`\nself time, head minus base (${more.toFixed(0)} ms more in all)\n${topLines(grewFrom(profiles.base.self, profiles.head.self), more, top).join('\n')}`);
  console.log(`\ntotal time, head minus base\n${topLines(grewFrom(profiles.base.total, profiles.head.total), more, top).join('\n')}`);
}
