import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editText } from '../interview/interviewDoc';
import { noteText, readInterviewContent } from '../shared/interviewLayout';
import { readBoard } from '../shared/yjsBoard';
import type { BoardFile } from '../shared/format';
import { ReplayEngine } from './engine';
import { recordSession } from './recordedSession';

function value<T>(result: { ok: boolean; value?: T }): T {
  if (!result.ok) throw new Error('mutation failed');
  return result.value as T;
}

/** Two people drawing, renaming, moving, deleting and taking notes; the board each held after every step. */
function interview() {
  const session = recordSession(2);
  const start = session.now();
  const [ana, ben] = session.people;
  const held: { at: number; board: BoardFile }[] = [];
  const step = (fn: () => void) => {
    session.advance(1000);
    fn();
    held.push({ at: session.now(), board: readBoard(ben!.doc) });
  };
  const ids: Record<string, string> = {};
  step(() => (ids.source = value(ana!.addNode('data-source', { x: 0, y: 0 }))));
  step(() => (ids.trainer = value(ben!.addNode('trainer', { x: 400, y: 0 }))));
  step(() => (ids.edge = value(ana!.connect({ source: ids.source!, target: ids.trainer! }))));
  for (let i = 0; i < 40; i++) step(() => ana!.moveNodes([{ id: ids.source!, position: { x: i * 10, y: i * 5 } }]));
  step(() => ben!.setTitle(ids.trainer!, 'Nightly trainer'));
  step(() => {
    const types = ben.openInterview();
    editText(ben!, noteText(types, 'data'), { index: 0, remove: 0, insert: 'Logs, 30 days' });
  });
  step(() => (ids.server = value(ben!.addNode('model-server', { x: 800, y: 0 }))));
  step(() => ana!.deleteElements([ids.trainer!], []));
  step(() => ana!.undo());
  for (let i = 0; i < 30; i++) step(() => ben!.moveNodes([{ id: ids.server!, position: { x: 800 + i, y: 0 } }]));
  return { session, start, held, ids, ana: ana!, ben: ben! };
}

