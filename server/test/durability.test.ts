import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LeveldbStorage } from '../storage/leveldb';
import { connect, createBoard, metric, rawSocket, removeDir, startServer, tempDir, waitFor, type Client, type ServerHandle } from './harness';

/** Servers, clients and data directories of one test, cleaned up when it ends (tests run concurrently). */
function fixture(onTestFinished: (fn: () => Promise<void> | void) => void) {
  const clients: Client[] = [];
  const servers: ServerHandle[] = [];
  const dirs: string[] = [];
  let finished = false;
  onTestFinished(async () => {
    finished = true;
    for (const client of clients) client.destroy();
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    for (const dir of dirs) removeDir(dir);
  });
  return {
    track: (client: Client) => (clients.push(client), client),
    start: async (dataDir: string, env: Record<string, string> = {}) => {
      // A test that timed out keeps running: it must not start servers nobody will stop.
      if (finished) throw new Error('test already finished');
      const server = await startServer({ dataDir, env });
      servers.push(server);
      return server;
    },
    newDataDir: () => {
      const dir = tempDir();
      dirs.push(dir);
      return dir;
    },
  };
}

async function storedUpdates(dataDir: string, name: string): Promise<{ count: number; doc: Y.Doc }> {
  const storage = await LeveldbStorage.open(LeveldbStorage.directory(dataDir));
  try {
    const count = await storage.updateCount(name);
    const doc = new Y.Doc();
    const state = await storage.loadDocument(name);
    if (state) Y.applyUpdate(doc, state);
    return { count, doc };
  } finally {
    await storage.close();
  }
}

