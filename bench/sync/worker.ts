import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { boardMaps, nodeToY } from '../../src/shared/yjsBoard';
import type { Room } from '../lib/servers';
import type { ParentMessage, SetupMessage, WorkerErrors, WorkerMessage } from './protocol';

/**
 * One client process of the sync benchmark. It holds every client of the boards it is given, so a
 * board's writer and its receivers share one clock (performance.now): the writer notes when it
 * made each edit, a receiver notes when the edit arrived. The edit is what a committed drag writes
 * (the `position` of one node), through y-websocket as the app sends it.
 */
const PROBE = 'probe';
// y-websocket adds a process 'exit' listener per provider; thousands of providers are intended here.
process.setMaxListeners(0);
const CONNECT_BATCH = 50;

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: boolean;
}

interface Board {
  writer: Client;
  receivers: Client[];
  /** How many edits the writer made; the edit numbered n writes position.x = n. */
  writes: number;
  /** seq -> when the writer made the edit. */
  sent: number[];
  /** Per receiver, the highest seq seen. */
  seen: number[];
  received: number;
  timer?: NodeJS.Timeout;
}

const errors: WorkerErrors = { neverSynced: 0, connectionErrors: 0, unexpectedCloses: 0, closeCodes: {} };
const latencies: number[] = [];
/** Edits made before this moment (the warm-up) are not timed. */
let timedFrom = Infinity;
let stopping = false;
let boards: Board[] = [];

function send(message: WorkerMessage): void {
  process.send?.(message);
}

function connect(wsUrl: string, room: Room): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, room.name, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: room.params,
    disableBc: true,
    maxBackoffTime: 1000,
  });
  const client: Client = { doc, provider, synced: false };
  provider.on('sync', (synced: boolean) => {
    if (synced) client.synced = true;
  });
  provider.on('connection-error', () => {
    if (!stopping) errors.connectionErrors++;
  });
  provider.on('connection-close', (event) => {
    if (stopping || !client.synced) return;
    errors.unexpectedCloses++;
    const code = String(event?.code ?? 'none');
    errors.closeCodes[code] = (errors.closeCodes[code] ?? 0) + 1;
  });
  return client;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

async function setup(message: SetupMessage): Promise<void> {
  const all: Client[] = [];
  // Connect in batches, each waiting for its first sync, so the server is not asked for thousands
  // of handshakes in the same millisecond (that would measure connection storms, not sync).
  const boardsPerBatch = Math.max(1, Math.floor(CONNECT_BATCH / message.clientsPerBoard));
  for (let i = 0; i < message.rooms.length; i += boardsPerBatch) {
    const batch = message.rooms.slice(i, i + boardsPerBatch);
    const fresh: Client[] = [];
    for (const room of batch) {
      const clients = Array.from({ length: message.clientsPerBoard }, () => connect(message.wsUrl, room));
      fresh.push(...clients);
      boards.push({ writer: clients[0], receivers: clients.slice(1), writes: 0, sent: [], seen: clients.slice(1).map(() => 0), received: 0 });
    }
    all.push(...fresh);
    await until(() => fresh.every((c) => c.synced), message.connectTimeoutMs);
  }
  errors.neverSynced = all.filter((c) => !c.synced).length;
  // The writer adds the probe node; every receiver must hold it before the clock starts.
  for (const board of boards) {
    const { nodes } = boardMaps(board.writer.doc);
    nodes.set(PROBE, nodeToY({ id: PROBE, type: 'model-server', title: 'probe', position: { x: 0, y: 0 }, props: {} }));
    board.receivers.forEach((receiver, index) => observe(board, receiver, index));
  }
  await until(() => boards.every((b) => b.receivers.every((r) => boardMaps(r.doc).nodes.has(PROBE))), message.connectTimeoutMs);
  send({ type: 'ready', clients: all.length, synced: all.length - errors.neverSynced });
}

function observe(board: Board, receiver: Client, index: number): void {
  const { nodes } = boardMaps(receiver.doc);
  nodes.observeDeep(() => {
    const now = performance.now();
    const position = nodes.get(PROBE)?.get('position') as { x: number } | undefined;
    const seq = position?.x ?? 0;
    if (seq <= board.seen[index]) return;
    board.seen[index] = seq;
    board.received++;
    if (board.sent[seq] >= timedFrom) latencies.push(Math.round((now - board.sent[seq]) * 1000) / 1000);
  });
}

async function run(message: SetupMessage): Promise<void> {
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  setTimeout(() => loopDelay.enable(), message.warmupMs);
  const period = 1000 / message.ratePerSecond;
  timedFrom = performance.now() + message.warmupMs;
  for (const board of boards) {
    const probe = boardMaps(board.writer.doc).nodes.get(PROBE)!;
    const write = () => {
      const seq = ++board.writes;
      board.sent[seq] = performance.now();
      probe.set('position', { x: seq, y: 0 });
    };
    // A random phase per board spreads the writes over the period, as independent users would.
    setTimeout(() => {
      write();
      board.timer = setInterval(write, period);
    }, Math.random() * period);
  }
  await new Promise((resolve) => setTimeout(resolve, message.warmupMs + message.durationMs));
  for (const board of boards) clearInterval(board.timer);
  loopDelay.disable();
  const expected = boards.reduce((sum, b) => sum + b.writes * b.receivers.length, 0);
  const received = () => boards.reduce((sum, b) => sum + b.received, 0);
  await until(() => received() >= expected, message.graceMs);
  send({
    type: 'result',
    latencies,
    sent: boards.reduce((sum, b) => sum + b.writes, 0),
    expected,
    received: received(),
    errors,
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    loopDelayMaxMs: loopDelay.max / 1e6,
  });
}

let setupMessage: SetupMessage | undefined;
process.on('message', (message: ParentMessage) => {
  const fail = (error: unknown) => send({ type: 'failed', error: String((error as Error)?.stack ?? error) });
  if (message.type === 'setup') {
    setupMessage = message;
    setup(message).catch(fail);
  } else if (message.type === 'start' && setupMessage) {
    run(setupMessage).catch(fail);
  } else if (message.type === 'stop') {
    stopping = true;
    for (const board of boards) for (const client of [board.writer, ...board.receivers]) client.provider.destroy();
    boards = [];
    setTimeout(() => process.exit(0), 100);
  }
});
process.on('disconnect', () => process.exit(0));
