import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { roomName } from '../../src/shared/boardId';
import { readBoard } from '../../src/shared/yjsBoard';
import { applyControlChange, readControl, reveal, startTimer } from '../../src/shared/interview/control';
import { connect, createBoard, metric, waitFor, type Board } from './harness';
import { serverForFile } from './servers';

/**
 * Mock interviews through the real server (#12): boards created as interviews, the role each link
 * gives, the worked answer served by role and reveal, and the control room's write rule.
 */
const server = serverForFile();

const TEMPLATE = JSON.parse(readFileSync('templates/video-recommendation.json', 'utf8')) as {
  nodes: unknown[];
  template: { prompt: string; title: string; followUps: string[]; framing: { taskType: string }; steps: { model: string } };
};

async function post(body: unknown, raw?: string): Promise<Response> {
  return fetch(`${server.httpUrl}/api/boards`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: raw ?? JSON.stringify(body) });
}

async function createInterview(interview: unknown): Promise<Board> {
  const response = await post({ interview });
  expect(response.status, await response.clone().text()).toBe(201);
  const body = (await response.json()) as Board & { interview: boolean };
  expect(body.interview).toBe(true);
  return body;
}

const get = (board: Board, what: 'access' | 'reference', token: string | null) =>
  fetch(`${server.httpUrl}/api/boards/${board.boardId}/${what}`, token === null ? {} : { headers: { Authorization: `Bearer ${token}` } });

async function accessOf(board: Board, token: string) {
  const response = await get(board, 'access', token);
  expect(response.status).toBe(200);
  return (await response.json()) as { role: string; tokenRole: string; readOnly: boolean; interview: boolean; links: { role: string; tokenRole: string; token: string; grants: string }[] };
}

describe('roles come from the link', () => {
  it('an ordinary board: interviewer, collaborator, viewer', async () => {
    const board = await createBoard(server);
    expect((await accessOf(board, board.tokens.interviewer)).role).toBe('interviewer');
    const edit = await accessOf(board, board.tokens.edit);
    expect(edit).toMatchObject({ role: 'collaborator', tokenRole: 'edit', readOnly: false, interview: false });
    expect(edit.links.map((l) => [l.role, l.token])).toEqual([
      ['collaborator', board.tokens.edit],
      ['viewer', board.tokens.read],
    ]);
    expect(await accessOf(board, board.tokens.read)).toMatchObject({ role: 'viewer', readOnly: true, links: [{ role: 'viewer', token: board.tokens.read }] });
  });

  it('an interview board: interviewer, candidate, viewer; each link says what it grants', async () => {
    const board = await createInterview({ templateId: 'video-recommendation', durationMinutes: 30 });
    const interviewer = await accessOf(board, board.tokens.interviewer);
    expect(interviewer).toMatchObject({ role: 'interviewer', tokenRole: 'interviewer', readOnly: false, interview: true });
    expect(interviewer.links.map((l) => l.role)).toEqual(['interviewer', 'candidate', 'viewer']);
    expect(interviewer.links[0]!.grants).toMatch(/private notes/);
    expect(interviewer.links[1]!.grants).toMatch(/candidate/);
    expect(await accessOf(board, board.tokens.edit)).toMatchObject({ role: 'candidate', readOnly: false, interview: true });
    expect(await accessOf(board, board.tokens.read)).toMatchObject({ role: 'viewer', readOnly: true });
  });

  it('a wrong, missing or other board token is a 403 with a reason; a malformed id a 400', async () => {
    const board = await createInterview({ prompt: { title: 'Design a spam filter', text: 'Emails arrive at 10k/s. Design the filter.' }, durationMinutes: 45 });
    const other = await createBoard(server);
    for (const token of [other.tokens.interviewer, board.tokens.edit.slice(1) + 'x', 'nope']) {
      const response = await get(board, 'access', token);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ reason: 'bad_token' });
    }
    const missing = await get(board, 'access', null);
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ reason: 'missing_token' });
    expect((await fetch(`${server.httpUrl}/api/boards/short/access?token=${board.tokens.edit}`)).status).toBe(400);
  });
});

