import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardBinding } from '../../src/doc/binding';
import { editText } from '../../src/interview/interviewDoc';
import { interviewerTypes, setGrade } from '../../src/interview/interviewerDoc';
import { applyControlChange, markInterview, nextStep, reveal, startTimer, type ControlChange } from '../../src/shared/interview/control';
import { noteText } from '../../src/shared/interviewLayout';
import { loadDebrief } from '../../src/replay/debriefLoad';
import { readPrivateNotes } from '../../src/replay/privateNotes';
import { HistorySchema, UpdatesSchema } from '../../src/replay/historyApi';
import { httpSource, type Read } from './debriefSource';
import { connect, createBoard, waitFor, type Board, type Client, type ServerHandle } from './harness';
import { serverForTest } from './servers';

/**
 * The debrief's reads (src/replay/debriefLoad.ts) against a real server: it reads the board room over
 * the interview only, however long the board lived before and after it.
 */

const value = <T>(result: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!result.ok) throw new Error(result.error);
  return result.value;
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two people on one board: the candidate draws, the interviewer runs the control room and keeps private notes. */
function fixture(server: ServerHandle, board: Board, onTestFinished: (fn: () => void) => void) {
  const clients: Client[] = [];
  const join = async (room: string, token: string, name: string) => {
    const client = connect(server, `${board.boardId}${room}`, token);
    client.provider.awareness.setLocalStateField('user', { name, role: 'candidate', color: '#123456' });
    clients.push(client);
    await client.firstSync;
    return client;
  };
  onTestFinished(() => clients.forEach((client) => client.destroy()));
  return {
    join,
    /** Waits until a second client of the room holds what `client` wrote: the server relays only what it stored. */
    stored: async (client: Client, watcher: Client) => {
      await waitFor(() => Buffer.from(Y.encodeStateVector(client.doc)).equals(Y.encodeStateVector(watcher.doc)), 'the update to be stored');
      // The next update is stored at a later millisecond.
      await pause(3);
    },
    /** A control change by the interviewer, once its mark is in the history. */
    control: async (control: Client, change: ControlChange, marks: number) => {
      applyControlChange(control.doc, null, change);
      await waitFor(async () => HistorySchema.parse(await (await fetch(`${server.httpUrl}/api/boards/${board.boardId}/history?token=${board.tokens.read}`)).json()).marks.length >= marks, 'the mark');
      await pause(3);
    },
  };
}

