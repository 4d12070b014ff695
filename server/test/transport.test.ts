import { createServer, type Server } from 'node:http';
import * as encoding from 'lib0/encoding';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CloseCode } from '../../src/shared/closeCodes';
import { newBoardId } from '../../src/shared/boardId';
import { Access } from '../access';
import { Capacity } from '../capacity';
import { LocalFanout } from '../fanout/local';
import { KeyedTokenBuckets } from '../keyedLimits';
import { RateLimitedLog } from '../limits';
import { Metrics } from '../metrics';
import * as Y from 'yjs';
import { KEEPALIVE_MESSAGE, encodeSyncStep1, encodeUpdate } from '../protocol';
import { Rooms } from '../rooms';
import { Transport, type TransportOptions } from '../transport';
import { FakeStorage } from './fakes';
import { counted } from './harness';

/** The transport in this process, on a real HTTP server, with short timers. */
async function setup(
  options: {
    pingIntervalMs?: number;
    keepaliveMs?: number;
    maxConnectionsPerBoard?: number;
    syncAnswerBytes?: TransportOptions['syncAnswerBytes'];
    awarenessFanoutBytes?: TransportOptions['awarenessFanoutBytes'];
  } = {},
) {
  const log = pino({ level: 'silent' });
  const metrics = new Metrics();
  const rlog = new RateLimitedLog(log, 10, undefined, null);
  const storage = new FakeStorage();
  const access = new Access('transport test secret, long enough', storage.links);
  const rooms = new Rooms({ storage, fanout: new LocalFanout(), metrics, log, rlog, maxDocumentBytes: 1 << 20, compactEveryUpdates: 100 });
  const server: Server = createServer((_req, res) => res.end());
  const transport = new Transport(server, {
    access,
    rooms,
    metrics,
    log,
    rlog,
    maxMessageBytes: 1 << 16,
    capacity: new Capacity({ perBoard: options.maxConnectionsPerBoard ?? 50, writerReserve: 0, perAddress: 1000 }),
    trustProxy: false,
    upgrades: new KeyedTokenBuckets(1000, 1000),
    syncRequests: { perConnectionPerMinute: 6, connectionBurst: 3, perAddressPerMinute: 60, addressBurst: 30 },
    awarenessBytes: { perSecond: 64 * 1024, perAddressPerSecond: 64 * 1024, burst: 50 * 1024 },
    syncAnswerBytes: options.syncAnswerBytes ?? { perAddressPerSecond: 1 << 30, burst: 1 << 30 },
    awarenessFanoutBytes: options.awarenessFanoutBytes ?? { perAddressPerSecond: 1 << 30, burst: 1 << 30 },
    messagesPerSecond: 100,
    messageBurst: 100,
    pingIntervalMs: options.pingIntervalMs ?? 60_000,
    keepaliveMs: options.keepaliveMs ?? 60_000,
    maxBufferedBytes: 1 << 24,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const boardId = newBoardId();
  const open = (token = access.token('edit', boardId, 0), room = boardId) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/${room}?token=${token}`);
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`refused ${res.statusCode}`), { status: res.statusCode })));
      ws.once('error', reject);
    });
  cleanups.push(async () => {
    transport.close(CloseCode.GOING_AWAY, 'test over');
    transport.terminateAll();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rlog.close();
  });
  return { transport, metrics, open, boardId, port, access };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** An awareness message with one client's state. */
function state(client: number, clock: number, json: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // one state
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, json);
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 1); // awareness
  encoding.writeVarUint8Array(message, encoding.toUint8Array(encoder));
  return encoding.toUint8Array(message);
}

const closedWith = (ws: WebSocket) => new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
const stillOpen = (ws: WebSocket) => Promise.race([closedWith(ws), new Promise((r) => setTimeout(() => r('open'), 200))]);

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(await condition()).toBe(true);
};

describe('transport', () => {
  it('sends an idle connection a no-op message, so y-websocket does not reconnect it', async () => {
    const { open } = await setup({ keepaliveMs: 150 });
    const ws = await open();
    const messages: Buffer[] = [];
    ws.on('message', (data: Buffer) => messages.push(data));
    await until(() => messages.some((m) => m.equals(Buffer.from(KEEPALIVE_MESSAGE))), 3000);
    ws.close();
  });

  it('terminates a peer that stops answering pings, and keeps one that answers', async () => {
    const { open, metrics, transport } = await setup({ pingIntervalMs: 100 });
    const answering = await open();
    const silent = await open();
    // Stop reading: the silent peer's pongs are never sent.
    (silent as unknown as { _socket: { pause(): void } })._socket.pause();
    await until(async () => (await counted(metrics.connectionsDropped, { reason: 'ping_timeout' })) === 1, 3000);
    // terminate() closes the socket asynchronously: the count drops at its 'close' event.
    await until(() => transport.open === 1, 3000);
    // A few more ping rounds: the peer that answers is never dropped.
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await counted(metrics.connectionsDropped, { reason: 'ping_timeout' })).toBe(1);
    expect(transport.open).toBe(1);
    expect(answering.readyState).toBe(WebSocket.OPEN);
    answering.close();
    silent.terminate();
  });

  it('refuses connections beyond MAX_CONNECTIONS_PER_BOARD with 503', async () => {
    const { open, metrics, access: boardAccess, boardId } = await setup({ maxConnectionsPerBoard: 3 });
    // Two edit connections and the interviewer (the last slot is the interviewer's).
    const interviewer = boardAccess.token('interviewer', boardId, 0);
    const sockets = await Promise.all([open(), open()]);
    await expect(open()).rejects.toMatchObject({ status: 503 });
    sockets.push(await open(interviewer));
    await expect(open(interviewer)).rejects.toMatchObject({ status: 503 });
    expect(await counted(metrics.connectionsRefused, { reason: 'board_full' })).toBe(2);
    // Another board is not affected.
    const other = newBoardId();
    const elsewhere = await open(boardAccess.token('read', other, 0), other);
    elsewhere.close();
    // A place frees up when someone leaves.
    sockets[0]!.close();
    await until(() => sockets[0]!.readyState === WebSocket.CLOSED);
    const again = await open();
    for (const ws of [...sockets, again]) ws.close();
  });

  it('closes a connection sending presence beyond its byte rate with 1008; cursors at 30 a second pass', async () => {
    const { open, metrics } = await setup();
    const cursor = await open();
    const cursorClosed = new Promise<number>((resolve) => cursor.once('close', (code) => resolve(code)));
    for (let clock = 1; clock <= 60; clock++) {
      cursor.send(state(11, clock, JSON.stringify({ user: { name: 'Ada' }, cursor: { x: clock, y: clock * 2 } })));
      await new Promise((r) => setTimeout(r, 33));
    }
    const flood = await open();
    const floodClosed = new Promise<{ code: number; reason: string }>((resolve) => flood.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    // 20 KB states: the burst (50 KB) takes two, the third is over.
    for (let clock = 1; clock <= 4; clock++) flood.send(state(12, clock, JSON.stringify({ blob: 'x'.repeat(20_000) })));
    expect(await floodClosed).toEqual({ code: CloseCode.RATE_LIMITED, reason: 'too much presence data' });
    expect(await counted(metrics.messagesRefused, { reason: 'awareness_rate' })).toBe(1);
    expect(await Promise.race([cursorClosed, new Promise((r) => setTimeout(() => r('open'), 200))])).toBe('open');
    cursor.close();
  });

  it('answers whole-document requests from one address up to its byte budget, then closes with 1008 without sending', async () => {
    // A 25 KB board; the address may be sent 40 KB of answers at once, then 1 KB a second.
    const { open, metrics } = await setup({ syncAnswerBytes: { perAddressPerSecond: 1024, burst: 40 * 1024 } });
    const writer = await open();
    const doc = new Y.Doc();
    doc.getMap('nodes').set('large', 'x'.repeat(25_000));
    writer.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    const answers = (ws: WebSocket) => {
      const sizes: number[] = [];
      ws.on('message', (data: Buffer) => data[0] === 0 && data[1] === 1 && sizes.push(data.length));
      return sizes;
    };
    const first = await open();
    const firstAnswers = answers(first);
    first.send(encodeSyncStep1(new Y.Doc()));
    await until(() => firstAnswers.some((size) => size > 25_000));
    const second = await open();
    const secondAnswers = answers(second);
    const secondClosed = closedWith(second);
    second.send(encodeSyncStep1(new Y.Doc()));
    expect(await secondClosed).toEqual({ code: CloseCode.RATE_LIMITED, reason: 'too much document data' });
    expect(secondAnswers.filter((size) => size > 25_000)).toEqual([]);
    expect(await counted(metrics.messagesRefused, { reason: 'sync_bytes' })).toBe(1);
    // What a client that has the board asks for is small and still answered.
    const synced = await open();
    const syncedAnswers = answers(synced);
    synced.send(encodeSyncStep1(doc));
    await until(() => syncedAnswers.length > 0);
    expect(await stillOpen(synced)).toBe('open');
    for (const ws of [writer, first, synced]) ws.close();
  });

  it("closes a connection whose presence, times the board's peers, is beyond its address's fan-out budget", async () => {
    const { open, metrics, access } = await setup({ awarenessFanoutBytes: { perAddressPerSecond: 1024, burst: 50 * 1024 } });
    // Alone on a board, 4 KB states go to nobody: they cost no fan-out.
    const otherBoard = newBoardId();
    const alone = await open(access.token('edit', otherBoard, 0), otherBoard);
    for (let clock = 1; clock <= 4; clock++) alone.send(state(20, clock, JSON.stringify({ blob: 'x'.repeat(4_000) })));
    expect(await stillOpen(alone)).toBe('open');
    // With 5 peers each state costs 20 KB: the burst (50 KB) takes two, the third is over.
    const peers = await Promise.all(Array.from({ length: 5 }, () => open()));
    const sender = await open();
    const senderClosed = closedWith(sender);
    for (let clock = 1; clock <= 3; clock++) sender.send(state(21, clock, JSON.stringify({ blob: 'x'.repeat(4_000) })));
    expect(await senderClosed).toEqual({ code: CloseCode.RATE_LIMITED, reason: 'too much presence data' });
    expect(await counted(metrics.messagesRefused, { reason: 'awareness_fanout' })).toBe(1);
    for (const ws of [alone, ...peers]) ws.close();
  });

  it('closes a text frame with 4400 and refuses upgrades outside /ws/', async () => {
    const { open, port, access, boardId, metrics } = await setup();
    const ws = await open();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('hello');
    expect(await closed).toBe(CloseCode.MALFORMED);
    const status = await new Promise<number>((resolve) => {
      const bad = new WebSocket(`ws://127.0.0.1:${port}/socket/${boardId}?token=${access.token('edit', boardId, 0)}`);
      bad.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      bad.once('open', () => resolve(101));
      bad.once('error', () => undefined);
    });
    expect(status).toBe(404);
    expect(await counted(metrics.connectionsRefused, { reason: 'bad_path' })).toBe(1);
  });
});
