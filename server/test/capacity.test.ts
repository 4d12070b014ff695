import { request, type IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCode } from '../../src/shared/closeCodes';
import { Capacity } from '../capacity';
import { createBoard, metric, type ServerHandle } from './harness';
import { serverForTest } from './servers';

/** A y-websocket sync message (type 0) with what `write` puts in it. */
function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sets `key` in `doc`'s nodes map and sends the update, as an editing client does. */
function sendEdit(ws: WebSocket, doc: Y.Doc, key: string): void {
  const before = Y.encodeStateVector(doc);
  doc.getMap('nodes').set(key, key);
  ws.send(syncFrame((encoder) => syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc, before))));
}

describe('Capacity', () => {
  it('keeps the reserve from viewers, the last slot for the interviewer until one is there, and counts per address', () => {
    const capacity = new Capacity({ perBoard: 5, writerReserve: 2, perAddress: 100 });
    const take = (slot: 'read' | 'edit' | 'interviewer', address = 'a') => (capacity.refusal('r', slot, address) ? null : capacity.take('r', slot, address));
    expect([take('read'), take('read'), take('read')].every(Boolean)).toBe(true);
    expect(take('read')).toBeNull();
    const edit = take('edit');
    expect(edit).not.toBeNull();
    expect(take('edit')).toBeNull(); // the last slot is the interviewer's
    const interviewer = take('interviewer')!;
    expect(take('interviewer')).toBeNull();
    interviewer();
    interviewer(); // releasing twice frees one slot
    expect(capacity.connections('r')).toBe(4);
    expect(take('edit')).toBeNull();
    expect(take('interviewer')).not.toBeNull();

    const perAddress = new Capacity({ perBoard: 50, writerReserve: 0, perAddress: 2 });
    perAddress.take('x', 'edit', 'a');
    perAddress.take('y', 'edit', 'a');
    expect(perAddress.refusal('z', 'edit', 'a')).toMatchObject({ status: 429, reason: 'address_limit' });
    expect(perAddress.refusal('z', 'edit', 'b')).toBeNull();
  });
});

/** A real server for one test, stopped when the test finishes, and the sockets the test opened cut. */
async function serverFor(env: Record<string, string>, sockets: WebSocket[], onTestFinished: (fn: () => Promise<void>) => void): Promise<ServerHandle> {
  onTestFinished(async () => {
    for (const ws of sockets) ws.terminate();
  });
  return serverForTest(onTestFinished, { env });
}

function open(server: ServerHandle, room: string, token: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${server.wsUrl}/${room}?token=${token}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode!);
      ws.terminate();
    });
    ws.once('error', () => resolve(-1));
  });
}

const explain = async (server: ServerHandle, room: string, token: string) => {
  const response = await fetch(`${server.httpUrl}/api/rooms/${room}?token=${token}`);
  return { status: response.status, ...((await response.json()) as { reason?: string; closeCode?: number }) };
};