describe.concurrent('the debrief against a real server', { timeout: 90_000 }, () => {
  it('reads the board only over the interview, however long the board lived before and after it', async ({ onTestFinished }) => {
    const server = await serverForTest(onTestFinished);
    const board = await createBoard(server);
    const { join, stored, control } = fixture(server, board, onTestFinished);
    const candidate = await join('', board.tokens.edit, 'Ada');
    const watcher = await join('', board.tokens.read, 'Watcher');
    const ada = new BoardBinding(candidate.doc);

    // Long before the interview: a board drawn and reworked, many stored updates.
    const client = value(ada.addNode('client-app', { x: 0, y: 0 }));
    const model = value(ada.addNode('model-server', { x: 400, y: 0 }));
    value(ada.connect({ source: client, target: model }));
    // The framework notes, opened before anything is typed in them: a step's notes count edits once they exist.
    const notes = noteText(ada.openInterview(), 'clarify');
    for (let i = 0; i < 40; i++) {
      ada.moveNodes([{ id: client, position: { x: i * 10, y: 0 } }]);
      await stored(candidate, watcher);
    }

    // The interview: the board becomes an interview board, the clock runs, the candidate adds a monitor.
    const bo = await join('.control', board.tokens.interviewer, 'Bo');
    applyControlChange(bo.doc, null, markInterview({ title: 'Feed ranking', prompt: 'Design a feed' }, 30 * 60_000));
    await waitFor(
      async () =>
        ((await fetch(`${server.httpUrl}/api/boards/${board.boardId}/history/updates?room=control&token=${board.tokens.read}`).then((r) => r.json())) as { updates: unknown[] }).updates.length > 0,
      'the interview to be marked',
    );
    await pause(3);
    await control(bo, startTimer, 1);
    editText(ada, notes, { index: 0, remove: 0, insert: '1B users' });
    const monitor = value(ada.addNode('monitor', { x: 800, y: 0 }));
    value(ada.connect({ source: model, target: monitor }));
    await stored(candidate, watcher);
    await control(bo, nextStep, 2);
    await control(bo, reveal, 4); // the clock stops: a pause mark, and the reveal

    // After it: the interviewer grades; the board is reworked again, the monitor deleted.
    const privateRoom = await join('.interviewer', board.tokens.interviewer, 'Bo');
    setGrade(interviewerTypes(privateRoom.doc), 'data', 'weak');
    const trainer = value(ada.addNode('trainer', { x: 0, y: 400 }));
    for (let i = 0; i < 30; i++) {
      ada.moveNodes([{ id: trainer, position: { x: i * 10, y: 400 } }]);
      await stored(candidate, watcher);
    }
    ada.deleteElements([monitor], []);
    await stored(candidate, watcher);
    await waitFor(async () => {
      const { state } = (await (await fetch(`${server.httpUrl}/api/boards/${board.boardId}/history/state?room=interviewer&at=${Date.now()}&token=${board.tokens.interviewer}`)).json()) as {
        state: string;
      };
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Buffer.from(state, 'base64'));
      return readPrivateNotes(doc).grades.data === 'weak';
    }, 'the grade to be stored');

    const reads: Read[] = [];
    const { debrief, span } = value(await loadDebrief(httpSource(server.httpUrl, board.boardId, board.tokens.interviewer, reads)));
    const whole = UpdatesSchema.parse(await (await fetch(`${server.httpUrl}/api/boards/${board.boardId}/history/updates?room=board&token=${board.tokens.read}`)).json());
    const history = HistorySchema.parse(await (await fetch(`${server.httpUrl}/api/boards/${board.boardId}/history?token=${board.tokens.read}`)).json());
    const revealed = history.marks.find((m) => m.kind === 'reveal')!.at;
    const timerStarted = history.marks.find((m) => m.kind === 'timer-start')!.at;

    // The board room is read once, over the interview: from its start (the board made an interview one) to the reveal.
    const boardReads = reads.filter((r) => r.room === 'board');
    expect(boardReads).toHaveLength(1);
    expect(span!.end).toBe(revealed);
    expect(span!.start).toBeLessThan(timerStarted);
    expect(boardReads[0]!.window).toEqual({ from: span!.start, to: revealed });
    const during = whole.updates.filter((u) => u.at > span!.start && u.at <= revealed);
    expect(boardReads[0]!.updates).toBe(during.length);
    expect(whole.updates.length - during.length).toBeGreaterThanOrEqual(40);
    // The interviewer room is read as it is now, never its history.
    expect(reads.filter((r) => r.room === 'interviewer')).toEqual([{ room: 'interviewer', updates: 0, bytes: expect.any(Number) }]);

    // The report is on the interview: what was drawn before it was there at the start, what came after is not in it.
    expect(debrief.startedAt).toBe(span!.start);
    expect(debrief.durationMs).toBe(revealed - span!.start);
    expect(debrief.appearances.map((a) => [a.id, a.at === null ? 'at the start' : 'during'])).toEqual([
      [client, 'at the start'],
      [model, 'at the start'],
      [monitor, 'during'],
    ]);
    expect(debrief.finalBoard.nodes.map((n) => n.id).sort()).toEqual([client, model, monitor].sort());
    expect(debrief.findings.some((f) => f.ruleId === 'monitoring')).toBe(false);
    expect(debrief.fixed.find((f) => f.finding.ruleId === 'monitoring')).toMatchObject({ raisedAt: null });
    expect(debrief.steps.find((s) => s.id === 'clarify')).toMatchObject({ noteEdits: 1 });
    expect(debrief.prompt).toEqual({ title: 'Feed ranking', text: 'Design a feed' });
    expect(debrief.privatePart?.grades).toEqual({ data: 'weak' });

    // The candidate's token is not offered the interviewer room, so their debrief does not ask for it: no private part.
    const theirSource = httpSource(server.httpUrl, board.boardId, board.tokens.edit, []);
    const asked: string[] = [];
    const theirs = value(await loadDebrief({ ...theirSource, stateAt: (room, at) => (asked.push(room), theirSource.stateAt(room, at)) }));
    expect(asked).toEqual([]);
    expect(theirs.debrief.privatePart).toBeNull();
  });

  it('on a board that only held the interview, reports what its whole history does', async ({ onTestFinished }) => {
    const server = await serverForTest(onTestFinished);
    const created = await fetch(`${server.httpUrl}/api/boards`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ interview: { prompt: { title: 'Feed ranking', text: 'Design a feed' }, durationMinutes: 30 } }),
    });
    const board = (await created.json()) as Board;
    const { join, stored, control } = fixture(server, board, onTestFinished);
    const candidate = await join('', board.tokens.edit, 'Ada');
    const watcher = await join('', board.tokens.read, 'Watcher');
    const bo = await join('.control', board.tokens.interviewer, 'Bo');
    const ada = new BoardBinding(candidate.doc);
    const notes = noteText(ada.openInterview(), 'clarify');
    await stored(candidate, watcher);
    await control(bo, startTimer, 1);
    const client = value(ada.addNode('client-app', { x: 0, y: 0 }));
    const model = value(ada.addNode('model-server', { x: 400, y: 0 }));
    value(ada.connect({ source: client, target: model }));
    editText(ada, notes, { index: 0, remove: 0, insert: '1B users' });
    await stored(candidate, watcher);
    await control(bo, nextStep, 2);
    const monitor = value(ada.addNode('monitor', { x: 800, y: 0 }));
    value(ada.connect({ source: model, target: monitor }));
    await stored(candidate, watcher);
    await control(bo, reveal, 4); // the clock stops: a pause mark, and the reveal

    const reads: Read[] = [];
    const bounded = value(await loadDebrief(httpSource(server.httpUrl, board.boardId, board.tokens.edit, reads)));
    const wholeReads: Read[] = [];
    const whole = value(await loadDebrief(httpSource(server.httpUrl, board.boardId, board.tokens.edit, wholeReads, { whole: true })));
    expect(reads.find((r) => r.room === 'board')!.window).toBeDefined();
    expect(reads.find((r) => r.room === 'board')!.updates).toBe(wholeReads.find((r) => r.room === 'board')!.updates);
    expect(bounded.debrief).toEqual(whole.debrief);
    expect(bounded.debrief.appearances.map((a) => a.id)).toEqual([client, model, monitor]);
    expect(bounded.debrief.appearances.every((a) => a.at !== null)).toBe(true);
  });
});