describe('replay engine', () => {
  it('rebuilds the board each person held at every moment, whatever the order of the jumps', () => {
    const { session, held } = interview();
    const engine = new ReplayEngine(session.source(), { checkpointEvery: 8 });
    const order = [...held.keys()].sort((a, b) => ((a * 7919) % held.length) - ((b * 7919) % held.length));
    for (const i of order) {
      const { doc } = engine.seek(held[i]!.at);
      expect(readBoard(doc), `moment ${i}`).toEqual(held[i]!.board);
    }
    expect(readBoard(engine.docAt(session.now() - 30_500))).toEqual(held.find((h) => h.at === session.now() - 31_000)!.board);
    engine.destroy();
  });

  it('shows the same moments before its pass, between slices of it and after it, and the pass tells the same creators and activity however it was sliced', () => {
    const { session, held, ids } = interview();
    const whole = new ReplayEngine(session.source(), { checkpointEvery: 8 });
    expect(whole.index()).toBe(true);
    const sliced = new ReplayEngine(session.source(), { checkpointEvery: 8 });
    expect(sliced.indexed).toBe(false);
    let slices = 0;
    for (const [i, { at, board }] of held.entries()) {
      expect(readBoard(sliced.seek(at).doc), `moment ${i}, ${slices} slices in`).toEqual(board);
      if (sliced.indexed) continue;
      // Three updates a slice, made between the jumps.
      let left = 3;
      sliced.index(() => --left > 0);
      slices++;
    }
    expect(slices).toBeGreaterThan(10);
    expect(sliced.indexed).toBe(true);
    for (const { at, board } of held.slice().reverse()) expect(readBoard(sliced.seek(at).doc)).toEqual(board);
    expect(sliced.activity).toEqual(whole.activity);
    for (const id of [ids.source!, ids.trainer!, ids.server!]) expect(sliced.creatorOf('node', id)).toEqual(whole.creatorOf('node', id));
    // Reading who drew what or the activity finishes the pass.
    const unread = new ReplayEngine(session.source(), { checkpointEvery: 8 });
    expect(unread.creatorOf('node', ids.trainer!)).toEqual(whole.creatorOf('node', ids.trainer!));
    expect(unread.indexed).toBe(true);
  });

  it('goes forward on the same document and restores a new one to go back', () => {
    const { session, held } = interview();
    const engine = new ReplayEngine(session.source(), { checkpointEvery: 8 });
    engine.index(); // the checkpoints
    const first = engine.seek(held[10]!.at);
    const forward = engine.seek(held[12]!.at);
    expect(forward.doc).toBe(first.doc);
    expect(readBoard(forward.doc)).toEqual(held[12]!.board);
    const back = engine.seek(held[5]!.at);
    expect(back.doc).not.toBe(first.doc);
    expect(readBoard(back.doc)).toEqual(held[5]!.board);
    // Far forward: a checkpoint closer than the cursor is restored instead of applying every update.
    const far = engine.seek(held.at(-1)!.at);
    expect(far.doc).not.toBe(back.doc);
    expect(readBoard(far.doc)).toEqual(held.at(-1)!.board);
  });

  it('before the first update shows the base state, after the last the final board', () => {
    const { session, held, ana } = interview();
    const engine = new ReplayEngine(session.source());
    expect(readBoard(engine.docAt(engine.from - 1)).nodes).toEqual([]);
    expect(engine.indexAt(engine.from - 1)).toBe(-1);
    expect(readBoard(engine.docAt(engine.to + 60_000))).toEqual(readBoard(ana.doc));
    expect(engine.to).toBe(held.at(-1)!.at);
  });

  it('says who drew each node and edge; an undone delete keeps its first creator', () => {
    const { session, start, ids, ana, ben } = interview();
    const engine = new ReplayEngine(session.source());
    expect(engine.creatorOf('node', ids.source!)).toEqual({ author: ana.doc.clientID, at: start + 1_000, inBase: false });
    expect(engine.creatorOf('node', ids.trainer!)).toEqual({ author: ben.doc.clientID, at: start + 2_000, inBase: false });
    expect(engine.creatorOf('edge', ids.edge!)?.author).toBe(ana.doc.clientID);
    expect(engine.creatorOf('node', ids.server!)?.author).toBe(ben.doc.clientID);
    expect(engine.creatorOf('node', 'never-there')).toBeUndefined();
  });

  it('records what each update did, the framework notes included', () => {
    const { session, ids } = interview();
    const engine = new ReplayEngine(session.source());
    const added = engine.activity.flatMap((a) => a.nodesAdded);
    expect(added.filter((id) => id === ids.trainer)).toHaveLength(2); // drawn, then brought back by undo
    expect(engine.activity.flatMap((a) => a.nodesRemoved)).toEqual([ids.trainer]);
    expect(engine.activity.flatMap((a) => a.edgesRemoved)).toEqual([ids.edge]);
    const notes = engine.activity.filter((a) => a.notes.length);
    expect(notes.map((a) => a.notes)).toEqual([['data']]);
  });

  it('replays from a base state that already holds a board, crediting its elements to the clients that wrote them', () => {
    const { session, ana, ben, ids } = interview();
    const all = session.source();
    // The server folded the first half into a snapshot: the base is the state after it.
    const half = Math.floor(all.updates.length / 2);
    const folded = new Y.Doc();
    for (const u of all.updates.slice(0, half)) Y.applyUpdate(folded, u.update);
    const engine = new ReplayEngine({ base: { at: all.updates[half - 1]!.at, state: Y.encodeStateAsUpdate(folded) }, updates: all.updates.slice(half) });
    expect(readBoard(engine.docAt(engine.to))).toEqual(readBoard(ana.doc));
    expect(engine.creatorOf('node', ids.source!)).toMatchObject({ author: ana.doc.clientID, inBase: true });
    expect(engine.creatorOf('node', ids.server!)?.author).toBe(ben.doc.clientID);
    expect(readInterviewContent(engine.docAt(engine.to))?.notes).toEqual({ data: 'Logs, 30 days' });
  });

  it('runs on past the last update when told the history goes on', () => {
    const { session, ana } = interview();
    const engine = new ReplayEngine(session.source(), { until: session.now() + 90_000 });
    expect(engine.to).toBe(session.now() + 90_000);
    expect(readBoard(engine.seek(engine.to).doc)).toEqual(readBoard(ana.doc));
  });

  it('refuses a checkpoint interval that is not a positive integer', () => {
    expect(() => new ReplayEngine({ base: { at: 0, state: Y.encodeStateAsUpdate(new Y.Doc()) }, updates: [] }, { checkpointEvery: 0 })).toThrow(/positive/);
  });

  it("counts a step's notes typed in the same stored update that created them", () => {
    const session = recordSession(1);
    const person = session.people[0]!;
    session.advance(1_000);
    editText(person, noteText(person.openInterview(), 'data'), { index: 0, remove: 0, insert: 'Logs' });
    const { base, updates } = session.source();
    // The server stores one author's consecutive writes as one entry: the notes' seeding and the first keystrokes together.
    const merged = { at: updates.at(-1)!.at, author: person.doc.clientID, update: Y.mergeUpdates(updates.map((u) => u.update)) };
    const engine = new ReplayEngine({ base, updates: [merged] });
    expect(engine.activity.map((a) => a.notes)).toEqual([['data']]);
  });
});
