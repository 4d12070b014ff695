import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { encodeAwareness, encodeSyncStep1 } from '../server/protocol';
import { mb, ms, num, table } from './lib/format';
import { BENCH_DIR } from './lib/paths';
import { startOurs, type BenchServer, type Room } from './lib/servers';
import type { HonestReply, HonestRequest } from './fairnessHonest';
import { summarize, type Summary } from './lib/stats';
import { syncUpdateMessage } from '../server/test/poison';
import { cards, open } from './memory';
import type { BenchContext, BenchResult } from './types';

/**
 * Benchmark 12, fair cost per client: the echo latency of a small edit on one board (an honest
 * writer and reader) while one client floods another board, against the same edits just before,
 * with nobody flooding. Two floods, each from one address as the probe ran them: full-document sync
 * requests on a large board (reconnecting whenever the server closes the connection), and the
 * largest awareness state the server accepts, changed as fast as it allows, fanned out to 45 peers.
 */
const PEERS = 45;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The honest writer and reader (bench/fairnessHonest.ts) on a small board of their own, in a process of their own, connected before any flood starts. */
class HonestPair {
  private constructor(private readonly child: ChildProcess) {}

  static async open(server: BenchServer): Promise<HonestPair> {
    const room = await server.createRoom();
    const url = `${server.wsUrl}/${room.name}?token=${encodeURIComponent(room.params.token!)}`;
    const pair = new HonestPair(fork(join(BENCH_DIR, 'fairnessHonest.ts'), [url], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    await pair.reply();
    return pair;
  }

  private reply(): Promise<HonestReply> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the honest clients exited (${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (message: HonestReply) => {
        this.child.off('exit', onExit);
        if ('failed' in message) reject(new Error(`the honest clients failed: ${message.failed}`));
        else resolve(message);
      });
    });
  }

  /** Edits on the honest board for `seconds`, one at a time: from sending to the reader receiving it (ms). */
  async time(seconds: number): Promise<number[]> {
    const reply = this.reply();
    this.child.send({ seconds } satisfies HonestRequest);
    return ((await reply) as { latencies: number[] }).latencies;
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    if (this.child.connected) this.child.send({ stop: true } satisfies HonestRequest);
    else this.child.kill();
    await exited;
  }
}

/** Fills a board with cards to about `bytes`; a reader stays on it, so it stays loaded. */
async function largeBoard(server: BenchServer, bytes: number) {
  const room = await server.createRoom();
  const keeper = await open(server, room);
  let relayed = 0;
  keeper.on('message', (data: Buffer) => (relayed += data.length));
  const writer = await open(server, room);
  let sent = 0;
  for (let i = 0; sent < bytes; i++) {
    const update = cards(`f${i}`, 4_000);
    writer.send(syncUpdateMessage(update));
    sent += update.length;
    await sleep(150);
  }
  // Stored and relayed: the board is all there before anyone floods it.
  while (relayed < sent) await sleep(200);
  writer.close();
  return { room, keeper };
}

/** One client reads the whole board once, as a first visitor does. */
async function wholeBoardOnce(server: BenchServer, room: Room): Promise<void> {
  const socket = await open(server, room);
  const answered = new Promise<void>((resolve) => socket.on('message', (data: Buffer) => data[0] === 0 && data[1] === 1 && resolve()));
  socket.send(encodeSyncStep1(new Y.Doc()));
  await answered;
  socket.close();
}

/** Asks for the whole document again and again, reconnecting whenever the server closes the connection; returns the bytes received. */
async function syncFlood(server: BenchServer, room: Room, until: number): Promise<{ bytes: number; connections: number; refused: number }> {
  const request = encodeSyncStep1(new Y.Doc());
  let bytes = 0;
  let connections = 0;
  let refused = 0;
  while (performance.now() < until) {
    let socket: WebSocket;
    try {
      socket = await open(server, room);
    } catch {
      refused++;
      await sleep(50);
      continue;
    }
    connections++;
    socket.on('message', (data: Buffer) => (bytes += data.length));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    while (socket.readyState === socket.OPEN && performance.now() < until) {
      socket.send(request);
      await Promise.race([closed, sleep(20)]);
    }
    socket.close();
  }
  return { bytes, connections, refused };
}

function awarenessMessage(client: number, clock: number, json: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, json);
  return encodeAwareness(encoding.toUint8Array(encoder));
}

/** 45 peers on a board. */
async function crowd(server: BenchServer): Promise<{ room: Room; peers: WebSocket[] }> {
  const room = await server.createRoom();
  return { room, peers: await Promise.all(Array.from({ length: PEERS }, () => open(server, room))) };
}

/** One of the crowd changes a state just under the cap as fast as the server lets it (reconnecting when closed). Returns the bytes the peers received. */
async function awarenessFlood(
  server: BenchServer,
  { room, peers }: { room: Room; peers: WebSocket[] },
  stateBytes: number,
  until: number,
): Promise<{ bytes: number; sent: number; connections: number; refused: number }> {
  let bytes = 0;
  const count = (data: Buffer) => (bytes += data.length);
  for (const peer of peers) peer.on('message', count);
  let sent = 0;
  let sender: WebSocket | null = null;
  let connections = 0;
  let refused = 0;
  const client = 4242;
  while (performance.now() < until) {
    if (sender?.readyState !== WebSocket.OPEN) {
      try {
        sender = await open(server, room);
      } catch {
        refused++;
        await sleep(50);
        continue;
      }
      connections++;
    }
    sender.send(awarenessMessage(client, ++sent, JSON.stringify({ user: { name: 'flood' }, blob: 'x'.repeat(stateBytes - 40) })));
    await sleep(1);
  }
  sender?.close();
  for (const peer of peers) peer.off('message', count);
  return { bytes, sent, connections, refused };
}

