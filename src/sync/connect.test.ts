import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { connect as plainClient, createBoard, removeDir, startServer, tempDir, waitFor, type ServerHandle } from '../../server/test/harness';
import { CloseCode, closeMessage } from '../shared/closeCodes';
import { RoomProvider } from './connect';
import type { ConnectionStatus } from './connectionMonitor';

/** The app's provider and monitor against the real server (spawned), in Node. */

const servers: ServerHandle[] = [];
const dirs: string[] = [];
const providers: RoomProvider[] = [];

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  for (const server of servers.splice(0)) await server.stop('SIGKILL');
  for (const dir of dirs.splice(0)) removeDir(dir);
});

async function serve(env: Record<string, string> = {}, dataDir?: string): Promise<ServerHandle> {
  const dir = dataDir ?? tempDir();
  if (!dataDir) dirs.push(dir);
  const server = await startServer({ dataDir: dir, env });
  servers.push(server);
  return server;
}

function roomProvider(server: ServerHandle, room: string, token: string, doc = new Y.Doc()): RoomProvider {
  const provider = new RoomProvider(doc, room, token, undefined, {
    serverUrl: server.wsUrl,
    apiOrigin: server.httpUrl,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.maxBackoffTime = 300;
  providers.push(provider);
  return provider;
}

const status = (provider: RoomProvider): ConnectionStatus => provider.monitor.getSnapshot();
const edit = (doc: Y.Doc, key: string, value: unknown) => doc.transact(() => doc.getMap('meta').set(key, value), 'local');

describe('RoomProvider and its monitor', () => {
  it('counts an edit until the server has stored it: an edit shown as synced survives kill -9', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    let server = await serve({ STORAGE_DELAY_MS: '200' }, dataDir);
    const { boardId, tokens } = await createBoard(server);
    const provider = roomProvider(server, boardId, tokens.edit);
    await waitFor(() => status(provider).state === 'connected', 'connected');
    expect(status(provider).unsynced).toBe(0);

    edit(provider.doc, 'title', 'Stored before confirmed');
    expect(status(provider).unsynced).toBe(1);
    await waitFor(() => status(provider).unsynced === 0, 'the edit confirmed');
    await server.stop('SIGKILL');

    server = await serve({}, dataDir);
    const reader = plainClient(server, boardId, tokens.read);
    const seen = await reader.firstSync;
    reader.destroy();
    expect(seen.getMap('meta').get('title')).toBe('Stored before confirmed');
  });

  it('keeps counting edits made offline, and confirms them once the server is back and has them', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    let server = await serve({}, dataDir);
    const port = server.port;
    const { boardId, tokens } = await createBoard(server);
    const provider = roomProvider(server, boardId, tokens.edit);
    await waitFor(() => status(provider).state === 'connected', 'connected');

    await server.stop('SIGKILL');
    await waitFor(() => status(provider).state === 'offline', 'offline');
    edit(provider.doc, 'a', 1);
    edit(provider.doc, 'b', 2);
    expect(status(provider)).toEqual({ state: 'offline', unsynced: 2, message: null });

    server = await serve({ PORT: String(port) }, dataDir);
    await waitFor(() => status(provider).state === 'connected' && status(provider).unsynced === 0, 'reconnected and confirmed', 15_000);
    const reader = plainClient(server, boardId, tokens.read);
    const seen = await reader.firstSync;
    reader.destroy();
    expect(seen.getMap('meta').toJSON()).toEqual({ a: 1, b: 2 });
  });

  it('a token that grants nothing: the refusal is explained by /api/rooms and reconnecting stops', async () => {
    const server = await serve();
    const { boardId } = await createBoard(server);
    const provider = roomProvider(server, boardId, 'A'.repeat(22));
    await waitFor(() => status(provider).state === 'stopped', 'stopped');
    expect(status(provider).message).toBe(closeMessage(CloseCode.FORBIDDEN));
    expect(provider.shouldConnect).toBe(false);
  });

  it('an edit the board cannot hold (4413) stops the connection with its message; edits stay counted', async () => {
    const server = await serve({ MAX_DOCUMENT_BYTES: '2048' });
    const { boardId, tokens } = await createBoard(server);
    const provider = roomProvider(server, boardId, tokens.edit);
    await waitFor(() => status(provider).state === 'connected', 'connected');
    edit(provider.doc, 'big', 'x'.repeat(4096));
    await waitFor(() => status(provider).state === 'stopped', 'stopped');
    expect(status(provider)).toEqual({ state: 'stopped', unsynced: 1, message: closeMessage(CloseCode.DOCUMENT_TOO_LARGE) });
  });

  it('the server closing with a passing reason (malformed message, 4400) is followed by a reconnect', async () => {
    const server = await serve();
    const { boardId, tokens } = await createBoard(server);
    const provider = roomProvider(server, boardId, tokens.edit);
    await waitFor(() => status(provider).state === 'connected', 'connected');
    provider.ws!.send(new Uint8Array([0, 9, 9, 9]));
    await waitFor(() => status(provider).message === closeMessage(CloseCode.MALFORMED), 'the 4400 message');
    await waitFor(() => status(provider).state === 'connected', 'reconnected');
    expect(status(provider).message).toBeNull();
  });
});
