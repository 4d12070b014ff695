import { afterAll, describe, expect, it } from 'vitest';
import { roomName } from '../../src/shared/boardId';
import { CloseCode } from '../../src/shared/closeCodes';
import { LOOPBACK_CROWD_LIMITS, connect, metric, rawSocket, removeDir, startServer, waitFor, type Board, type Client, type ServerHandle } from './harness';
import { dropSchema, scaleOutAvailable, scaleOutEnv, uniqueSchema } from './scaleoutEnv';

/**
 * Replacing a board's links (POST /api/boards/<id>/links/rotate): the old edit and read links stop
 * working at once, their open connections close with 4410, and the board stays as it was. Run
 * against real server processes, in LevelDB mode (with a restart) and in scale-out mode (a rotation
 * on one process closes the connections on the other).
 */

async function createInterviewBoard(server: ServerHandle): Promise<Board> {
  const response = await fetch(`${server.httpUrl}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ interview: { prompt: { title: 'Design a feed ranker', text: 'Rank the home feed.' }, durationMinutes: 30 } }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Board;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function rotate(server: ServerHandle, boardId: string, token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.httpUrl}/api/boards/${boardId}/links/rotate`, { method: 'POST', headers: bearer(token) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function accessOf(server: ServerHandle, boardId: string, token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.httpUrl}/api/boards/${boardId}/access`, { headers: bearer(token) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

type Link = { role: string; tokenRole: string; token: string };

/**
 * The interviewer replaces the links while the candidate (board and control rooms) and a viewer are
 * connected through `peers`; rotation and checks go through `owner`.
 */
async function replaceLinksWhileConnected(owner: ServerHandle, peers: ServerHandle, track: (client: Client) => Client) {
  const board = await createInterviewBoard(owner);
  const { boardId, tokens } = board;
  const interviewer = track(connect(owner, boardId, tokens.interviewer));
  const candidate = track(connect(peers, boardId, tokens.edit));
  const candidateControl = track(connect(peers, roomName(boardId, 'control'), tokens.edit));
  const viewer = track(connect(peers, boardId, tokens.read));
  await Promise.all([interviewer.firstSync, candidate.firstSync, candidateControl.firstSync, viewer.firstSync]);
  candidate.doc.getMap('nodes').set('n1', { label: 'Ranker' });
  await waitFor(() => interviewer.doc.getMap('nodes').has('n1'), 'the candidate’s edit to reach the interviewer');

  // Only the interviewer link replaces links.
  for (const token of [tokens.edit, tokens.read]) {
    const refused = await rotate(owner, boardId, token);
    expect(refused.status).toBe(403);
    expect(refused.body.reason).toBe('not_interviewer');
  }
  expect((await rotate(owner, boardId, 'x'.repeat(22))).status).toBe(403);

  const rotated = await rotate(owner, boardId, tokens.interviewer);
  expect(rotated.status).toBe(200);
  expect(rotated.body.generation).toBe(1);
  const links = rotated.body.links as Link[];
  expect(links.map((l) => l.role)).toEqual(['interviewer', 'candidate', 'viewer']);
  const fresh = Object.fromEntries(links.map((l) => [l.tokenRole, l.token])) as Board['tokens'];
  expect(fresh.interviewer).toBe(tokens.interviewer);
  expect(fresh.edit).not.toBe(tokens.edit);
  expect(fresh.read).not.toBe(tokens.read);

  // Every connection that came with an old link is closed with 4410; the interviewer's stays.
  for (const client of [candidate, candidateControl, viewer]) {
    await waitFor(() => client.closes.some((c) => c.code === CloseCode.LINK_REVOKED), 'an old link’s connection to close with 4410');
  }
  expect(interviewer.provider.wsconnected).toBe(true);
  expect(interviewer.closes).toEqual([]);

  // The old links are refused everywhere, and say why.
  for (const server of new Set([owner, peers])) {
    for (const token of [tokens.edit, tokens.read]) {
      const access = await accessOf(server, boardId, token);
      expect(access).toMatchObject({ status: 403, body: { reason: 'link_revoked', error: "This link was replaced by the board's owner" } });
      const room = await (await fetch(`${server.httpUrl}/api/rooms/${boardId}`, { headers: bearer(token) })).json();
      expect(room).toMatchObject({ reason: 'link_revoked', closeCode: CloseCode.LINK_REVOKED });
      await expect(rawSocket(server, boardId, token)).rejects.toMatchObject({ status: 403 });
      expect((await fetch(`${server.httpUrl}/api/boards/${boardId}.json`, { headers: bearer(token) })).status).toBe(403);
    }
    // The new ones work, with the roles of the old, and the board is as it was.
    expect(await accessOf(server, boardId, fresh.edit)).toMatchObject({ status: 200, body: { role: 'candidate' } });
    expect(await accessOf(server, boardId, fresh.read)).toMatchObject({ status: 200, body: { role: 'viewer' } });
  }
  const newcomer = track(connect(peers, boardId, fresh.edit));
  expect((await newcomer.firstSync).getMap('nodes').get('n1')).toEqual({ label: 'Ranker' });
  return { boardId, tokens, fresh };
}

function clientTracker(onTestFinished: (fn: () => void) => void) {
  const clients: Client[] = [];
  onTestFinished(() => {
    for (const client of clients) client.destroy();
  });
  return (client: Client) => (clients.push(client), client);
}

describe('replacing a board’s links (LevelDB)', { timeout: 60_000 }, () => {
  it('closes the old links’ connections with 4410, refuses them from then on, keeps the interviewer and the board, across a restart', async ({ onTestFinished }) => {
    let server = await startServer();
    const dataDir = server.dataDir;
    onTestFinished(async () => {
      await server.stop('SIGKILL');
      removeDir(dataDir);
    });
    const { boardId, tokens, fresh } = await replaceLinksWhileConnected(server, server, clientTracker(onTestFinished));
    expect(await metric(server, 'mldb_connections_dropped_total{reason="link_revoked"}')).toBe(3);
    expect(await metric(server, 'mldb_connections_refused_total{reason="link_revoked"}')).toBeGreaterThanOrEqual(2);

    await server.stop();
    server = await startServer({ dataDir });
    expect((await accessOf(server, boardId, tokens.edit)).body.reason).toBe('link_revoked');
    expect((await accessOf(server, boardId, fresh.edit)).status).toBe(200);
    expect((await accessOf(server, boardId, tokens.interviewer)).body.role).toBe('interviewer');
    // A second rotation replaces the new links too.
    const again = await rotate(server, boardId, tokens.interviewer);
    expect(again.body.generation).toBe(2);
    expect((await accessOf(server, boardId, fresh.edit)).body.reason).toBe('link_revoked');
  });
});

describe.skipIf(!scaleOutAvailable)('replacing a board’s links (scale-out)', { timeout: 60_000 }, () => {
  const schema = uniqueSchema();
  const servers: ServerHandle[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    await dropSchema(schema);
  }, 30_000);

  it('a rotation on one process closes the old links’ connections on the other and is refused there at once', async ({ onTestFinished }) => {
    const env = scaleOutEnv(schema, { ...LOOPBACK_CROWD_LIMITS, CATCH_UP_INTERVAL_MS: '600000' });
    const [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
    servers.push(a, b);
    await replaceLinksWhileConnected(a, b, clientTracker(onTestFinished));
    expect(await metric(b, 'mldb_connections_dropped_total{reason="link_revoked"}')).toBe(3);
    expect(await metric(a, 'mldb_connections_dropped_total{reason="link_revoked"}')).toBe(0);
  });
});
