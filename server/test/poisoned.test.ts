import { describe, expect, it } from 'vitest';
import { LeveldbPersistence } from 'y-leveldb';
import * as Y from 'yjs';
import { CloseCode } from '../../src/shared/closeCodes';
import { LeveldbStorage } from '../storage/leveldb';
import { closed, connect, createBoard, metric, rawSocket, removeDir, startServer, tempDir, waitFor, type Client, type ServerHandle } from './harness';
import { NODE_IDS, awarenessMessage, boardWithNodes, deepAwarenessMessage, deepValueUpdate, laterEdit, loadBoard, poisonedState, syncUpdateMessage } from './poison';

function fixture(onTestFinished: (fn: () => Promise<void> | void) => void) {
  const servers: ServerHandle[] = [];
  const clients: Client[] = [];
  const dirs: string[] = [];
  onTestFinished(async () => {
    for (const client of clients) client.destroy();
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    for (const dir of dirs) removeDir(dir);
  });
  return {
    start: async (dataDir: string, env: Record<string, string> = {}) => {
      const server = await startServer({ dataDir, env });
      servers.push(server);
      return server;
    },
    track: (client: Client) => (clients.push(client), client),
    dir: () => {
      const dir = tempDir();
      dirs.push(dir);
      return dir;
    },
  };
}

/** A running server with a board of NODE_IDS and an editor connected to it, synced. */
async function boardWithPeer(onTestFinished: (fn: () => Promise<void> | void) => void) {
  const { start, track, dir } = fixture(onTestFinished);
  const dataDir = dir();
  const server = await start(dataDir);
  const { board } = await boardWithNodes(server);
  const peer = track(connect(server, board.boardId, board.tokens.edit));
  await peer.firstSync;
  return { start, track, dataDir, server, board, peer };
}

