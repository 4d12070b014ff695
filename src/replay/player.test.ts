import { describe, expect, it } from 'vitest';
import { ReplayEngine } from './engine';
import { ReplayPlayer, type Clock } from './player';
import { recordSession } from './recordedSession';

/** A clock the test moves by hand; frames run when the test says so. */
function manualClock() {
  let now = 0;
  let pending: (() => void) | null = null;
  const clock: Clock = {
    now: () => now,
    frame: (fn) => {
      pending = fn;
      return () => (pending = null);
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
  };
}

function tenNodes() {
  const session = recordSession(2);
  for (let i = 0; i < 10; i++) {
    session.advance(1000);
    session.people[i % 2]!.addNode('cache', { x: i * 300, y: 0 });
  }
  return new ReplayEngine(session.source(), { checkpointEvery: 4 });
}

describe('replay player', () => {
  it('plays at the chosen speed on a read-only board, and stops at the end', () => {
    const engine = tenNodes();
    const time = manualClock();
    const player = new ReplayPlayer(engine, engine.from, time.clock);
    expect(player.getState().binding.getSnapshot().nodes).toHaveLength(0);
    expect(player.getState().binding.readOnly).toBe(true);
    player.setSpeed(4);
    player.play();
    const binding = player.getState().binding;
    time.frame(500); // 2 s of the interview
    expect(player.getState().at).toBe(engine.from + 2000);
    expect(player.getState().binding.getSnapshot().nodes).toHaveLength(2);
    expect(player.getState().binding).toBe(binding); // forward: the same document, updated in place
    time.frame(10_000);
    expect(player.getState()).toMatchObject({ at: engine.to, playing: false });
    expect(player.getState().binding.getSnapshot().nodes).toHaveLength(10);
    expect(time.scheduled()).toBe(false);
  });

  it('jumps back with a new binding, pauses, and plays from the start again once at the end', () => {
    const engine = tenNodes();
    const time = manualClock();
    const player = new ReplayPlayer(engine, engine.to, time.clock);
    const atEnd = player.getState().binding;
    player.seek(engine.from + 3500);
    expect(player.getState().binding).not.toBe(atEnd);
    expect(player.getState().binding.getSnapshot().nodes).toHaveLength(3);
    player.play();
    time.frame(1000);
    player.pause();
    time.frame(5000);
    expect(player.getState()).toMatchObject({ at: engine.from + 4500, playing: false });
    player.seek(engine.to + 99);
    player.play();
    expect(player.getState().at).toBe(engine.from);
    player.destroy();
  });
});
