import { BoardBinding } from '../doc/binding';
import type { ReplayEngine } from './engine';

/**
 * Plays a replay: the moment shown, play and pause, the speed. React-free; the replay page
 * subscribes to it. The board at the moment is a read-only BoardBinding over the engine's cursor
 * document, so the canvas draws it with the board's own node and edge components: playing forward
 * applies updates to that document and the binding passes on just what changed; a jump back (a new
 * document) gets a new binding.
 */
export const SPEEDS = [1, 4, 16] as const;
export type Speed = (typeof SPEEDS)[number];

export interface PlayerState {
  at: number;
  /** Index of the last update shown (-1: the base state). */
  index: number;
  playing: boolean;
  speed: Speed;
  binding: BoardBinding;
}

export interface Clock {
  now(): number;
  /** Calls `fn` at the next frame; returns a cancel function. */
  frame(fn: () => void): () => void;
}

const browserClock: Clock = {
  now: () => performance.now(),
  frame: (fn) => {
    const id = requestAnimationFrame(fn);
    return () => cancelAnimationFrame(id);
  },
};

export class ReplayPlayer {
  private state: PlayerState;
  private readonly listeners = new Set<() => void>();
  private cancelFrame: (() => void) | null = null;
  private lastTick = 0;

  constructor(
    readonly engine: ReplayEngine,
    at = engine.from,
    private readonly clock: Clock = browserClock,
  ) {
    const { doc, index } = engine.seek(clamp(at, engine.from, engine.to));
    this.state = { at: clamp(at, engine.from, engine.to), index, playing: false, speed: 1, binding: readOnlyBinding(doc) };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): PlayerState => this.state;

  seek(at: number): void {
    const target = clamp(at, this.engine.from, this.engine.to);
    const { doc, index } = this.engine.seek(target);
    let binding = this.state.binding;
    if (doc !== binding.doc) {
      binding.destroy();
      binding = readOnlyBinding(doc);
    }
    this.set({ at: target, index, binding });
  }

  play(): void {
    if (this.state.playing) return;
    // Playing from the end starts again from the beginning.
    if (this.state.at >= this.engine.to) this.seek(this.engine.from);
    this.lastTick = this.clock.now();
    this.set({ playing: true });
    this.schedule();
  }

  pause(): void {
    this.cancelFrame?.();
    this.cancelFrame = null;
    if (this.state.playing) this.set({ playing: false });
  }

  setSpeed(speed: Speed): void {
    this.set({ speed });
  }

  destroy(): void {
    this.pause();
    this.state.binding.destroy();
    this.engine.destroy();
    this.listeners.clear();
  }

  private schedule(): void {
    this.cancelFrame = this.clock.frame(() => this.tick());
  }

  private tick(): void {
    const now = this.clock.now();
    const elapsed = (now - this.lastTick) * this.state.speed;
    this.lastTick = now;
    this.seek(this.state.at + elapsed);
    if (this.state.at >= this.engine.to) this.pause();
    else this.schedule();
  }

  private set(change: Partial<PlayerState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}

export function readOnlyBinding(doc: BoardBinding['doc']): BoardBinding {
  const binding = new BoardBinding(doc);
  binding.setReadOnly(true);
  return binding;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