// Each test starts and kills real server processes; the machine may be shared, so allow time.
describe.concurrent('durability', { timeout: 60_000 }, () => {
  it('keeps every edit a peer received when the server is killed with SIGKILL mid-stream', async ({ onTestFinished }) => {
    const { track, start, newDataDir } = fixture(onTestFinished);
    const dataDir = newDataDir();
    // Slow writes (20 ms each) widen the window in which a server that broadcast before storing would lose acknowledged edits.
    const server = await start(dataDir, { MESSAGES_PER_SECOND: '100000', MESSAGE_BURST: '100000', STORAGE_DELAY_MS: '20' });
    const { boardId, tokens } = await createBoard(server);
    const writer = track(connect(server, boardId, tokens.edit));
    const receiver = track(connect(server, boardId, tokens.read));
    await Promise.all([writer.firstSync, receiver.firstSync]);

    const received = new Set<string>();
    const nodes = receiver.doc.getMap<number>('nodes');
    let killed = false;
    nodes.observe((event) => {
      for (const key of event.keysChanged) received.add(key);
      // Kill the moment an edit arrives: a server that broadcast before storing is now mid-write.
      if (!killed && received.size >= 300) {
        killed = true;
        server.proc.kill('SIGKILL');
      }
    });
    let made = 0;
    const stream = setInterval(() => {
      for (let i = 0; i < 5; i++) writer.doc.getMap('nodes').set(`n${made++}`, made);
    }, 1);
    await server.exited;
    clearInterval(stream);
    // Whatever was still in the receiver's socket buffer was sent by the server before it died.
    await waitFor(() => !receiver.provider.wsconnected, 'the receiver to see the connection drop');
    writer.destroy();
    receiver.destroy();
    const receivedBeforeKill = [...received];
    expect(made).toBeGreaterThan(receivedBeforeKill.length);

    const restarted = await start(dataDir);
    const checker = track(connect(restarted, boardId, tokens.read));
    const after = (await checker.firstSync).getMap('nodes');
    const missing = receivedBeforeKill.filter((key) => !after.has(key));
    console.log(`kill -9 test: ${made} edits made, ${receivedBeforeKill.length} received by a peer before the kill, ${after.size} stored after restart, ${missing.length} missing`);
    expect(missing).toEqual([]);
  });

  it('serves a stored board only once it is loaded (the first sync holds all of it), without what a read-only connection sent', async ({ onTestFinished }) => {
    const { track, start, newDataDir } = fixture(onTestFinished);
    const dataDir = newDataDir();
    const server = await start(dataDir);
    const { boardId, tokens } = await createBoard(server);
    const writer = track(connect(server, boardId, tokens.edit));
    await writer.firstSync;
    writer.doc.transact(() => {
      for (let i = 0; i < 1000; i++) writer.doc.getMap('nodes').set(`n${i}`, { i });
    });
    writer.doc.getText('notes').insert(0, 'last edit');
    // A raw read-only socket sends a real update: refused, not closed.
    const readOnly = await rawSocket(server, boardId, tokens.read);
    const evil = new Y.Doc();
    evil.getMap('nodes').set('evil', 1);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(evil));
    readOnly.send(encoding.toUint8Array(encoder));
    await waitFor(async () => (await metric(server, 'mldb_messages_refused_total{reason="read_only"}')) === 1, 'the refusal to be counted');
    expect(readOnly.readyState).toBe(readOnly.OPEN);
    readOnly.close();
    const reader = track(connect(server, boardId, tokens.read));
    await waitFor(() => reader.doc.getText('notes').toString() === 'last edit', 'the edits to reach a peer');
    expect(reader.doc.getMap('nodes').has('evil')).toBe(false);
    await server.stop('SIGKILL');
    writer.destroy();
    reader.destroy();

    // A slow load (200 ms): a server answering before the document is loaded would send an empty board first.
    const restarted = await start(dataDir, { STORAGE_DELAY_MS: '200' });
    // Raw protocol: the server's first message is its sync step 1, already with the loaded state vector.
    const ws = await rawSocket(restarted, boardId, tokens.read);
    const first = await new Promise<Uint8Array>((resolve) => ws.once('message', (data: Buffer) => resolve(new Uint8Array(data))));
    ws.close();
    const decoder = decoding.createDecoder(first);
    expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, 0]);
    const serverStateVector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    expect(serverStateVector.get(writer.doc.clientID)).toBe(Y.getState(writer.doc.store, writer.doc.clientID));

    const client = track(connect(restarted, boardId, tokens.edit));
    const atFirstSync = await client.firstSync;
    expect(atFirstSync.getMap('nodes').size).toBe(1000);
    expect(atFirstSync.getText('notes').toString()).toBe('last edit');
    expect(atFirstSync.getMap('nodes').has('evil')).toBe(false);
  });

  it('compacts storage during a session and when the last client leaves; SIGTERM flushes and exits 0', async ({ onTestFinished }) => {
    const { track, start, newDataDir } = fixture(onTestFinished);
    const dataDir = newDataDir();
    const server = await start(dataDir, { COMPACT_EVERY_UPDATES: '25', MESSAGES_PER_SECOND: '100000', MESSAGE_BURST: '100000' });
    const { boardId, tokens } = await createBoard(server);
    const second = await createBoard(server);
    const writer = track(connect(server, boardId, tokens.edit));
    const reader = track(connect(server, boardId, tokens.read));
    await Promise.all([writer.firstSync, reader.firstSync]);
    // 300 edits, each acknowledged (received by the reader) before the next: 300 stored updates.
    for (let i = 0; i < 300; i++) {
      writer.doc.getMap('nodes').set(`n${i % 20}`, i);
      await waitFor(() => reader.doc.getMap('nodes').get(`n${i % 20}`) === i, `edit ${i}`, 5000, 1);
    }
    expect(await metric(server, 'mldb_compactions_total')).toBeGreaterThanOrEqual(10);
    // Everybody leaves: the document is compacted and unloaded.
    writer.destroy();
    reader.destroy();
    await waitFor(async () => (await metric(server, 'mldb_boards_loaded')) === 0, 'the board to be unloaded');

    // Another board is open when SIGTERM arrives: its last edits are stored, the process exits 0.
    const open = track(connect(server, second.boardId, second.tokens.edit));
    await open.firstSync;
    open.doc.getMap('nodes').set('before-sigterm', true);
    await waitFor(async () => (await metric(server, 'mldb_updates_stored_total')) >= 301, 'the last edit to be stored');
    const exit = await server.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.logs.some((line) => line.msg === 'stopped')).toBe(true);
    open.destroy();

    const first = await storedUpdates(dataDir, boardId);
    expect(first.count).toBe(1);
    expect(first.doc.getMap('nodes').get('n19')).toBe(299);
    const secondStored = await storedUpdates(dataDir, second.boardId);
    expect(secondStored.count).toBe(1);
    expect(secondStored.doc.getMap('nodes').get('before-sigterm')).toBe(true);
  });

  it('bounds the stored update count while a session is running (checked after SIGKILL)', async ({ onTestFinished }) => {
    const { track, start, newDataDir } = fixture(onTestFinished);
    const dataDir = newDataDir();
    const server = await start(dataDir, { COMPACT_EVERY_UPDATES: '20', MESSAGES_PER_SECOND: '100000', MESSAGE_BURST: '100000' });
    const { boardId, tokens } = await createBoard(server);
    const writer = track(connect(server, boardId, tokens.edit));
    const reader = track(connect(server, boardId, tokens.read));
    await Promise.all([writer.firstSync, reader.firstSync]);
    for (let i = 0; i < 150; i++) {
      writer.doc.getMap('nodes').set('moving', i);
      await waitFor(() => reader.doc.getMap('nodes').get('moving') === i, `edit ${i}`, 5000, 1);
    }
    await server.stop('SIGKILL');
    const stored = await storedUpdates(dataDir, boardId);
    expect(stored.doc.getMap('nodes').get('moving')).toBe(149);
    expect(stored.count).toBeGreaterThan(0);
    expect(stored.count).toBeLessThanOrEqual(21);
  });
});
