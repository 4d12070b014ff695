import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { insertBoard } from '../../src/shared/yjsBoard';
import { CloseCode } from '../../src/shared/closeCodes';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { closed, connect, createBoard, metric, rawSocket, removeDir, tempDir, waitFor, type Client } from './harness';
import { serverForFile } from './servers';

const dist = tempDir('mldb-dist-'); // empty until the HTTP test builds the app into it
const server = serverForFile({ env: { STATIC_DIR: dist, MAX_MESSAGE_BYTES: String(64 * 1024), MESSAGES_PER_SECOND: '200', MESSAGE_BURST: '400' } });
const clients: Client[] = [];
const track = (client: Client) => (clients.push(client), client);

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

afterAll(() => removeDir(dist));

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

describe('collaboration', () => {
  it('two clients converge; a third joining later receives the whole board', async () => {
    const { boardId, tokens } = await createBoard(server);
    const a = track(connect(server, boardId, tokens.edit));
    const b = track(connect(server, boardId, tokens.interviewer));
    await Promise.all([a.firstSync, b.firstSync]);
    const nodesA = a.doc.getMap('nodes');
    const nodesB = b.doc.getMap('nodes');
    for (let i = 0; i < 20; i++) nodesA.set(`a${i}`, { x: i });
    for (let i = 0; i < 20; i++) nodesB.set(`b${i}`, { y: i });
    a.doc.getText('notes').insert(0, 'hello ');
    b.doc.getText('notes').insert(0, 'world ');
    await waitFor(() => nodesA.size === 40 && nodesB.size === 40, 'both clients to have 40 nodes');
    await waitFor(() => a.doc.getText('notes').toString() === b.doc.getText('notes').toString(), 'texts to converge');
    expect(a.doc.getText('notes').length).toBe(12);

    const c = track(connect(server, boardId, tokens.read));
    const first = await c.firstSync;
    expect(first.getMap('nodes').toJSON()).toEqual(nodesA.toJSON());
    expect(first.getText('notes').toString()).toBe(a.doc.getText('notes').toString());
    expect(Y.encodeStateVector(first)).toEqual(Y.encodeStateVector(a.doc));
  });

  it('times the relay of an edit (received to stored, to broadcast) and its storage write, beside the process metrics', async () => {
    const relayed = (stage: string) => metric(server, `mldb_update_relay_seconds_count{stage="${stage}"}`);
    const appended = () => metric(server, 'mldb_storage_write_seconds_count{operation="append"}');
    const before = { stored: await relayed('stored'), broadcast: await relayed('broadcast'), appended: await appended() };
    const { boardId, tokens } = await createBoard(server);
    const a = track(connect(server, boardId, tokens.edit));
    const b = track(connect(server, boardId, tokens.edit));
    await Promise.all([a.firstSync, b.firstSync]);
    a.doc.getMap('nodes').set('timed', { x: 1 });
    await waitFor(() => b.doc.getMap('nodes').has('timed'), 'the edit to reach B');
    expect(await relayed('stored')).toBeGreaterThan(before.stored);
    expect(await relayed('broadcast')).toBeGreaterThan(before.broadcast);
    expect(await appended()).toBeGreaterThan(before.appended);
    const text = await (await fetch(`${server.httpUrl}/metrics`)).text();
    expect(text).toMatch(/^mldb_update_relay_seconds_bucket\{le="0\.001",stage="stored"\} \d+$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it('relays awareness and removes it when a connection closes', async () => {
    const { boardId, tokens } = await createBoard(server);
    const a = track(connect(server, boardId, tokens.edit));
    const b = track(connect(server, boardId, tokens.read));
    await Promise.all([a.firstSync, b.firstSync]);
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    b.provider.awareness.setLocalStateField('user', { name: 'Bob (read-only)' });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ada', 'b to see a');
    await waitFor(() => a.provider.awareness.getStates().get(b.doc.clientID)?.user?.name === 'Bob (read-only)', 'a to see the read-only peer');
    // Drop a's socket without a goodbye: the server removes its presence.
    (a.provider.ws as unknown as { terminate(): void }).terminate();
    a.provider.shouldConnect = false;
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), "a's presence to be removed");
  });

  it('refuses bad room names (400), bad or missing tokens (403), and read tokens on the interviewer room (403)', async () => {
    const { boardId, tokens } = await createBoard(server);
    const other = await createBoard(server);
    const status = (room: string, token: string | null) =>
      rawSocket(server, room, token).then(
        (ws) => (ws.close(), 101),
        (error: { status?: number }) => error.status ?? -1,
      );
    expect(await status('not-a-board', tokens.edit)).toBe(400);
    expect(await status(`${boardId}.other`, tokens.edit)).toBe(400);
    expect(await status(`${boardId}/x`, tokens.edit)).toBe(400);
    expect(await status(boardId, null)).toBe(403);
    expect(await status(boardId, 'x'.repeat(22))).toBe(403);
    expect(await status(boardId, other.tokens.interviewer)).toBe(403);
    expect(await status(`${boardId}.interviewer`, tokens.read)).toBe(403);
    expect(await status(`${boardId}.interviewer`, tokens.edit)).toBe(403);
    expect(await status(`${boardId}.interviewer`, tokens.interviewer)).toBe(101);
    expect(await status(boardId, tokens.read)).toBe(101);
    expect(await metric(server, 'mldb_connections_refused_total{reason="bad_room"}')).toBeGreaterThanOrEqual(3);
    expect(await metric(server, 'mldb_connections_refused_total{reason="forbidden_room"}')).toBeGreaterThanOrEqual(2);
    // The app asks the API why a connection was refused.
    const why = await fetch(`${server.httpUrl}/api/rooms/${boardId}.interviewer?token=${tokens.read}`);
    expect(why.status).toBe(403);
    expect(((await why.json()) as { closeCode: number }).closeCode).toBe(CloseCode.FORBIDDEN);
    const ok = await fetch(`${server.httpUrl}/api/rooms/${boardId}?token=${tokens.read}`);
    expect(await ok.json()).toEqual({ room: boardId, role: 'read', readOnly: true });
  });

  it("drops a read-only connection's updates while it still receives the document and presence", async () => {
    const { boardId, tokens } = await createBoard(server);
    const editor = track(connect(server, boardId, tokens.edit));
    await editor.firstSync;
    editor.doc.getMap('nodes').set('n1', 'from editor');
    const reader = track(connect(server, boardId, tokens.read));
    expect((await reader.firstSync).getMap('nodes').get('n1')).toBe('from editor');
    const refusedBefore = await metric(server, 'mldb_messages_refused_total{reason="read_only"}');
    reader.doc.getMap('nodes').set('evil', 'from reader');
    await waitFor(async () => (await metric(server, 'mldb_messages_refused_total{reason="read_only"}')) > refusedBefore, 'the refusal to be counted');
    // The editor keeps editing; the reader keeps receiving, the editor never gets the reader's edit.
    editor.doc.getMap('nodes').set('n2', 'later');
    await waitFor(() => reader.doc.getMap('nodes').get('n2') === 'later', 'reader to receive later edits');
    expect(editor.doc.getMap('nodes').has('evil')).toBe(false);
    expect(reader.provider.wsconnected).toBe(true);
    // A fresh client does not get it either.
    const fresh = track(connect(server, boardId, tokens.edit));
    expect((await fresh.firstSync).getMap('nodes').has('evil')).toBe(false);
  });

  it('keeps a client that reconnects with offline edits open when it edits before the sync exchange ends; the server gets every edit', async () => {
    const { boardId, tokens } = await createBoard(server);
    const writer = track(connect(server, boardId, tokens.edit));
    const reader = track(connect(server, boardId, tokens.read));
    await Promise.all([writer.firstSync, reader.firstSync]);
    const nodes = writer.doc.getMap('nodes');
    nodes.set('before', 1);
    await waitFor(() => reader.doc.getMap('nodes').has('before'), 'the reader to receive the first edit');
    writer.provider.disconnect();
    nodes.set('frame', new Y.Map());
    // Sent the moment the socket opens, ahead of the sync exchange: it depends on the offline frame the server lacks.
    const editOnOpen = ({ status }: { status: string }) => {
      if (status !== 'connected') return;
      writer.provider.off('status', editOnOpen);
      (nodes.get('frame') as Y.Map<number>).set('inside', 1);
    };
    writer.provider.on('status', editOnOpen);
    const awaitingBefore = await metric(server, 'mldb_resyncs_total{request="awaiting"}');
    writer.provider.connect();
    await waitFor(() => (reader.doc.getMap('nodes').get('frame') as Y.Map<number> | undefined)?.get('inside') === 1, 'the reader to receive the edit made on open');
    expect(writer.closes.map((close) => close.code)).not.toContain(CloseCode.OUT_OF_SYNC);
    expect(writer.provider.wsconnected).toBe(true);
    expect(await metric(server, 'mldb_resyncs_total{request="awaiting"}')).toBe(awaitingBefore + 1);
    const checker = track(connect(server, boardId, tokens.read));
    const onServer = await checker.firstSync;
    expect(onServer.getMap('nodes').toJSON()).toEqual(nodes.toJSON());
    expect(Y.encodeStateVector(onServer)).toEqual(Y.encodeStateVector(writer.doc));
  });

  it('exports the board as JSON to any token holder', async () => {
    const { boardId, tokens } = await createBoard(server);
    const editor = track(connect(server, boardId, tokens.edit));
    await editor.firstSync;
    insertBoard(editor.doc, { nodes: [{ id: 'n1', type: 'note', title: 'Ranking', position: { x: 1, y: 2 }, props: {} }], edges: [] });
    editor.doc.getMap('meta').set('title', 'Feed ranking');
    for (const token of [tokens.read, tokens.edit, tokens.interviewer]) {
      const response = await fetch(`${server.httpUrl}/api/boards/${boardId}.json?token=${token}`);
      expect(response.status).toBe(200);
      const board = (await response.json()) as { format: string; title: string; nodes: Array<{ id: string; title: string }> };
      expect(board.format).toBe('ml-design-board');
      expect(board.title).toBe('Feed ranking');
      expect(board.nodes.map((n) => [n.id, n.title])).toEqual([['n1', 'Ranking']]);
    }
    expect((await fetch(`${server.httpUrl}/api/boards/${boardId}.json?token=${tokens.read.slice(1)}x`)).status).toBe(403);
  });

  it('closes only the sender of an oversized message (1009)', async () => {
    const { boardId, tokens } = await createBoard(server);
    const bystander = track(connect(server, boardId, tokens.edit));
    await bystander.firstSync;
    const ws = await rawSocket(server, boardId, tokens.edit);
    const done = closed(ws);
    ws.send(updateFrame(new Uint8Array(100 * 1024)));
    expect((await done).code).toBe(CloseCode.MESSAGE_TOO_BIG);
    // The bystander is still connected and still syncing.
    const other = track(connect(server, boardId, tokens.edit));
    await other.firstSync;
    other.doc.getMap('nodes').set('after', 1);
    await waitFor(() => bystander.doc.getMap('nodes').get('after') === 1, 'the bystander to keep syncing');
    expect(bystander.closes).toEqual([]);
    expect(await metric(server, 'mldb_messages_refused_total{reason="too_big"}')).toBeGreaterThanOrEqual(1);
  });

  it('closes a connection over its message rate with 1008 "rate limit"', async () => {
    const { boardId, tokens } = await createBoard(server);
    const ws = await rawSocket(server, boardId, tokens.edit);
    const done = closed(ws);
    const queryAwareness = new Uint8Array([3]);
    for (let i = 0; i < 1000 && ws.readyState === ws.OPEN; i++) ws.send(queryAwareness);
    expect(await done).toEqual({ code: CloseCode.RATE_LIMITED, reason: 'rate limit' });
  });

  it('unloads a document when its last client leaves', async () => {
    const { boardId, tokens } = await createBoard(server);
    const loadedBefore = await metric(server, 'mldb_boards_loaded');
    const bytesBefore = await metric(server, 'mldb_loaded_document_bytes');
    const a = track(connect(server, boardId, tokens.edit));
    await a.firstSync;
    a.doc.getMap('nodes').set('k', 'v'.repeat(5000));
    await waitFor(async () => (await metric(server, 'mldb_boards_loaded')) === loadedBefore + 1, 'the board to be loaded');
    await waitFor(async () => (await metric(server, 'mldb_loaded_document_bytes')) >= bytesBefore + 5000, 'its bytes counted');
    a.destroy();
    await waitFor(async () => (await metric(server, 'mldb_boards_loaded')) === loadedBefore, 'the board to be unloaded');
    expect(await metric(server, 'mldb_loaded_document_bytes')).toBe(bytesBefore);
    const b = track(connect(server, boardId, tokens.read));
    expect((await b.firstSync).getMap('nodes').get('k')).toBe('v'.repeat(5000));
  });
});

describe('HTTP', () => {
  it('answers 503 with a clear text until the app is built, then serves it with an SPA fallback', async () => {
    const unbuilt = await fetch(`${server.httpUrl}/b/abc`);
    expect(unbuilt.status).toBe(503);
    expect(await unbuilt.text()).toContain('npm run build');
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>ML Design Board</title>');
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');

    for (const path of ['/', '/b/abc', '/new', '/view/x']) {
      const index = await fetch(`${server.httpUrl}${path}`);
      expect(index.status).toBe(200);
      expect(await index.text()).toContain('ML Design Board');
      expect(index.headers.get('cache-control')).toBe('no-cache');
    }
    const asset = await fetch(`${server.httpUrl}/assets/app-abc123.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.httpUrl}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.httpUrl}/`, { method: 'POST' })).status).toBe(405);
  });

  it('serves a rebuild of the app made while it runs, and survives files vanishing under it', async () => {
    // `npm run build` beside a running server replaces index.html and the hashed assets.
    rmSync(join(dist, 'assets'), { recursive: true, force: true });
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'app-def456.js'), 'console.log("rebuilt, and longer than before")');
    const page = '<!doctype html><title>ML Design Board</title><script src="/assets/app-def456.js"></script>';
    writeFileSync(join(dist, 'index.html'), page);
    const index = await fetch(`${server.httpUrl}/b/abc`);
    expect(await index.text()).toBe(page);
    expect((await fetch(`${server.httpUrl}/assets/app-abc123.js`)).status).toBe(404);
    const asset = await fetch(`${server.httpUrl}/assets/app-def456.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toContain('rebuilt');
    // The build's output removed while requests for it arrive: each one fails alone.
    rmSync(join(dist, 'assets'), { recursive: true });
    const gone = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${server.httpUrl}/assets/app-def456.js`).then(
          (r) => r.status,
          () => 0,
        ),
      ),
    );
    expect(gone.every((status) => status === 404)).toBe(true);
    // A path that stats as a file but cannot be read (a Unix socket: opening it fails with ENXIO),
    // like a file removed between the stat and the read.
    mkdirSync(join(dist, 'assets'));
    const socket = createNetServer().listen(join(dist, 'assets', 'unreadable.js'));
    await new Promise((resolve) => socket.once('listening', resolve));
    const unreadable = await fetch(`${server.httpUrl}/assets/unreadable.js`).then(
      (r) => r.text().then(() => r.status),
      () => 0,
    );
    expect(unreadable).not.toBe(200);
    socket.close();
    expect((await fetch(`${server.httpUrl}/healthz`)).status).toBe(200);
  });

  it('serves health, metrics and the API', async () => {
    const health = (await (await fetch(`${server.httpUrl}/healthz`)).json()) as { ok: boolean; storage: { ok: boolean } };
    expect(health.ok).toBe(true);
    expect(health.storage.ok).toBe(true);
    const metrics = await (await fetch(`${server.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/^mldb_connections_open \d+$/m);
    expect(metrics).toMatch(/^mldb_boards_loaded \d+$/m);

    const { boardId, tokens } = await createBoard(server);
    const links = async (token: string) => fetch(`${server.httpUrl}/api/boards/${boardId}/links?token=${token}`);
    expect(((await (await links(tokens.interviewer)).json()) as { tokens: object }).tokens).toEqual(tokens);
    expect(((await (await links(tokens.edit)).json()) as { tokens: object }).tokens).toEqual({ edit: tokens.edit, read: tokens.read });
    expect(((await (await links(tokens.read)).json()) as { tokens: object }).tokens).toEqual({ read: tokens.read });
    expect((await links('nope')).status).toBe(403);
    expect((await fetch(`${server.httpUrl}/api/boards/${boardId}.json`)).status).toBe(403);
    expect((await fetch(`${server.httpUrl}/api/boards`)).status).toBe(405);
  });
});
