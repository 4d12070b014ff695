import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createBoard, removeDir, startServer, type Board, type ServerHandle } from './harness';

/** Through the real server: the route is mounted in api.ts and checks tokens with access.ts. */
let server: ServerHandle;
let board: Board;

beforeAll(async () => {
  server = await startServer();
  board = await createBoard(server);
}, 30_000);

afterAll(async () => {
  await server?.stop();
  removeDir(server.dataDir);
}, 30_000);

const expected = (JSON.parse(readFileSync('templates/video-recommendation.json', 'utf8')) as { template: { followUps: string[] } }).template.followUps;

function followUps(templateId: string, params: Record<string, string>, init?: RequestInit) {
  const query = new URLSearchParams(params).toString();
  return fetch(`${server.httpUrl}/api/templates/${templateId}/follow-ups?${query}`, init);
}

describe('GET /api/templates/<id>/follow-ups', () => {
  it("gives the interviewer token the template's follow-up questions", async () => {
    const response = await followUps('video-recommendation', { board: board.boardId, token: board.tokens.interviewer });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ followUps: expected });
    expect(expected.length).toBeGreaterThan(0);
    // The token may also come as a bearer header.
    const bearer = await followUps('video-recommendation', { board: board.boardId }, { headers: { Authorization: `Bearer ${board.tokens.interviewer}` } });
    expect(bearer.status).toBe(200);
  });

  it('refuses the edit and read tokens, no token, and the interviewer token of another board', async () => {
    const other = await createBoard(server);
    for (const token of [board.tokens.edit, board.tokens.read, '', other.tokens.interviewer]) {
      const response = await followUps('video-recommendation', { board: board.boardId, token });
      expect(response.status).toBe(403);
      const body = await response.text();
      expect(body).toMatch(/interviewer of this board only/);
      expect(body).not.toContain(expected[0]!.slice(0, 30));
    }
  });

  it('answers 404 for an unknown template and for ids that try to leave the templates folder', async () => {
    for (const id of ['no-such-template', '..%2Fpackage', '%2E%2E', 'Video-Recommendation']) {
      const response = await followUps(id, { board: board.boardId, token: board.tokens.interviewer });
      expect(response.status, id).toBe(404);
    }
  });

  it('answers 400 for a malformed board id and 405 for other methods', async () => {
    expect((await followUps('video-recommendation', { board: 'nope', token: board.tokens.interviewer })).status).toBe(400);
    const post = await followUps('video-recommendation', { board: board.boardId, token: board.tokens.interviewer }, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
