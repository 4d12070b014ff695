import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardBinding } from '../../src/doc/binding';
import { applyControlChange, nextStep, pauseTimer, reveal, startTimer, type ControlChange } from '../../src/shared/interview/control';
import { readBoard } from '../../src/shared/yjsBoard';
import { Pool, escapeIdentifier } from 'pg';
import { LeveldbPersistence } from 'y-leveldb';
import { insertBoard } from '../../src/shared/yjsBoard';
import { UpdatesSchema } from '../../src/replay/historyApi';
import { WindowedHistory } from '../../src/replay/windows';
import { LeveldbStorage } from '../storage/leveldb';
import { DATABASE_URL, dropSchema, scaleOutAvailable, scaleOutEnv, uniqueSchema } from './scaleoutEnv';
import { connect, createBoard, removeDir, startServer, tempDir, waitFor, type Board, type Client, type ServerHandle } from './harness';

/** History (docs/HISTORY.md) against real server processes, in both storage modes. */

interface Mode {
  name: string;
  available: boolean;
  /** The environment of a server process; the same across restarts of one test. */
  env(): { env: Record<string, string>; cleanup(): Promise<void> };
  /** Stores an update the way a server before history did (no history at all), while no server runs. */
  storeWithoutHistory(dataDir: string, env: Record<string, string>, room: string, update: Uint8Array): Promise<void>;
}

const MODES: Mode[] = [
  {
    name: 'LevelDB',
    available: true,
    env: () => ({ env: {}, cleanup: async () => {} }),
    // y-leveldb's own writer: what an older server wrote.
    storeWithoutHistory: async (dataDir, _env, room, update) => {
      const persistence = new LeveldbPersistence(LeveldbStorage.directory(dataDir));
      await persistence.storeUpdate(room, update);
      await persistence.destroy();
    },
  },
  {
    name: 'PostgreSQL',
    available: scaleOutAvailable,
    env: () => {
      const schema = uniqueSchema();
      return { env: scaleOutEnv(schema), cleanup: () => dropSchema(schema) };
    },
    // The rows an older server wrote: the board's counter and its update, no history rows.
    storeWithoutHistory: async (_dataDir, env, room, update) => {
      const pool = new Pool({ connectionString: DATABASE_URL, max: 1 });
      const s = escapeIdentifier(env.DATABASE_SCHEMA!);
      try {
        await pool.query(`INSERT INTO ${s}.boards (name, last_seq) VALUES ($1, 1)`, [room]);
        await pool.query(`INSERT INTO ${s}.board_updates (board, seq, data) VALUES ($1, 1, $2)`, [room, Buffer.from(update)]);
      } finally {
        await pool.end();
      }
    },
  },
];

interface Person {
  client: Client;
  binding: BoardBinding;
}

/** Servers, people and directories of one test, removed when it ends. */
function fixture(mode: Mode, onTestFinished: (fn: () => Promise<void> | void) => void) {
  const people: Person[] = [];
  const servers: ServerHandle[] = [];
  const dataDir = tempDir();
  const { env, cleanup } = mode.env();
  onTestFinished(async () => {
    for (const person of people) {
      person.binding.destroy();
      person.client.destroy();
    }
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    removeDir(dataDir);
    await cleanup();
  });
  return {
    env,
    dataDir,
    start: async (extra: Record<string, string> = {}) => {
      const server = await startServer({ dataDir, env: { ...env, ...extra } });
      servers.push(server);
      return server;
    },
    join: async (server: ServerHandle, room: string, token: string, name: string): Promise<Person> => {
      const client = connect(server, room, token);
      client.provider.awareness.setLocalStateField('user', { name, role: 'candidate', color: '#123456' });
      const person = { client, binding: new BoardBinding(client.doc) };
      people.push(person);
      await client.firstSync;
      return person;
    },
  };
}

async function getJson<T>(server: ServerHandle, path: string, token: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.httpUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as T };
}

interface Summary {
  from: number;
  to: number;
  authors: Array<{ clientId: number; name: string | null }>;
  rooms: string[];
  moments: Array<{ at: number; kind: string; name?: string; by?: string }>;
  marks: unknown[];
}

interface Updates {
  room: string;
  base: { at: number; state: string };
  updates: Array<{ at: number; author: number; update: string }>;
  authors: Array<{ clientId: number; name: string | null }>;
}

/** The document the updates endpoint's data rebuilds (what the replay client does). */
function replayed(data: Updates): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(data.base.state, 'base64'));
  for (const u of data.updates) Y.applyUpdate(doc, Buffer.from(u.update, 'base64'));
  return doc;
}

