import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { encodeAwareness, encodeSyncStep1 } from '../server/protocol';
import { mb, ms, num, table } from './lib/format';
import { startOurs, type BenchServer, type Room } from './lib/servers';
import { summarize, type Summary } from './lib/stats';
import { syncUpdateMessage } from '../server/test/poison';
import { cards, open } from './memory';
import type { BenchContext, BenchResult } from './types';

/**
 * Benchmark 12, fair cost per client: the echo latency of a small edit on one board (an honest
 * writer and reader) while one client floods another board, against the same edits with nobody
 * flooding. Two floods, each from one address as the probe ran them: full-document sync
 * requests on a large board (reconnecting whenever the server closes the connection), and the
 * largest awareness state the server accepts, changed as fast as it allows, fanned out to 45 peers.
 */
const PEERS = 45;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An honest writer and reader on a small board of their own, connected before any flood starts. */
async function honestPair(server: BenchServer): Promise<{ writer: WebSocket; reader: WebSocket }> {
  const room = await server.createRoom();
  return { writer: await open(server, room), reader: await open(server, room) };
}

/** Edits on the honest board, one at a time: from sending to the reader receiving it. */
async function honestEchoes({ writer, reader }: { writer: WebSocket; reader: WebSocket }, seconds: number): Promise<Summary> {
  const doc = new Y.Doc();
  let arrived: (() => void) | null = null;
  reader.on('message', (data: Buffer) => {
    if (data[0] === 0 && data[1] === 2) arrived?.();
  });
  await sleep(500);
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  for (let i = 0; performance.now() < end; i++) {
    const before = Y.encodeStateVector(doc);
    doc.getMap('nodes').set('probe', i);
    const received = new Promise<void>((resolve) => (arrived = resolve));
    const sent = performance.now();
    writer.send(syncUpdateMessage(Y.encodeStateAsUpdate(doc, before)));
    await Promise.race([received, sleep(10_000)]);
    latencies.push(performance.now() - sent);
    await sleep(20);
  }
  writer.close();
  reader.close();
  return summarize(latencies);
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
  for (const peer of peers) peer.on('message', (data: Buffer) => (bytes += data.length));
  let sent = 0;
  let sender = await open(server, room);
  let connections = 1;
  let refused = 0;
  const client = 4242;
  while (performance.now() < until) {
    if (sender.readyState !== sender.OPEN) {
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
  sender.close();
  for (const peer of peers) peer.close();
  return { bytes, sent, connections, refused };
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
  try {
    // The crowd connects first: after a flood, its address may not open 45 connections at once.
    const peers = await crowd(server);
    ctx.log('fairness: honest edits, nobody flooding');
    const quiet = await honestEchoes(await honestPair(server), seconds);
    ctx.log(`fairness: a ${mb(boardBytes)} board`);
    const large = await largeBoard(server, boardBytes);
    ctx.log('fairness: honest edits during a full-document sync flood');
    const honestDuringSync = await honestPair(server);
    const [duringSync, sync] = await Promise.all([honestEchoes(honestDuringSync, seconds), syncFlood(server, large.room, performance.now() + seconds * 1000 + 1_000)]);
    large.keeper.close();
    await sleep(5_000);
    const honestDuringAwareness = await honestPair(server);
    ctx.log('fairness: honest edits during an awareness flood');
    const [duringAwareness, awareness] = await Promise.all([honestEchoes(honestDuringAwareness, seconds), awarenessFlood(server, peers, 250 * 1024, performance.now() + seconds * 1000 + 1_000)]);
    const row = (what: string, s: Summary, flood: string) => [what, ms(s.p50), ms(s.p99), ms(s.max), num(s.count), flood];
    return {
      id: 'fairness',
      title: '12. Fair cost per client',
      markdown: [
        `One server with its default limits; every client on 127.0.0.1, so the per-address limits apply to the flood and the honest clients alike. ` +
          `An honest writer edits a small board one edit at a time for ${seconds} s and its reader times each edit, first with nobody flooding, then during each flood. ` +
          `Sync flood: one client asks for the whole of a ${mb(boardBytes)} board again and again (y-websocket's sync step 1 with an empty state vector), reconnecting whenever it is closed. ` +
          `Awareness flood: ${PEERS} peers on one board, one of them changes a 250 KB presence state as fast as the server takes it.`,
        '',
        table(
          ['honest edits', 'p50', 'p99', 'max', 'edits', 'what the flood got'],
          [
            row('nobody flooding', quiet, ''),
            row('during the sync flood', duringSync, `${mb(sync.bytes)} in ${num(sync.connections)} connections (${num(sync.refused)} refused)`),
            row(
              'during the awareness flood',
              duringAwareness,
              `${num(awareness.sent)} states sent in ${num(awareness.connections)} connections (${num(awareness.refused)} refused), ${mb(awareness.bytes)} fanned out`,
            ),
          ],
        ),
      ].join('\n'),
      targets: [],
      raw: { quiet, duringSync, sync, duringAwareness, awareness },
    };
  } finally {
    await server.stop();
  }
}