describe.concurrent('poisoned boards (LevelDB)', { timeout: 60_000 }, () => {
  it('loads a board whose stored snapshot and a stored update hold values nested 6,000 deep, with every other edit, across restarts', async ({ onTestFinished }) => {
    const { start, dir } = fixture(onTestFinished);
    const dataDir = dir();
    const server = await start(dataDir);
    const { board, doc } = await boardWithNodes(server);
    await server.stop('SIGTERM');

    // As an older server would have left it: a compacted state holding a deep value, then a deep
    // update, then an ordinary edit stored after them.
    // Written in y-leveldb's key layout directly: the server's own writer reads the state vector
    // from each update, which this process may not survive (how deep is too deep depends on the stack).
    const snapshot = poisonedState(doc, 6000);
    const poison = deepValueUpdate(6000, { key: 'poison2' });
    const ldb = new LeveldbPersistence(LeveldbStorage.directory(dataDir));
    await ldb._transact(async (db: { clear(range: object): Promise<void>; put(key: unknown, value: Uint8Array): Promise<void>; close(): Promise<void> }) => {
      await db.clear({ gte: ['v1', board.boardId, 'update', 0], lt: ['v1', board.boardId, 'update', 0xffffffff] });
      await db.put(['v1', board.boardId, 'update', 0], Buffer.from(snapshot));
      await db.put(['v1', board.boardId, 'update', 1], Buffer.from(poison));
      await db.put(['v1', board.boardId, 'update', 2], Buffer.from(laterEdit(doc)));
    });
    await ldb.destroy();
    expect(() => Y.applyUpdate(new Y.Doc(), poison)).toThrow(RangeError);

    const restarted = await start(dataDir);
    const loaded = await loadBoard(restarted, board);
    expect(loaded.closes).toEqual([]);
    expect(loaded.nodes).toEqual([...NODE_IDS, 'after'].sort());
    expect(loaded.exported).toEqual(loaded.nodes);
    expect(loaded.meta).toEqual(['title']);
    expect(await metric(restarted, 'mldb_stored_updates_moved_aside_total{outcome="salvaged"}')).toBe(2);
    const movedLines = restarted.logs.filter((line) => line.msg === 'stored update cannot be loaded; moved aside');
    expect(movedLines).toHaveLength(2);
    expect(JSON.stringify(restarted.logs)).not.toContain('Maximum call stack');
    await restarted.stop('SIGTERM');

    // Moved aside once: the next start loads the board without finding anything to move, and the
    // original bytes are kept.
    const again = await start(dataDir);
    expect((await loadBoard(again, board)).exported).toEqual([...NODE_IDS, 'after'].sort());
    expect(await metric(again, 'mldb_stored_updates_moved_aside_total{outcome="salvaged"}')).toBe(0);
    await again.stop('SIGTERM');
    const reopened = await LeveldbStorage.open(LeveldbStorage.directory(dataDir));
    try {
      expect(await reopened.movedAside(board.boardId)).toEqual([snapshot, poison]);
    } finally {
      await reopened.close();
    }
  });

  it('refuses an update nested 65 deep with 4422 before storing or relaying it; peers and the stored board are untouched', async ({ onTestFinished }) => {
    const { start, dataDir, server, board, peer } = await boardWithPeer(onTestFinished);
    for (const depth of [65, 6000]) {
      const ws = await rawSocket(server, board.boardId, board.tokens.edit);
      const close = closed(ws);
      ws.send(syncUpdateMessage(deepValueUpdate(depth)));
      expect((await close).code).toBe(CloseCode.BEYOND_LIMITS);
    }
    // 64 levels are allowed: stored and relayed.
    const ws = await rawSocket(server, board.boardId, board.tokens.edit);
    ws.send(syncUpdateMessage(deepValueUpdate(64, { key: 'deep64' })));
    await waitFor(() => peer.doc.getMap('meta').has('deep64'), 'the 64-deep value to reach the peer');
    ws.close();
    expect(peer.doc.getMap('meta').has('poison')).toBe(false);
    expect(peer.closes).toEqual([]);
    expect(await metric(server, 'mldb_messages_refused_total{reason="beyond_limits"}')).toBe(2);
    await server.stop('SIGTERM');
    const restarted = await start(dataDir);
    const loaded = await loadBoard(restarted, board);
    expect(loaded.exported).toEqual(NODE_IDS.slice().sort());
    expect(loaded.meta).toEqual(['deep64', 'title']);
  });

  it('refuses maps nested beyond 64 levels as structure from y-websocket clients, in one update or level by level; the board loads after a restart', async ({ onTestFinished }) => {
    const { start, track, dataDir, server, board, peer } = await boardWithPeer(onTestFinished);
    const chainDepth = (doc: Y.Doc) => {
      let depth = 0;
      for (let map = doc.getMap('meta').get('chain'); map instanceof Y.Map; map = map.get('c')) depth++;
      return depth;
    };

    // 10,000 levels in one transaction: Yjs applies it, but deleting or reading it back recurses per level.
    const attacker = track(connect(server, board.boardId, board.tokens.edit));
    await attacker.firstSync;
    attacker.doc.transact(() => {
      let map = attacker.doc.getMap('meta');
      for (let level = 0; level < 10_000; level++) {
        const child = new Y.Map();
        map.set(level === 0 ? 'poison' : 'c', child);
        map = child;
      }
    });
    await waitFor(() => attacker.closes.some((close) => close.code === CloseCode.BEYOND_LIMITS), 'the 10,000-deep maps to be refused');
    attacker.destroy();

    // One level per update: 64 are stored and relayed, the 65th is refused.
    const builder = track(connect(server, board.boardId, board.tokens.edit));
    await builder.firstSync;
    let map = builder.doc.getMap('meta');
    for (let level = 1; level <= 64; level++) {
      const child = new Y.Map();
      map.set(level === 1 ? 'chain' : 'c', child);
      map = child;
    }
    await waitFor(() => chainDepth(peer.doc) === 64, 'the 64 levels to reach the peer');
    map.set('c', new Y.Map());
    await waitFor(() => builder.closes.some((close) => close.code === CloseCode.BEYOND_LIMITS), 'the 65th level to be refused');
    builder.destroy();
    expect(chainDepth(peer.doc)).toBe(64);
    expect(peer.doc.getMap('meta').has('poison')).toBe(false);
    expect(peer.closes).toEqual([]);
    expect(await metric(server, 'mldb_messages_refused_total{reason="beyond_limits"}')).toBeGreaterThanOrEqual(2);

    await server.stop('SIGTERM');
    const restarted = await start(dataDir);
    const loaded = await loadBoard(restarted, board);
    expect(loaded.closes).toEqual([]);
    expect(loaded.exported).toEqual(NODE_IDS.slice().sort());
    expect(loaded.meta).toEqual(['chain', 'title']);
    // The 64 levels can be deleted (Yjs deletes nested types recursively).
    const editor = track(connect(restarted, board.boardId, board.tokens.edit));
    await editor.firstSync;
    editor.doc.getMap('meta').delete('chain');
    await waitFor(async () => (await loadBoard(restarted, board)).meta.join() === 'title', 'the deletion to be stored');
    expect(editor.closes).toEqual([]);
  });

  it('closes a connection sending an awareness state nested 8,000 deep or over MAX_AWARENESS_BYTES with 4422, in rate-limited log lines without stacks', async ({ onTestFinished }) => {
    const { start, dir } = fixture(onTestFinished);
    // Sixty connections from this one address in a few seconds: neither the presence byte rate nor the upgrade rate per address is what is tested here.
    const server = await start(dir(), { MAX_AWARENESS_BYTES: '4096', AWARENESS_BYTES_PER_SECOND_PER_ADDRESS: '1073741824', UPGRADE_BURST_PER_ADDRESS: '100' });
    const board = await createBoard(server);
    const codes: number[] = [];
    for (let i = 0; i < 60; i++) {
      const ws = await rawSocket(server, board.boardId, board.tokens.read);
      const close = closed(ws);
      if (i % 2) {
        ws.send(deepAwarenessMessage(1000 + i, 8000));
      } else {
        // A small state passes; one over the size limit closes the connection.
        ws.send(awarenessMessage(1000 + i, JSON.stringify({ user: { name: 'ok' } })));
        ws.send(awarenessMessage(1000 + i, JSON.stringify({ big: 'x'.repeat(5000) }), 2));
      }
      codes.push((await close).code);
    }
    expect(new Set(codes)).toEqual(new Set([CloseCode.BEYOND_LIMITS]));
    const lines = server.logs.filter((line) => line.reason === 'beyond_limits' || line.msg === 'error handling a message');
    expect(lines.length).toBeLessThanOrEqual(10);
    expect(server.logs.some((line) => JSON.stringify(line).includes('"stack"'))).toBe(false);
    expect(await metric(server, 'mldb_messages_refused_total{reason="beyond_limits"}')).toBe(60);
  });
});
