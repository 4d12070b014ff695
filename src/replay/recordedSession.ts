import * as Y from 'yjs';
import { BoardBinding } from '../doc/binding';
import type { ReplaySource, TimedUpdate } from './engine';
import type { Fetched } from './historyApi';
import type { WindowLoader } from './windows';

/**
 * For tests: people editing one board through a relay that records every update the way the
 * history server does (its time on a clock the test moves, its author's client id). Real Yjs
 * updates from real bindings; nothing is mocked.
 */
export interface RecordedSession {
  people: BoardBinding[];
  /** Moves the relay's clock. */
  advance(ms: number): number;
  now(): number;
  source(): ReplaySource;
}

const RELAYED = Symbol('relayed');

export function recordSession(count: number, start = 1_700_000_000_000): RecordedSession {
  let clock = start;
  const relay = new Y.Doc();
  const base = { at: start, state: Y.encodeStateAsUpdate(relay) };
  const updates: TimedUpdate[] = [];
  const people = Array.from({ length: count }, () => new BoardBinding(new Y.Doc()));
  for (const person of people) {
    person.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === RELAYED) return;
      updates.push({ at: clock, author: person.doc.clientID, update });
      Y.applyUpdate(relay, update, RELAYED);
      for (const other of people) if (other !== person) Y.applyUpdate(other.doc, update, RELAYED);
    });
  }
  return {
    people,
    advance: (ms) => (clock += ms),
    now: () => clock,
    source: () => ({ base, updates: [...updates] }),
  };
}

/** For tests: two people adding ten cache cards a second apart, in turn. */
export function tenCardsSession(): RecordedSession {
  const session = recordSession(2);
  for (let i = 0; i < 10; i++) {
    session.advance(1000);
    session.people[i % 2]!.addNode('cache', { x: i * 300, y: 0 }, { title: `Card ${i}` });
  }
  return session;
}

/**
 * For tests: serves windows of a recorded history as `GET /history/updates?from&to` does: the state
 * with every update stored at or before `from` as the base, then the updates after it through `to`.
 * `served` lists the windows asked for; `hold` keeps answers back until `release`.
 */
export function servedWindows(source: ReplaySource) {
  const served: Array<{ from: number; to: number }> = [];
  const held: Array<() => void> = [];
  let holding = false;
  let failing: string | null = null;
  const answer = (window: { from: number; to: number }): Fetched<ReplaySource> => {
    if (failing) return { ok: false, status: 503, error: failing };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, source.base.state);
    const before = source.updates.filter((u) => u.at <= window.from);
    for (const u of before) Y.applyUpdate(doc, u.update);
    const base = { at: before.at(-1)?.at ?? source.base.at, state: Y.encodeStateAsUpdate(doc) };
    doc.destroy();
    return { ok: true, value: { base, updates: source.updates.filter((u) => u.at > window.from && u.at <= window.to) } };
  };
  const load: WindowLoader = (window) => {
    served.push(window);
    if (!holding) return Promise.resolve(answer(window));
    return new Promise((resolve) => held.push(() => resolve(answer(window))));
  };
  return {
    load,
    served,
    hold: () => (holding = true),
    release: async () => {
      holding = false;
      for (const resolve of held.splice(0)) resolve();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    fail: (error: string | null) => (failing = error),
  };
}
