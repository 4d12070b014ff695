import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { roomName } from '../../src/shared/boardId';
import { applyControlChange, reveal } from '../../src/shared/interview/control';
import { parseBoardValue } from '../../src/shared/parseBoard';
import { connect, createBoard, waitFor, type Board } from './harness';
import { serverForFile } from './servers';

/** Through the real server: the route is mounted in api.ts and checks tokens with access.ts. */
const server = serverForFile();
let board: Board;

beforeAll(async () => {
  board = await createBoard(server);
}, 30_000);

const file = JSON.parse(readFileSync('templates/video-recommendation.json', 'utf8')) as { nodes: unknown[]; template: { followUps: string[]; steps: { model: string } } };
const expected = file.template.followUps;
const TEMPLATE_IDS = readdirSync('templates')
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.slice(0, -'.json'.length));

function diagram(templateId: string, board?: { boardId: string; token: string }) {
  const query = board ? `?board=${board.boardId}` : '';
  return fetch(`${server.httpUrl}/api/templates/${templateId}${query}`, board ? { headers: { Authorization: `Bearer ${board.token}` } } : {});
}

describe('GET /api/templates/<id>', () => {
  it('answers every template without a board: a valid board file without its follow-up questions', async () => {
    for (const id of TEMPLATE_IDS) {
      const response = await diagram(id);
      expect(response.status, id).toBe(200);
      const text = await response.text();
      const parsed = parseBoardValue(JSON.parse(text));
      if (!parsed.ok) throw new Error(`${id}: ${parsed.error}`);
      expect(parsed.board.template?.id).toBe(id);
      expect(parsed.board.nodes.length).toBeGreaterThan(10);
      expect(parsed.board.template).not.toHaveProperty('followUps');
      expect(text).not.toContain('followUps');
    }
    expect(TEMPLATE_IDS.length).toBeGreaterThanOrEqual(13);
  });

  it("on an interview board under way, only the interviewer's token gets a template; after the reveal everyone", async () => {
    const created = await fetch(`${server.httpUrl}/api/boards`, { method: 'POST', body: JSON.stringify({ interview: { templateId: 'video-recommendation', durationMinutes: 45 } }) });
    const interview = (await created.json()) as Board;
    const as = (token: string) => ({ boardId: interview.boardId, token });
    expect((await diagram('video-recommendation', as(interview.tokens.interviewer))).status).toBe(200);
    for (const token of [interview.tokens.edit, interview.tokens.read]) {
      // Any template, not only the case's own: none belongs on the candidate's screen during the interview.
      for (const id of ['video-recommendation', 'fraud-detection']) {
        const response = await diagram(id, as(token));
        expect(response.status).toBe(403);
        const text = await response.text();
        expect(JSON.parse(text)).toMatchObject({ reason: 'not_revealed' });
        expect(text).not.toContain(file.template.steps.model.slice(0, 40));
      }
    }
    for (const [token, reason] of [
      ['', 'missing_token'],
      ['not-a-token', 'bad_token'],
      [board.tokens.edit, 'bad_token'],
    ] as const) {
      const response = await diagram('video-recommendation', as(token));
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ reason });
    }
    // A board that is not an interview board: every link gets it.
    expect((await diagram('video-recommendation', { boardId: board.boardId, token: board.tokens.read })).status).toBe(200);

    const control = connect(server, roomName(interview.boardId, 'control'), interview.tokens.interviewer);
    await control.firstSync;
    applyControlChange(control.doc, 'interviewer', reveal);
    await waitFor(async () => (await diagram('video-recommendation', as(interview.tokens.edit))).status === 200, 'the reveal');
    expect((await diagram('fraud-detection', as(interview.tokens.read))).status).toBe(200);
    control.destroy();
  });

  it('answers 404 for an unknown template, 400 for a malformed board id', async () => {
    for (const id of ['no-such-template', '..%2Fpackage', 'Video-Recommendation']) expect((await diagram(id)).status, id).toBe(404);
    expect((await diagram('video-recommendation', { boardId: 'nope', token: board.tokens.edit })).status).toBe(400);
  });
});

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