describe.concurrent('capacity by role and address (real server)', { timeout: 60_000 }, () => {
  it('60 idle read connections leave the editors and the interviewer their slots (defaults: 50 per board, 10 reserved)', async ({ onTestFinished }) => {
    // 62 connection attempts from one address at once: more than the upgrade burst, which is not what this measures.
    const sockets: WebSocket[] = [];
    const server = await serverFor({ UPGRADE_BURST_PER_ADDRESS: '100' }, sockets, onTestFinished);
    const { boardId, tokens } = await createBoard(server);
    const readers: Array<WebSocket | number> = [];
    for (let i = 0; i < 60; i++) readers.push(await open(server, boardId, tokens.read));
    sockets.push(...readers.filter((r): r is WebSocket => typeof r !== 'number'));
    expect(sockets).toHaveLength(40);
    expect(readers.filter((r) => r === 503)).toHaveLength(20);
    expect(await explain(server, boardId, tokens.read)).toMatchObject({ status: 503, reason: 'board_full', closeCode: CloseCode.BOARD_FULL });
    expect(await explain(server, boardId, tokens.edit)).toMatchObject({ status: 200 });
    for (const token of [tokens.edit, tokens.interviewer]) {
      const ws = await open(server, boardId, token);
      expect(ws).toBeInstanceOf(WebSocket);
      sockets.push(ws as WebSocket);
    }
    expect(await metric(server, 'mldb_connections_refused_total{reason="board_full"}')).toBe(20);
  });

  it('limits connections per client address across boards (429), from X-Forwarded-For only with TRUST_PROXY', async ({ onTestFinished }) => {
    const sockets: WebSocket[] = [];
    const direct = await serverFor({ MAX_CONNECTIONS_PER_ADDRESS: '5' }, sockets, onTestFinished);
    const proxied = await serverFor({ MAX_CONNECTIONS_PER_ADDRESS: '5', TRUST_PROXY: 'true' }, sockets, onTestFinished);
    const a = await createBoard(direct);
    const b = await createBoard(direct);
    for (let i = 0; i < 5; i++) {
      const board = i % 2 ? a : b;
      // A forged X-Forwarded-For does not buy more connections without TRUST_PROXY.
      const ws = await open(direct, board.boardId, board.tokens.edit, { 'X-Forwarded-For': `10.0.0.${i}` });
      expect(ws).toBeInstanceOf(WebSocket);
      sockets.push(ws as WebSocket);
    }
    expect(await open(direct, a.boardId, a.tokens.interviewer)).toBe(429);
    expect(await explain(direct, a.boardId, a.tokens.edit)).toMatchObject({ status: 429, reason: 'address_limit', closeCode: CloseCode.TRY_AGAIN_LATER });
    sockets.pop()!.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await open(direct, a.boardId, a.tokens.edit);
    expect(again).toBeInstanceOf(WebSocket);
    sockets.push(again as WebSocket);

    const c = await createBoard(proxied);
    for (let i = 0; i < 5; i++) sockets.push((await open(proxied, c.boardId, c.tokens.edit, { 'X-Forwarded-For': '203.0.113.7' })) as WebSocket);
    expect(await open(proxied, c.boardId, c.tokens.edit, { 'X-Forwarded-For': '203.0.113.7' })).toBe(429);
    // The proxy appends the address it saw: the last entry counts, not what the client wrote before it.
    expect(await open(proxied, c.boardId, c.tokens.edit, { 'X-Forwarded-For': '203.0.113.8, 203.0.113.7' })).toBe(429);
    const other = await open(proxied, c.boardId, c.tokens.edit, { 'X-Forwarded-For': '203.0.113.7, 198.51.100.1' });
    expect(other).toBeInstanceOf(WebSocket);
    sockets.push(other as WebSocket);
    expect(await metric(proxied, 'mldb_connections_refused_total{reason="address_limit"}')).toBe(2);
  });

  it('closes a connection asking for the whole document too often (1008), per connection and per address', async ({ onTestFinished }) => {
    const server = await serverForTest(onTestFinished, { env: { SYNC_REQUEST_BURST_PER_ADDRESS: '5', SYNC_REQUESTS_PER_MINUTE_PER_ADDRESS: '1' } });
    const { boardId, tokens } = await createBoard(server);
    const step1 = new Uint8Array([0, 0, 1, 0]); // sync step 1 with an empty state vector
    /** Sends `count` requests one after another, each once the previous one was answered. */
    const requests = async (count: number) => {
      const ws = (await open(server, boardId, tokens.read)) as WebSocket;
      let answers = 0;
      let code = 0;
      ws.on('close', (closeCode) => (code = closeCode));
      for (let i = 0; i < count && code === 0; i++) {
        const answered = new Promise<boolean>((resolve) => {
          const onMessage = (data: Buffer) => {
            if (data[0] !== 0 || data[1] !== 1) return;
            ws.off('message', onMessage);
            resolve(true);
          };
          ws.on('message', onMessage);
          ws.once('close', () => resolve(false));
        });
        ws.send(step1);
        if (await answered) answers++;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      ws.terminate();
      return { code, answers };
    };
    // Per connection: a burst of 3.
    expect(await requests(4)).toEqual({ code: CloseCode.RATE_LIMITED, answers: 3 });
    // Per address: 5 in all, across connections (3 used above).
    expect(await requests(1)).toEqual({ code: 0, answers: 1 });
    expect(await requests(2)).toEqual({ code: CloseCode.RATE_LIMITED, answers: 1 });
    expect(await metric(server, 'mldb_messages_refused_total{reason="sync_rate"}')).toBe(2);
  });

  // As the app does (src/sync/connectionMonitor.ts): an edit, then a request whose answer confirms it arrived; twelve times,
  // four times the burst of three a connection may ask for content. With another editor, the other's edit is stored and on
  // its way when the client asks: over a slow link the request crosses it, and the state vector it carries lacks it. Here
  // the client never applies the other's edits, so each request lacks all of them, and is still not asking for content.
  it.for([
    ['holds the whole board', false],
    ['lacks only the edits another made meanwhile', true],
  ] as const)('lets a client that %s confirm its edits with sync requests as often as it edits (no 1008)', async ([, withOther], { onTestFinished }) => {
    const server = await serverForTest(onTestFinished);
    const { boardId, tokens } = await createBoard(server);
    const other = withOther ? ((await open(server, boardId, tokens.edit)) as WebSocket) : null;
    const otherDoc = new Y.Doc();
    const ws = (await open(server, boardId, tokens.edit)) as WebSocket;
    let code = 0;
    ws.on('close', (closeCode) => (code = closeCode));
    const doc = new Y.Doc();
    /** The answer to a sync request (sync step 2), not the other's relayed edits; or the close. */
    const answered = () =>
      new Promise<void>((resolve) => {
        const onMessage = (data: Buffer) => {
          if (data[0] !== 0 || data[1] !== 1) return;
          ws.off('message', onMessage);
          resolve();
        };
        ws.on('message', onMessage);
        ws.once('close', () => resolve());
      });
    for (let i = 0; i < 12 && code === 0; i++) {
      if (other) {
        sendEdit(other, otherDoc, `other${i}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      sendEdit(ws, doc, `mine${i}`);
      const answer = answered();
      ws.send(syncFrame((encoder) => syncProtocol.writeSyncStep1(encoder, doc)));
      await answer;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(code).toBe(0);
    expect(await metric(server, 'mldb_messages_refused_total{reason="sync_rate"}')).toBe(0);
    ws.terminate();
    other?.terminate();
  });
});

describe('board creation throttle (real server)', { timeout: 60_000 }, () => {
  it('answers 429 with Retry-After once an address has created BOARD_CREATION_BURST boards faster than BOARDS_PER_MINUTE_PER_ADDRESS', async ({ onTestFinished }) => {
    const server = await serverForTest(onTestFinished, { env: { BOARD_CREATION_BURST: '5', BOARDS_PER_MINUTE_PER_ADDRESS: '60' } });
    const create = () => fetch(`${server.httpUrl}/api/boards`, { method: 'POST' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await create()).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    const refused = await create();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBe(1);
    expect(((await refused.json()) as { error: string }).error).toMatch(/try again in 1 s/);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await create()).status).toBe(201);
    expect(await metric(server, 'mldb_board_creations_refused_total')).toBe(1);
  });
});

/** A WebSocket upgrade the server refuses: its status, headers and body. */
function refusedUpgrade(server: ServerHandle, path: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.httpUrl}${path}`, {
      headers: { ...headers, Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' },
    });
    req.once('upgrade', () => reject(new Error('the upgrade was accepted')));
    req.once('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.once('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.once('error', reject);
    req.end();
  });
}

describe('upgrade throttle (real server)', { timeout: 60_000 }, () => {
  it('refuses an address that reconnects in a loop with 429 and Retry-After before reading its token, and leaves other addresses alone', async ({ onTestFinished }) => {
    // 1 a minute: no token comes back while the test runs, so exactly the burst is admitted.
    const sockets: WebSocket[] = [];
    const server = await serverFor({ UPGRADE_BURST_PER_ADDRESS: '5', UPGRADES_PER_MINUTE_PER_ADDRESS: '1', TRUST_PROXY: 'true' }, sockets, onTestFinished);
    const { boardId, tokens } = await createBoard(server);
    const flooder = { 'X-Forwarded-For': '203.0.113.9' };
    // A client that asks for the board and reconnects as soon as it is closed, 20 times.
    const outcomes: Array<WebSocket | number> = [];
    for (let i = 0; i < 20; i++) {
      const ws = await open(server, boardId, tokens.edit, flooder);
      outcomes.push(ws);
      if (ws instanceof WebSocket) ws.close();
    }
    expect(outcomes.slice(0, 5).every((ws) => ws instanceof WebSocket)).toBe(true);
    expect(outcomes.slice(5)).toEqual(Array(15).fill(429));
    expect(await metric(server, 'mldb_connections_accepted_total')).toBe(5);
    expect(await metric(server, 'mldb_connections_refused_total{reason="upgrade_rate"}')).toBe(15);

    // The refusal comes first: a bad token from that address is not even read (429, not 403).
    const refused = await refusedUpgrade(server, `/ws/${boardId}?token=not-a-token`, flooder);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body).toMatch(/Too many connection attempts from your address; try again in \d+ s/);
    expect(await metric(server, 'mldb_connections_refused_total{reason="bad_token"}')).toBe(0);

    // The app asks /api/rooms why its socket closed: the same reason, as the close code it stands for.
    const explained = await fetch(`${server.httpUrl}/api/rooms/${boardId}`, { headers: { ...flooder, Authorization: `Bearer ${tokens.edit}` } });
    expect(explained.status).toBe(429);
    expect(Number(explained.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await explained.json()).toMatchObject({ reason: 'upgrade_rate', closeCode: CloseCode.TRY_AGAIN_LATER });

    // Another address connects as usual.
    const other = await open(server, boardId, tokens.interviewer, { 'X-Forwarded-For': '203.0.113.10' });
    expect(other).toBeInstanceOf(WebSocket);
    sockets.push(other as WebSocket);
  });
});