/**
 * Honest edits for `seconds` without a flood, then for `seconds` during one, twice over (the machine's load
 * drifts; alternating gives both conditions the same share of it): the latencies of each condition together.
 */
async function alternate(honest: HonestPair, seconds: number, flood: (until: number) => Promise<void>): Promise<[Summary, Summary]> {
  const without: number[] = [];
  const during: number[] = [];
  for (let round = 0; round < 2; round++) {
    without.push(...(await honest.time(seconds)));
    const [latencies] = await Promise.all([honest.time(seconds), flood(performance.now() + seconds * 1000 + 1_000)]);
    during.push(...latencies);
  }
  return [summarize(without), summarize(during)];
}

export async function fairnessBenchmark(ctx: BenchContext): Promise<BenchResult> {
  const seconds = ctx.quick ? 2 : 10;
  const boardBytes = ctx.quick ? 1024 * 1024 : 15.7 * 1024 * 1024;
  // One address for everyone, as in the probe: the per-address limits are part of what is measured.
  const server = await startOurs({
    env: {
      MAX_CONNECTIONS_PER_ADDRESS: '100',
      UPGRADES_PER_MINUTE_PER_ADDRESS: '120',
      UPGRADE_BURST_PER_ADDRESS: '50',
      SYNC_REQUESTS_PER_MINUTE_PER_ADDRESS: '60',
      SYNC_REQUEST_BURST_PER_ADDRESS: '30',
      AWARENESS_BYTES_PER_SECOND_PER_ADDRESS: '262144',
      SYNC_ANSWER_BYTES_PER_SECOND_PER_ADDRESS: String(2 * 1024 * 1024),
      AWARENESS_FANOUT_BYTES_PER_SECOND_PER_ADDRESS: String(4 * 1024 * 1024),
    },
  });
  const honest = await HonestPair.open(server);
  try {
    // The crowd connects first: after a flood, its address may not open 45 connections at once.
    const onBoard = await crowd(server);
    ctx.log(`fairness: a ${mb(boardBytes)} board`);
    const large = await largeBoard(server, boardBytes);
    // A first visitor has the server encode the whole board once; that stall is the same with or without a flood, and not what is compared.
    await wholeBoardOnce(server, large.room);
    ctx.log('fairness: honest edits without and during a full-document sync flood, twice');
    const sync = { bytes: 0, connections: 0, refused: 0 };
    const [withoutSync, duringSync] = await alternate(honest, seconds, async (until) => {
      const round = await syncFlood(server, large.room, until);
      for (const key of ['bytes', 'connections', 'refused'] as const) sync[key] += round[key];
    });
    ctx.log('fairness: honest edits without and during an awareness flood, twice');
    const awareness = { bytes: 0, sent: 0, connections: 0, refused: 0 };
    const [withoutAwareness, duringAwareness] = await alternate(honest, seconds, async (until) => {
      const round = await awarenessFlood(server, onBoard, 250 * 1024, until);
      for (const key of ['bytes', 'sent', 'connections', 'refused'] as const) awareness[key] += round[key];
    });
    large.keeper.close();
    for (const peer of onBoard.peers) peer.close();
    const pair = (s: Summary) => `${ms(s.p50)} / ${ms(s.p99)} (${ms(s.max)}), ${num(s.count)} edits`;
    const row = (what: string, without: Summary, during: Summary, flood: string) => [what, pair(without), pair(during), `${num(during.p99 / without.p99, 2)}x`, flood];
    return {
      id: 'fairness',
      title: '12. Fair cost per client',
      markdown: [
        `One server with its default limits; every client on 127.0.0.1, so the per-address limits apply to the flood and the honest clients alike. ` +
          `An honest writer edits a small board one edit at a time and its reader times each edit, both in a process of their own (the flooding clients never delay their clock): ` +
          `${seconds} s without a flood, then at once ${seconds} s during it, twice over for each flood (each column pools both rounds). ` +
          `Sync flood: one client asks for the whole of a ${mb(boardBytes)} board again and again (y-websocket's sync step 1 with an empty state vector), reconnecting whenever it is closed; ` +
          `one visitor read the board once before, so its first encoding is in neither column. ` +
          `Awareness flood: ${PEERS} peers on one board (connected throughout), one of them changes a 250 KB presence state as fast as the server takes it.`,
        '',
        table(
          ['flood', 'honest p50 / p99 (max) without it', 'during it', 'p99 during / without', 'what the flood got'],
          [
            row('full-document sync requests', withoutSync, duringSync, `${mb(sync.bytes)} in ${num(sync.connections)} connections (${num(sync.refused)} refused)`),
            row(
              `presence to ${PEERS} peers`,
              withoutAwareness,
              duringAwareness,
              `${num(awareness.sent)} states sent in ${num(awareness.connections)} connections (${num(awareness.refused)} refused), ${mb(awareness.bytes)} fanned out`,
            ),
          ],
        ),
      ].join('\n'),
      targets: [],
      raw: { withoutSync, duringSync, sync, withoutAwareness, duringAwareness, awareness },
    };
  } finally {
    await honest.close();
    await server.stop();
  }
}
