import * as Y from 'yjs';
import { BoardBinding } from '../doc/binding';
import type { ReplaySource, TimedUpdate } from './engine';

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