const value = <T>(result: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!result.ok) throw new Error(result.error);
  return result.value;
};
const done = (result: { ok: true } | { ok: false; error: string }): void => {
  if (!result.ok) throw new Error(result.error);
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until both people hold the same board (the server relays only what it stored), then notes the moment. */
async function moment(a: Person, b: Person): Promise<{ at: number; board: unknown }> {
  const same = () => Buffer.from(Y.encodeStateVector(a.client.doc)).equals(Y.encodeStateVector(b.client.doc)) && JSON.stringify(readBoard(a.client.doc)) === JSON.stringify(readBoard(b.client.doc));
  await waitFor(same, 'both people to hold the same board');
  const at = Date.now();
  // The next edit is stored at a later millisecond than this moment.
  await pause(3);
  return { at, board: readBoard(b.client.doc) };
}

for (const mode of MODES) {
  describe.runIf(mode.available).concurrent(`history (${mode.name})`, { timeout: 90_000 }, () => {
    it('rebuilds the board a person held at any moment, with its authors, after kill -9 and a restart', async ({ onTestFinished }) => {
      const { start, join } = fixture(mode, onTestFinished);
      // A snapshot every two entries: most moments are rebuilt from snapshots the rooms took of their documents.
      const settings = { HISTORY_SNAPSHOT_EVERY_UPDATES: '2' };
      let server = await start(settings);
      const board: Board = await createBoard(server);
      const ada = await join(server, board.boardId, board.tokens.edit, 'Ada');
      const bo = await join(server, board.boardId, board.tokens.interviewer, 'Bo');
      // Awareness reaches the server before the first edit: the names are recorded with it.
      await waitFor(() => ada.client.provider.awareness.getStates().size === 2 && bo.client.provider.awareness.getStates().size === 2, 'presence');

      const source = value(ada.binding.addNode('data-source', { x: 0, y: 0 }));
      const first = await moment(ada, bo);
      const trainer = value(bo.binding.addNode('trainer', { x: 400, y: 0 }));
      value(bo.binding.connect({ source, target: trainer }));
      const second = await moment(bo, ada);
      ada.binding.moveNodes([{ id: source, position: { x: 40, y: 80 } }]);
      done(ada.binding.setTitle(trainer, 'Nightly trainer'));
      const third = await moment(ada, bo);
      expect(bo.binding.deleteElements([source], []).nodes).toBe(1);
      const last = await moment(bo, ada);

      const check = async (server: ServerHandle) => {
        for (const [when, held] of [first, second, third, last].map((m) => [m.at, m.board] as const)) {
          const at = await getJson<unknown>(server, `/api/boards/${board.boardId}/at/${when}.json`, board.tokens.read);
          expect(at.status).toBe(200);
          expect(at.body).toEqual(held);
        }
        const summary = await getJson<Summary>(server, `/api/boards/${board.boardId}/history`, board.tokens.read);
        expect(summary.status).toBe(200);
        expect(summary.body.authors).toEqual(
          expect.arrayContaining([
            { clientId: ada.client.doc.clientID, name: 'Ada' },
            { clientId: bo.client.doc.clientID, name: 'Bo' },
          ]),
        );
        expect(summary.body.from).toBeLessThanOrEqual(first.at);
        expect(summary.body.to).toBeLessThanOrEqual(last.at);
        expect(summary.body.to).toBeGreaterThan(third.at);
        const updates = await getJson<Updates>(server, `/api/boards/${board.boardId}/history/updates`, board.tokens.read);
        expect(updates.status).toBe(200);
        expect(readBoard(replayed(updates.body))).toEqual(last.board);
        expect(new Set(updates.body.updates.map((u) => u.author))).toEqual(new Set([ada.client.doc.clientID, bo.client.doc.clientID]));
        const times = updates.body.updates.map((u) => u.at);
        expect(times).toEqual([...times].sort((a, b) => a - b));
        // Before the first update there is nothing to rebuild.
        expect((await getJson(server, `/api/boards/${board.boardId}/at/${summary.body.from - 1}.json`, board.tokens.read)).status).toBe(404);
        // A window of the history: the board at `first` as its base, then only the updates through `third`.
        const window = await getJson<Updates>(server, `/api/boards/${board.boardId}/history/updates?from=${first.at}&to=${third.at}`, board.tokens.read);
        const base = new Y.Doc();
        Y.applyUpdate(base, Buffer.from(window.body.base.state, 'base64'));
        expect(readBoard(base)).toEqual(first.board);
        expect(window.body.updates.length).toBeGreaterThan(0);
        expect(window.body.updates.every((u) => u.at > first.at && u.at <= third.at)).toBe(true);
        expect(readBoard(replayed(window.body))).toEqual(third.board);
        expect((await getJson(server, `/api/boards/${board.boardId}/history/updates?from=soon`, board.tokens.read)).status).toBe(400);
        // The replay client, reading the history in windows a quarter of the timeline long, shows each moment as it was held.
        const windows = new WindowedHistory(
          async ({ from, to }) => {
            const { status, body } = await getJson<unknown>(server, `/api/boards/${board.boardId}/history/updates?room=board&from=${from}&to=${to}`, board.tokens.read);
            expect(status).toBe(200);
            return { ok: true, value: UpdatesSchema.parse(body) };
          },
          summary.body.from,
          summary.body.to,
          Math.max(1, Math.ceil((summary.body.to - summary.body.from) / 4)),
        );
        for (const held of [first, second, third, last]) expect(readBoard((await windows.ensure(held.at)).docAt(held.at))).toEqual(held.board);
        expect(new Set([first, second, third, last].map((held) => windows.windowOf(held.at))).size).toBeGreaterThan(1);
      };
      await check(server);
      server.proc.kill('SIGKILL');
      await server.exited;
      server = await start(settings);
      await check(server);
    });

    it('takes a board stored before history existed as the base of its history', async ({ onTestFinished }) => {
      const { start, join, env, dataDir } = fixture(mode, onTestFinished);
      let server = await start();
      const board = await createBoard(server);
      await server.stop();
      const old = new Y.Doc();
      insertBoard(old, { nodes: [{ id: 'n1', type: 'trainer', title: 'From before', position: { x: 0, y: 0 }, props: {} }], edges: [] });
      await mode.storeWithoutHistory(dataDir, env, board.boardId, Y.encodeStateAsUpdate(old));
      const loadedAfter = Date.now();
      server = await start();
      const ada = await join(server, board.boardId, board.tokens.edit, 'Ada');
      expect(ada.binding.getNode('n1')?.title).toBe('From before');
      done(ada.binding.setTitle('n1', 'Renamed since'));
      value(ada.binding.addNode('ranker', { x: 300, y: 0 }));
      const bo = await join(server, board.boardId, board.tokens.edit, 'Bo');
      const now = await moment(ada, bo);
      const updates = (await getJson<Updates>(server, `/api/boards/${board.boardId}/history/updates`, board.tokens.read)).body;
      expect(updates.base.at).toBeGreaterThanOrEqual(loadedAfter);
      const base = new Y.Doc();
      Y.applyUpdate(base, Buffer.from(updates.base.state, 'base64'));
      expect(readBoard(base).nodes.map((n) => n.title)).toEqual(['From before']);
      expect(readBoard(replayed(updates))).toEqual(now.board);
      expect((await getJson(server, `/api/boards/${board.boardId}/at/${now.at}.json`, board.tokens.read)).body).toEqual(now.board);
    });

    it("serves the interviewer room's history to the interviewer token only; checkpoints from edit tokens", async ({ onTestFinished }) => {
      const { start, join } = fixture(mode, onTestFinished);
      const server = await start();
      const board = await createBoard(server);
      const interviewer = await join(server, `${board.boardId}.interviewer`, board.tokens.interviewer, 'Bo');
      interviewer.client.doc.getText('notes').insert(0, 'Candidate skipped the data step');
      await waitFor(
        async () => (await getJson<Updates>(server, `/api/boards/${board.boardId}/history/updates?room=interviewer`, board.tokens.interviewer)).body.updates.length > 0,
        'the private note in the history',
      );
      const own = await getJson<Updates>(server, `/api/boards/${board.boardId}/history/updates?room=interviewer`, board.tokens.interviewer);
      expect(replayed(own.body).getText('notes').toString()).toBe('Candidate skipped the data step');
      // The private notes at a moment, as a restore writes them back: the state then, not the later edit.
      const noted = own.body.updates.at(-1)!.at;
      await pause(3);
      interviewer.client.doc.getText('notes').insert(0, 'Later: ');
      await waitFor(
        async () => (await getJson<Updates>(server, `/api/boards/${board.boardId}/history/updates?room=interviewer`, board.tokens.interviewer)).body.updates.length > own.body.updates.length,
        'the later note',
      );
      const stateAt = async (at: number | string, token = board.tokens.interviewer) => {
        const { status, body } = await getJson<{ at: number; state: string }>(server, `/api/boards/${board.boardId}/history/state?room=interviewer&at=${at}`, token);
        const doc = new Y.Doc();
        if (status === 200) Y.applyUpdate(doc, Buffer.from(body.state, 'base64'));
        return { status, notes: doc.getText('notes').toString() };
      };
      expect(await stateAt(noted)).toEqual({ status: 200, notes: 'Candidate skipped the data step' });
      expect(await stateAt(Date.now())).toEqual({ status: 200, notes: 'Later: Candidate skipped the data step' });
      expect(await stateAt(own.body.base.at - 1)).toEqual({ status: 200, notes: '' });
      expect((await stateAt('')).status).toBe(400);
      for (const token of [board.tokens.edit, board.tokens.read]) {
        const refused = await fetch(`${server.httpUrl}/api/boards/${board.boardId}/history/updates?room=interviewer&token=${token}`);
        expect(refused.status).toBe(403);
        expect(await refused.text()).not.toContain('skipped');
        expect(await stateAt(noted, token)).toEqual({ status: 403, notes: '' });
        // Nor do the private room's authors appear in the summary for them.
        const summary = await getJson<Summary>(server, `/api/boards/${board.boardId}/history`, token);
        expect(summary.body.authors).toEqual([]);
        expect(summary.body.rooms).toEqual(['board', 'control']);
      }

      const ownSummary = await getJson<Summary>(server, `/api/boards/${board.boardId}/history`, board.tokens.interviewer);
      expect(ownSummary.body.authors).toEqual([{ clientId: interviewer.client.doc.clientID, name: 'Bo' }]);
      expect(ownSummary.body.rooms).toEqual(['board', 'control', 'interviewer']);
      expect((await fetch(`${server.httpUrl}/api/boards/${board.boardId}/history?token=${board.tokens.read.slice(1)}x`)).status).toBe(403);

      const ada = await join(server, board.boardId, board.tokens.edit, 'Ada');
      const node = value(ada.binding.addNode('trainer', { x: 0, y: 0 }));
      const post = (token: string, body: unknown) =>
        fetch(`${server.httpUrl}/api/boards/${board.boardId}/checkpoints`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await post(board.tokens.read, { name: 'mine' })).status).toBe(403);
      expect((await post(board.tokens.edit, { name: '' })).status).toBe(400);
      expect((await post(board.tokens.edit, { name: 'x'.repeat(81) })).status).toBe(400);
      const created = await post(board.tokens.edit, { name: 'before the redesign', by: 'Ada' });
      expect(created.status).toBe(201);
      const checkpoint = (await created.json()) as { at: number; name: string; by: string };
      expect(checkpoint).toMatchObject({ name: 'before the redesign', by: 'Ada' });
      const held = readBoard(ada.client.doc);
      await pause(3);
      ada.binding.deleteElements([node], []);
      const summary = await getJson<Summary>(server, `/api/boards/${board.boardId}/history`, board.tokens.read);
      expect(summary.body.moments).toContainEqual({ at: checkpoint.at, kind: 'checkpoint', name: 'before the redesign', by: 'Ada' });
      expect((await getJson(server, `/api/boards/${board.boardId}/at/${checkpoint.at}.json`, board.tokens.read)).body).toEqual(held);
    });

    it("marks timer starts and pauses, step changes and the reveal from the control room's history, which only the interviewer writes", async ({ onTestFinished }) => {
      const { start, join } = fixture(mode, onTestFinished);
      const server = await start();
      const created = await fetch(`${server.httpUrl}/api/boards`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ interview: { prompt: { title: 'Feed ranking', text: 'Design a feed' }, durationMinutes: 45 } }),
      });
      expect(created.status).toBe(201);
      const board = (await created.json()) as Board;
      const room = `${board.boardId}.control`;
      const interviewer = await join(server, room, board.tokens.interviewer, 'Bo');
      const candidate = await join(server, room, board.tokens.edit, 'Ada');
      const marks = async () => (await getJson<Summary>(server, `/api/boards/${board.boardId}/history`, board.tokens.edit)).body.marks as Array<{ at: number; kind: string; step?: number }>;
      const expected: Array<{ kind: string; step?: number; after: number }> = [];
      const change = async (person: Person, what: ControlChange, kind: string | null, step?: number) => {
        const after = Date.now();
        applyControlChange(person.client.doc, null, what);
        if (kind) {
          expected.push({ kind, ...(step === undefined ? {} : { step }), after });
          await waitFor(async () => (await marks()).length === expected.length, `the ${kind} mark`);
        }
      };
      await change(interviewer, startTimer, 'timer-start');
      await change(interviewer, nextStep, 'step', 1);
      // The candidate's change is dropped by the server: no mark, and the interviewer's next one still counts.
      await change(candidate, nextStep, null);
      await change(interviewer, pauseTimer, 'timer-pause');
      await change(interviewer, nextStep, 'step', 2);
      await change(interviewer, reveal, 'reveal');
      const got = await marks();
      expect(got.map(({ kind, step }) => ({ kind, ...(step === undefined ? {} : { step }) }))).toEqual(expected.map(({ kind, step }) => ({ kind, ...(step === undefined ? {} : { step }) })));
      got.forEach((mark, i) => expect(mark.at).toBeGreaterThanOrEqual(expected[i]!.after));
      // Nothing is drawn yet: the timeline still spans the marks, and the board then was empty.
      const summary = (await getJson<Summary>(server, `/api/boards/${board.boardId}/history`, board.tokens.read)).body;
      expect(summary.from).toBeLessThanOrEqual(got[0]!.at);
      expect(summary.to).toBeGreaterThanOrEqual(got.at(-1)!.at);
      const empty = await getJson<{ nodes: unknown[] }>(server, `/api/boards/${board.boardId}/at/${got[0]!.at}.json`, board.tokens.read);
      expect(empty.status).toBe(200);
      expect(empty.body.nodes).toEqual([]);
      // The control room's updates are there for the replay, to every role.
      const updates = await getJson<Updates>(server, `/api/boards/${board.boardId}/history/updates?room=control`, board.tokens.read);
      expect(updates.status).toBe(200);
      expect(updates.body.updates.every((u) => u.author === interviewer.client.doc.clientID || u.author === 0)).toBe(true);
    });

    it('folds history older than the retention into one snapshot, keeping the latest state exact', async ({ onTestFinished }) => {
      const { start, join } = fixture(mode, onTestFinished);
      // Retention of 1.5 s; a snapshot after every stored update, so every edit triggers the upkeep.
      const server = await start({ HISTORY_RETENTION_DAYS: String(1.5 / 86_400), HISTORY_SNAPSHOT_EVERY_UPDATES: '1' });
      const board = await createBoard(server);
      const ada = await join(server, board.boardId, board.tokens.edit, 'Ada');
      const bo = await join(server, board.boardId, board.tokens.edit, 'Bo');
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push(value((i % 2 ? ada : bo).binding.addNode('trainer', { x: i * 10, y: 0 }, { title: `T${i}` })));
      const early = await moment(ada, bo);
      const before = await getJson<Summary>(server, `/api/boards/${board.boardId}/history`, board.tokens.read);
      expect(before.body.from).toBeLessThanOrEqual(early.at);
      await pause(1_700);
      done(ada.binding.setTitle(ids[3]!, 'renamed after the retention'));
      ada.binding.deleteElements([ids[4]!], []);
      const latest = await moment(ada, bo);
      const kept = async () => (await getJson<Updates>(server, `/api/boards/${board.boardId}/history/updates`, board.tokens.read)).body;
      await waitFor(async () => (await kept()).updates.every((u) => u.at > early.at), 'the old history to be folded', 15_000, 100);
      const updates = await kept();
      // The 20 early edits are one base state now, as of the last of them; the later ones are kept as they were.
      expect(updates.base.at).toBeGreaterThanOrEqual(before.body.from);
      expect(updates.base.at).toBeLessThanOrEqual(early.at);
      expect(updates.updates.length).toBeGreaterThan(0);
      expect(readBoard(replayed(updates))).toEqual(latest.board);
      expect((await getJson(server, `/api/boards/${board.boardId}/at/${Date.now()}.json`, board.tokens.read)).body).toEqual(latest.board);
      expect((await getJson(server, `/api/boards/${board.boardId}/at/${early.at}.json`, board.tokens.read)).body).toEqual(early.board);
      expect((await getJson(server, `/api/boards/${board.boardId}/at/${updates.base.at - 1}.json`, board.tokens.read)).status).toBe(404);
      expect((await getJson<Summary>(server, `/api/boards/${board.boardId}/history`, board.tokens.read)).body.from).toBe(updates.base.at);
    });
  });
}
