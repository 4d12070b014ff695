import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardBinding } from '../doc/binding';
import { readBoard } from '../shared/yjsBoard';
import { authorClass, authorOf, whoDrew } from './authors';
import { ReplayEngine } from './engine';
import { groupPeople } from './people';
import { ReplayPlayer, type Clock } from './player';
import { servedWindows, tenCardsSession } from './recordedSession';
import { WindowedHistory } from './windows';

/** A clock the test moves by hand; frames run when the test says so. */
function manualClock() {
  let now = 0;
  let pending: (() => void) | null = null;
  let idle: ((timeRemaining: () => number) => void) | null = null;
  const clock: Clock = {
    now: () => now,
    frame: (fn) => {
      pending = fn;
      return () => (pending = null);
    },
    idle: (fn) => {
      idle = fn;
      return () => (idle = null);
    },
  };
  return {
    clock,
    frame(ms: number) {
      now += ms;
      const fn = pending;
      pending = null;
      fn?.();
    },
    scheduled: () => pending !== null,
    /** The page goes idle, for as long as the idle callback works: it runs, then the answers it asked for arrive. */
    async idle() {
      const fn = idle;
      idle = null;
      fn?.(() => Infinity);
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    idleScheduled: () => idle !== null,
  };
}

/** Ten cards added a second apart by two people, served in windows of `windowMs`. */
function tenNodes(windowMs = 60_000) {
  const session = tenCardsSession();
  const source = session.source();
  const server = servedWindows(source);
  const history = new WindowedHistory(server.load, source.base.at, session.now(), windowMs);
  return { session, source, server, history, from: source.base.at, to: session.now() };
}

const titles = (player: ReplayPlayer) =>
  player
    .getState()
    .binding.getSnapshot()
    .nodes.map((n) => n.data.title)
    .sort();

describe('replay player', () => {
  it('plays at the chosen speed on a read-only board, and stops at the end', async () => {
    const { history, from, to } = tenNodes();
    const time = manualClock();
    const player = await ReplayPlayer.open(history, { clock: time.clock });
    expect(player.getState().binding.getSnapshot().nodes).toHaveLength(0);
    expect(player.getState().binding.readOnly).toBe(true);
    player.setSpeed(4);
    player.play();
    const binding = player.getState().binding;
    time.frame(500); // 2 s of the interview
    expect(player.getState().at).toBe(from + 2000);
    expect(player.getState().binding.getSnapshot().nodes).toHaveLength(2);
    expect(player.getState().binding).toBe(binding); // forward: the same document, updated in place
    time.frame(10_000);
    expect(player.getState()).toMatchObject({ at: to, playing: false });
    expect(player.getState().binding.getSnapshot().nodes).toHaveLength(10);
    expect(time.scheduled()).toBe(false);
  });

  it('jumps back, pauses, and plays from the start again once at the end', async () => {
    const { history, from, to } = tenNodes();
    const time = manualClock();
    const player = await ReplayPlayer.open(history, { at: to, clock: time.clock });
    player.seek(from + 3500);
    expect(player.getState().binding.getSnapshot().nodes).toHaveLength(3);
    player.play();
    time.frame(1000);
    player.pause();
    time.frame(5000);
    expect(player.getState()).toMatchObject({ at: from + 4500, playing: false });
    player.seek(to + 99);
    player.play();
    expect(player.getState().at).toBe(from);
    player.destroy();
  });

  it('keeps the board and the objects of the cards that did not change across a jump back and into another window', async () => {
    const { session, from } = tenNodes();
    // Card 0 renamed at 10.5 s, card 1 moved at 11.5 s; windows of 6 s: [0, 6 s] and [6 s, 11.5 s].
    const [first, second] = session.people as [BoardBinding, BoardBinding];
    const id = (title: string) => first.getSnapshot().nodes.find((n) => n.data.title === title)!.id;
    session.advance(500);
    first.setTitle(id('Card 0'), 'Card zero');
    session.advance(1000);
    second.moveNodes([{ id: id('Card 1'), position: { x: 300, y: 200 } }]);
    const player = await ReplayPlayer.open(new WindowedHistory(servedWindows(session.source()).load, from, session.now(), 6000), { at: session.now() });
    const { binding, doc } = player.getState();
    const end = new Map(binding.getSnapshot().nodes.map((n) => [n.data.title, n]));
    const edgesAtEnd = binding.getSnapshot().edges;

    player.seek(from + 10_000); // back, in the same window: a new document from the engine
    expect(player.getState().doc).not.toBe(doc);
    expect(player.getState().binding).toBe(binding);
    const back = new Map(binding.getSnapshot().nodes.map((n) => [n.data.title, n]));
    expect([...back.keys()].sort()).toEqual(['Card 0', 'Card 1', 'Card 2', 'Card 3', 'Card 4', 'Card 5', 'Card 6', 'Card 7', 'Card 8', 'Card 9']);
    for (const title of ['Card 2', 'Card 3', 'Card 9']) expect(back.get(title)).toBe(end.get(title));
    expect(back.get('Card 0')!.data.title).toBe('Card 0');
    expect(back.get('Card 1')).not.toBe(end.get('Card 1'));
    expect(back.get('Card 1')!.position).not.toEqual(end.get('Card 1')!.position);
    expect(binding.getSnapshot().edges).toBe(edgesAtEnd);

    player.seek(from + 3500); // into the first window: its engine's document
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(player.getState().shown).toBe(from + 3500);
    expect(player.getState().binding).toBe(binding);
    const earlier = binding.getSnapshot().nodes;
    expect(earlier.map((n) => n.data.title).sort()).toEqual(['Card 0', 'Card 1', 'Card 2']);
    expect(earlier.find((n) => n.data.title === 'Card 2')).toBe(back.get('Card 2'));
    expect(readBoard(binding.doc)).toEqual(readBoard(player.getState().doc));
    player.destroy();
  });

  it('reads only the window of the moment shown, and shows every moment as the whole history does', async () => {
    const { history, server, source, from, to } = tenNodes(2500);
    const whole = new ReplayEngine(source);
    const player = await ReplayPlayer.open(history, { at: from + 4200 });
    // Windows of 2.5 s from the start: the moment at 4.2 s is in the second, [2.5 s, 5 s].
    expect(server.served).toEqual([{ from: from + 2500, to: from + 5000 }]);
    for (let at = from; at <= to; at += 250) {
      player.seek(at);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(player.getState()).toMatchObject({ at, shown: at, loading: false });
      expect(readBoard(player.getState().binding.doc)).toEqual(readBoard(whole.docAt(at)));
    }
    expect(server.served).toHaveLength(4);
    // Who drew each card, once the windows' engines have made their passes: the first window tells it for its cards, later ones for theirs.
    for (let engine = history.unindexed(); engine; engine = history.unindexed()) engine.index();
    for (const id of readBoard(whole.docAt(to)).nodes.map((n) => n.id)) expect(history.creatorOf('node', id)).toEqual(whole.creatorOf('node', id));
  });

  it('draws a jump into a window not loaded from its answer before the pass of its engine, then makes the pass while idle and tells who drew what', async () => {
    const { history, source, from, to } = tenNodes(4000);
    const whole = new ReplayEngine(source);
    const time = manualClock();
    const player = await ReplayPlayer.open(history, { at: to, clock: time.clock });
    player.workWhenIdle();
    // Just opened, before anything was idle: the window of 4.5 s is not loaded, the window shown has no pass yet.
    expect(history.engineAt(from + 4500)).toBeUndefined();
    player.seek(from + 6500);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(player.getState()).toMatchObject({ shown: from + 6500, loading: false, passes: 0 });
    // The board as the people held it then, from their updates alone.
    const held = new Y.Doc();
    Y.applyUpdate(held, source.base.state);
    for (const { at, update } of source.updates) if (at <= from + 6500) Y.applyUpdate(held, update);
    expect(titles(player)).toEqual(['Card 0', 'Card 1', 'Card 2', 'Card 3', 'Card 4', 'Card 5']);
    expect(readBoard(player.getState().binding.doc)).toEqual(readBoard(held));
    expect(history.engineAt(from + 6500)!.indexed).toBe(false);
    expect(history.creatorOf('node', readBoard(whole.docAt(from + 6500)).nodes[0]!.id)).toBeUndefined();

    await time.idle();
    expect(history.engineAt(from + 6500)!.indexed).toBe(true);
    expect(player.getState().passes).toBe(2);
    expect(readBoard(player.getState().binding.doc)).toEqual(readBoard(held));
    for (const { id } of readBoard(whole.docAt(from + 6500)).nodes) {
      const creation = history.creatorOf('node', id)!;
      // Cards drawn before this window are in its base: who wrote them there, at its start; the cards drawn in it exactly.
      if (creation.inBase) expect(creation).toEqual({ author: whole.creatorOf('node', id)!.author, at: from + 4000, inBase: true });
      else expect(creation).toEqual(whole.creatorOf('node', id));
    }
    player.destroy();
  });

  it('gives the cards of a moment just loaded their authors with the moment, before the pass of its window', async () => {
    const { session, history, source, from, to } = tenNodes(4000);
    const whole = new ReplayEngine(source);
    const time = manualClock();
    const player = await ReplayPlayer.open(history, { at: to, clock: time.clock });
    player.seek(from + 6500);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const { doc, binding, passes } = player.getState();
    expect(passes).toBe(0);
    const people = groupPeople(session.people.map((person, i) => ({ clientId: person.doc.clientID, name: ['Ana', 'Ben'][i]! })));
    const nodes = binding.getSnapshot().nodes;
    expect(nodes).toHaveLength(6);
    for (const { id } of nodes) expect(authorOf(history, doc, 'node', id)).toBe(whole.creatorOf('node', id)!.author);
    // Card i was drawn by person i % 2.
    for (const node of nodes) expect(authorClass(history, people, doc, 'node', node.id)).toBe(`replay-by-${Number(node.data.title.slice(5)) % 2}`);
    expect(Object.fromEntries(whoDrew(history, people, doc, binding.getSnapshot()))).toEqual({ Ana: 3, Ben: 3 });
    player.destroy();
  });

  it('keeps the board while a window loads, loads only the last moment asked for meanwhile, and says when one cannot be loaded', async () => {
    const { history, server, from, to } = tenNodes(2000);
    const player = await ReplayPlayer.open(history, { at: from + 1500 });
    expect(titles(player)).toEqual(['Card 0']);
    server.hold();
    player.seek(from + 4500);
    player.seek(from + 6500);
    player.seek(from + 8500);
    // Still the board at 1.5 s, while the timeline shows the moment asked for.
    expect(player.getState()).toMatchObject({ at: from + 8500, shown: from + 1500, loading: true });
    expect(titles(player)).toEqual(['Card 0']);
    await server.release();
    await server.release();
    // The window of 4.5 s (asked first, already under way) and that of 8.5 s; not that of 6.5 s.
    expect(server.served.slice(1)).toEqual([
      { from: from + 4000, to: from + 6000 },
      { from: from + 8000, to },
    ]);
    expect(player.getState()).toMatchObject({ at: from + 8500, shown: from + 8500, loading: false });
    expect(titles(player)).toHaveLength(8);

    server.fail('The board history cannot be read right now');
    player.seek(from + 2500);
    await server.release();
    expect(player.getState()).toMatchObject({
      at: from + 2500,
      shown: from + 8500,
      loading: false,
      problem: 'This part of the history could not be loaded: The board history cannot be read right now',
    });
    server.fail(null);
    player.seek(from + 3000);
    await server.release();
    expect(player.getState()).toMatchObject({ shown: from + 3000, problem: null });
    expect(titles(player)).toEqual(['Card 0', 'Card 1', 'Card 2']);
    player.destroy();
  });

  it('playing waits at the edge of a window still loading, and loads the next one half-way through', async () => {
    const { history, server, from } = tenNodes(4000);
    const time = manualClock();
    const player = await ReplayPlayer.open(history, { clock: time.clock });
    server.hold();
    player.play();
    time.frame(2500);
    // Half-way through the first window: the second is asked for.
    expect(server.served.at(-1)).toEqual({ from: from + 4000, to: from + 8000 });
    time.frame(2000);
    expect(player.getState()).toMatchObject({ shown: from + 2500, loading: true, playing: true });
    time.frame(3000);
    expect(player.getState().shown).toBe(from + 2500);
    await server.release();
    time.frame(2000);
    // It goes on from where it waited, not from where the clock would have taken it.
    expect(player.getState()).toMatchObject({ shown: from + 4500, loading: false, playing: true });
    player.destroy();
  });

  it('once idle, loads the other windows one at a time, nearest first; then a jump anywhere asks for nothing', async () => {
    const { history, server, from, to } = tenNodes(2000);
    const window = (n: number) => ({ from: from + n * 2000, to: Math.min(to, from + (n + 1) * 2000) });
    const time = manualClock();
    const player = await ReplayPlayer.open(history, { at: from + 4500, clock: time.clock });
    player.workWhenIdle();
    for (let i = 0; i < 3; i++) await time.idle();
    // Windows of 2 s: the moment is in the third; then the fourth, second and fifth.
    expect(server.served).toEqual([window(2), window(3), window(1), window(4)]);

    server.hold();
    await time.idle(); // the first window is asked for, its answer held back
    expect(server.served.at(-1)).toEqual(window(0));
    player.seek(from + 9500); // a far jump into a loaded window: shown at once, no request
    expect(player.getState()).toMatchObject({ shown: from + 9500, loading: false });
    expect(titles(player)).toHaveLength(9);
    expect(server.served).toHaveLength(5);
    await server.release();
    expect(time.idleScheduled()).toBe(true);
    await time.idle();
    expect(server.served).toHaveLength(5); // every window is there

    player.seek(from + 500);
    expect(player.getState()).toMatchObject({ shown: from + 500, loading: false });
    expect(titles(player)).toEqual([]);
    player.destroy();
  });

  it('a jump into a window not loaded yet goes out beside the idle load under way, and no idle load starts while it loads', async () => {
    const { history, server, from, to } = tenNodes(2000);
    const window = (n: number) => ({ from: from + n * 2000, to: Math.min(to, from + (n + 1) * 2000) });
    const time = manualClock();
    const player = await ReplayPlayer.open(history, { at: from + 500, clock: time.clock });
    player.workWhenIdle();
    server.hold();
    await time.idle(); // the second window asked for, its answer held back
    player.seek(from + 9500);
    // The jump's window is asked for at once, not after the one under way.
    expect(server.served.slice(1)).toEqual([window(1), window(4)]);
    await server.release();
    expect(player.getState()).toMatchObject({ shown: from + 9500, loading: false });

    server.hold();
    player.seek(from + 7500); // the fourth window, not loaded: the idle moment meanwhile asks for nothing
    expect(time.idleScheduled()).toBe(true);
    await time.idle();
    expect(server.served.slice(3)).toEqual([window(3)]);
    await server.release();
    expect(player.getState()).toMatchObject({ shown: from + 7500, loading: false });
    await time.idle(); // then the nearest to the moment shown still missing: the third window
    expect(server.served.slice(4)).toEqual([window(2)]);
    player.destroy();
  });

  it('makes no pass while a moment asked for is loading, so that its answer does not wait behind one; the passes go on after it', async () => {
    const { history, server, from, to } = tenNodes(2000);
    const time = manualClock();
    const player = await ReplayPlayer.open(history, { at: to, clock: time.clock });
    player.workWhenIdle();
    server.hold();
    player.seek(from + 500); // the first window, not loaded
    await time.idle();
    expect(history.engineAt(to)!.indexed).toBe(false);
    expect(player.getState().passes).toBe(0);
    await server.release();
    expect(player.getState()).toMatchObject({ shown: from + 500, loading: false });
    await time.idle();
    expect([history.engineAt(to)!.indexed, history.engineAt(from + 500)!.indexed]).toEqual([true, true]);
    expect(player.getState().passes).toBe(2);
    player.destroy();
  });
});