describe('POST /api/boards', () => {
  it('stores the interview in the control room: case, prompt, duration', async () => {
    const board = await createInterview({ templateId: 'video-recommendation', durationMinutes: 60 });
    const client = connect(server, roomName(board.boardId, 'control'), board.tokens.read);
    try {
      const doc = await client.firstSync;
      const control = readControl(doc);
      expect(control.interview).toMatchObject({ templateId: 'video-recommendation', title: TEMPLATE.template.title, prompt: TEMPLATE.template.prompt });
      expect(control.timer).toEqual({ durationMs: 60 * 60_000, startedAt: null, elapsedBeforeMs: 0 });
      expect(control.revealed).toBe(false);
    } finally {
      client.destroy();
    }
  });

  it('titles the board after the case, or after the own prompt', async () => {
    for (const [interview, title] of [
      [{ templateId: 'video-recommendation', durationMinutes: 45 }, TEMPLATE.template.title],
      [{ prompt: { title: 'Design a spam filter', text: 'Emails arrive at 10k/s.' }, durationMinutes: 30 }, 'Design a spam filter'],
    ] as const) {
      const board = await createInterview(interview);
      const client = connect(server, roomName(board.boardId, 'board'), board.tokens.edit);
      try {
        expect(readBoard(await client.firstSync).title).toBe(title);
      } finally {
        client.destroy();
      }
    }
  });

  it('refuses bad bodies with a message naming the problem', async () => {
    const cases: Array<[unknown, RegExp, string?]> = [
      [{ interview: { templateId: 'no-such-case', durationMinutes: 45 } }, /no template "no-such-case"/],
      [{ interview: { templateId: 'video-recommendation', durationMinutes: 20 } }, /durationMinutes/],
      [{ interview: { templateId: 'video-recommendation', prompt: { title: 'a', text: 'b' }, durationMinutes: 45 } }, /interview/],
      [{ interview: { prompt: { title: '', text: 'b' }, durationMinutes: 45 } }, /interview/],
      [{ other: 1 }, /other|Unrecognized/i],
      [null, /not JSON/, '{"interview":'],
      [null, /larger than/, JSON.stringify({ interview: { prompt: { title: 'x', text: 'y'.repeat(20_000) }, durationMinutes: 45 } })],
    ];
    for (const [body, message, raw] of cases) {
      const response = await post(body, raw);
      expect(response.status, JSON.stringify(body ?? raw).slice(0, 80)).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    }
    // No body at all still makes an ordinary board (the app's old call).
    const plain = await fetch(`${server.httpUrl}/api/boards`, { method: 'POST' });
    expect(plain.status).toBe(201);
    expect(await plain.json()).toMatchObject({ interview: false });
  });
});

describe('GET /api/boards/<id>/reference', () => {
  it('gives the interviewer the worked answer and follow-ups; others only after the reveal, never the follow-ups', async () => {
    const board = await createInterview({ templateId: 'video-recommendation', durationMinutes: 45 });
    const answerText = TEMPLATE.template.steps.model;
    const interviewer = await get(board, 'reference', board.tokens.interviewer);
    expect(interviewer.status).toBe(200);
    const body = (await interviewer.json()) as { templateId: string; board: { nodes: unknown[] }; info: { steps: { model: string } }; followUps: string[] };
    expect(body.templateId).toBe('video-recommendation');
    expect(body.board.nodes).toHaveLength(TEMPLATE.nodes.length);
    expect(body.info.steps.model).toBe(answerText);
    expect(body.followUps).toEqual(TEMPLATE.template.followUps);

    for (const token of [board.tokens.edit, board.tokens.read]) {
      const response = await get(board, 'reference', token);
      expect(response.status).toBe(403);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ reason: 'not_revealed' });
      expect(text).not.toContain(answerText.slice(0, 40));
    }

    // A candidate's client cannot reveal it: its write to the control room is dropped.
    const refusedBefore = await metric(server, 'mldb_messages_refused_total{reason="control_not_interviewer"}');
    const candidate = connect(server, roomName(board.boardId, 'control'), board.tokens.edit);
    await candidate.firstSync;
    applyControlChange(candidate.doc, 'candidate', reveal);
    await waitFor(async () => (await metric(server, 'mldb_messages_refused_total{reason="control_not_interviewer"}')) > refusedBefore, 'the refusal');
    expect((await get(board, 'reference', board.tokens.edit)).status).toBe(403);
    candidate.destroy();

    // The interviewer reveals: now the candidate and the viewer get it, without the follow-ups.
    const interviewerClient = connect(server, roomName(board.boardId, 'control'), board.tokens.interviewer);
    await interviewerClient.firstSync;
    applyControlChange(interviewerClient.doc, 'interviewer', reveal);
    await waitFor(async () => (await get(board, 'reference', board.tokens.edit)).status === 200, 'the reveal');
    for (const token of [board.tokens.edit, board.tokens.read]) {
      const revealed = (await (await get(board, 'reference', token)).json()) as { info: { steps: { model: string } }; followUps?: unknown };
      expect(revealed.info.steps.model).toBe(answerText);
      expect(revealed).not.toHaveProperty('followUps');
    }
    interviewerClient.destroy();
  });

  it('answers 404 no_reference for an own-prompt interview and a board that follows no case study', async () => {
    const own = await createInterview({ prompt: { title: 'Spam filter', text: 'Design it.' }, durationMinutes: 30 });
    const plain = await createBoard(server);
    for (const [board, token] of [
      [own, own.tokens.interviewer],
      [plain, plain.tokens.edit],
    ] as const) {
      const response = await get(board, 'reference', token);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ reason: 'no_reference' });
    }
  });
});

