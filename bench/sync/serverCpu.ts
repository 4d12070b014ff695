import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { boardMaps, nodeToY } from '../../src/shared/yjsBoard';
import { PERF_NODE_OPTIONS, emptySums, grewFrom, recordPerf, removePerfMap, topLines, type PerfSums } from '../lib/perf';
import { readProc } from '../lib/proc';
import { startOurs, type BenchServer } from '../lib/servers';

/**
 * The server's CPU per relayed edit, base against head: the sync benchmark's traffic (one writer and
 * `clients - 1` receivers per board, the writer moving one node `rate` times a second) sent by light
 * clients, raw WebSockets replaying edits encoded beforehand, so that on a busy machine the server
 * still gets every edit on time and its CPU time (from /proc, every thread) is what the figure holds.
 * Runs interleaved base, head, head, base. With --perf, where that CPU went (lib/perf.ts): per function,
 * each side's milliseconds and what grew from base to head. Not part of `npm run bench`: a tool for one server change.
 *
 *   npx tsx bench/sync/serverCpu.ts --base=<checkout> [--boards=100] [--clients=4] [--seconds=10] [--rounds=2] [--warmup=2] [--perf] [--top=40]
 */
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const base = arg('base', '');
const boards = Number(arg('boards', '100'));
const clients = Number(arg('clients', '4'));
const seconds = Number(arg('seconds', '10'));
const rounds = Number(arg('rounds', '2'));
const profiling = process.argv.includes('--perf');
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

async function open(server: BenchServer, room: { name: string; params: Record<string, string> }, onMessage: () => void): Promise<WebSocket> {
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
}

async function measure(cwd: string | undefined, profile: PerfSums): Promise<Run> {
  const server = await startOurs({ cwd, env: profiling ? { NODE_OPTIONS: PERF_NODE_OPTIONS } : {} });
  const sockets: WebSocket[] = [];
  try {
    let received = 0;
    const writers: Array<{ ws: WebSocket; messages: Uint8Array[] }> = [];
    for (let b = 0; b < boards; b++) {
      const room = await server.createRoom();
      const { doc, messages } = edits((WARMUP_S + seconds) * rate);
      const writer = await open(server, room, () => {});
      writer.send(presence(doc, `Writer ${b}`));
      writers.push({ ws: writer, messages });
      sockets.push(writer);
      for (let c = 1; c < clients; c++) {
        const receiver = await open(server, room, () => received++);
        receiver.send(presence(new Y.Doc(), `Reader ${b}.${c}`));
        sockets.push(receiver);
      }
      writer.send(messages.shift()!);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Each board at its own phase of the period, as independent users.
    const period = 1000 / rate;
    let sent = 0;
    const timers = writers.map(({ ws, messages }) =>
      setTimeout(() => {
        const tick = () => {
          const message = messages.shift();
          if (!message) return clearInterval(timer);
          ws.send(message);
          sent++;
        };
        const timer = setInterval(tick, period);
        tick();
      }, Math.random() * period),
    );
    await new Promise((resolve) => setTimeout(resolve, WARMUP_S * 1000));
    const recording = profiling ? recordPerf(server.pid, profile) : null;
    const start = readProc(server.pid);
    const [sentBefore, receivedBefore] = [sent, received];
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const end = readProc(server.pid);
    await recording?.stop();
    const editsTimed = sent - sentBefore;
    timers.forEach(clearTimeout);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return { cpuSeconds: end.cpuSeconds - start.cpuSeconds, edits: editsTimed, received: received - receivedBefore, expected: editsTimed * (clients - 1) };
  } finally {
    for (const ws of sockets) ws.terminate();
    await server.stop();
    if (profiling) removePerfMap(server.pid);
  }
}

const runs = { base: [] as Run[], head: [] as Run[] };
const profiles = { base: emptySums(), head: emptySums() };
for (let round = 0; round < rounds; round++) {
  for (const which of ['base', 'head', 'head', 'base'] as const) {
    const run = await measure(which === 'base' ? base : undefined, profiles[which]);
    runs[which].push(run);
    const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
    console.log(
      `${which}: server CPU ${run.cpuSeconds.toFixed(2)} s for ${run.edits} edits (${((run.cpuSeconds / run.edits) * 1e6).toFixed(0)} us per edit), received ${run.received} of ~${run.expected}, load ${load}`,
    );
  }
}
for (const which of ['base', 'head'] as const) {
  const cpu = runs[which].reduce((s, r) => s + r.cpuSeconds, 0);
  const edits = runs[which].reduce((s, r) => s + r.edits, 0);
  console.log(`${which}: ${cpu.toFixed(2)} s server CPU for ${edits} edits: ${((cpu / edits) * 1e6).toFixed(0)} us per edit`);
}
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