describe('the control room', () => {
  it('only the interviewer token changes it: a candidate client starting the timer changes it for nobody', async () => {
    const board = await createInterview({ templateId: 'video-recommendation', durationMinutes: 45 });
    const room = roomName(board.boardId, 'control');
    const interviewer = connect(server, room, board.tokens.interviewer);
    const candidate = connect(server, room, board.tokens.edit);
    const viewer = connect(server, room, board.tokens.read);
    try {
      await Promise.all([interviewer.firstSync, candidate.firstSync, viewer.firstSync]);
      const refusedBefore = await metric(server, 'mldb_messages_refused_total{reason="control_not_interviewer"}');

      // The candidate's own copy changes (a modified client can do that), nobody else's.
      expect(applyControlChange(candidate.doc, 'candidate', startTimer)).toBe(true);
      expect(readControl(candidate.doc).timer.startedAt).not.toBeNull();
      await waitFor(async () => (await metric(server, 'mldb_messages_refused_total{reason="control_not_interviewer"}')) === refusedBefore + 1, 'the refusal');
      // The candidate stays connected; a new reader sees the idle timer, as do the others.
      expect(candidate.provider.wsconnected).toBe(true);
      const late = connect(server, room, board.tokens.read);
      expect(readControl(await late.firstSync).timer.startedAt).toBeNull();
      late.destroy();
      expect(readControl(interviewer.doc).timer.startedAt).toBeNull();
      expect(readControl(viewer.doc).timer.startedAt).toBeNull();

      // The interviewer starts it: everyone sees it.
      applyControlChange(interviewer.doc, 'interviewer', startTimer, 1_000_000);
      await waitFor(() => readControl(viewer.doc).timer.startedAt === 1_000_000, 'the viewer to see the start');
    } finally {
      interviewer.destroy();
      candidate.destroy();
      viewer.destroy();
    }
  });

  it('the interviewer room stays closed to edit and read tokens; the control room opens to all', async () => {
    const board = await createInterview({ templateId: 'video-recommendation', durationMinutes: 45 });
    for (const [token, interviewerRoom, control] of [
      [board.tokens.edit, 403, 200],
      [board.tokens.read, 403, 200],
      [board.tokens.interviewer, 200, 200],
    ] as const) {
      const ask = (room: string) => fetch(`${server.httpUrl}/api/rooms/${encodeURIComponent(room)}?token=${token}`);
      expect((await ask(roomName(board.boardId, 'interviewer'))).status).toBe(interviewerRoom);
      const answer = await ask(roomName(board.boardId, 'control'));
      expect(answer.status).toBe(control);
      expect(((await answer.json()) as { readOnly: boolean }).readOnly).toBe(token !== board.tokens.interviewer);
    }
  });
});
