import type * as Y from 'yjs';
import type { BoardBinding } from '../doc/binding';
import { ReplayDisplay } from './display';
import type { WindowedHistory } from './windows';

/**
 * Plays a replay: the moment shown, play and pause, the speed. React-free; the replay page
 * subscribes to it. The engine of the moment's window gives its cursor document (the same one moved
 * forward during playback, a new one after a jump back or into another window); the board shown is
 * one read-only BoardBinding for the whole replay that is made to hold what that document holds
 * (./display.ts), so the canvas draws it with the board's own node and edge components and, after
 * any move, draws again only the cards that changed.
 *
 * The history comes a window at a time (./windows.ts). A moment whose window is not loaded yet is
 * loaded first, one load at a time (while dragging, the last moment asked for wins); meanwhile the
 * board stays as it was and the state says `loading`. Playback waits at the edge of a window that
 * is not there yet instead of skipping it, and loads the next window half-way through the current one.
 * A window's moment is drawn as soon as its answer comes: its engine rebuilds that one moment, and
 * its pass over the updates (checkpoints, who drew what) waits for idle time. Once the page has drawn
 * the first moment it calls `workWhenIdle`: whenever the browser is idle, the passes of the loaded
 * engines are made in slices of at most INDEX_SLICE_MS (a jump arriving meanwhile waits for one
 * slice at most; none is made while a moment asked for is loading, so its answer is handled as it
 * comes), each board window's completed pass counted in `passes` (the page colours the cards
 * by who drew them again); and, when no moment asked for is loading, one more window is loaded, the
 * nearest to the moment shown first, until the kept windows around it are all there. A jump never
 * waits behind such a load: its own window's request goes out beside it (or is that load, when it
 * is the same window).
 * `companions` are other rooms replayed alongside (the interviewer's private notes): a moment is
 * shown once their windows are loaded too.
 */
export const SPEEDS = [1, 4, 16] as const;
export type Speed = (typeof SPEEDS)[number];

export interface PlayerState {
  /** The moment asked for: the timeline's position. */
  at: number;
  /** The moment the board shows: `at`, except while that is loading. */
  shown: number;
  /** Index of the last update shown in its window's engine (-1: the window's base state). */
  index: number;
  playing: boolean;
  speed: Speed;
  /** The board shown: the same read-only binding for the whole replay. */
  binding: BoardBinding;
  /** The engine's document of the moment shown (the board room's, with its interview notes); it changes with jumps. */
  doc: Y.Doc;
  /** The moment asked for is being loaded: the board shown is still the last one loaded. */
  loading: boolean;
  /** Why the moment asked for could not be loaded, until one can. */
  problem: string | null;
  /** How many passes of the board's window engines were made: who drew what is known for more elements each time it grows. */
  passes: number;
}

export interface Clock {
  now(): number;
  /** Calls `fn` at the next frame; returns a cancel function. */
  frame(fn: () => void): () => void;
  /** Calls `fn` once the page is idle, with the idle time it has left (ms); returns a cancel function. */
  idle(fn: (timeRemaining: () => number) => void): () => void;
}

/** The longest slice of an engine's pass made in one idle callback, ms. */
export const INDEX_SLICE_MS = 10;

const browserClock: Clock = {
  now: () => performance.now(),
  frame: (fn) => {
    const id = requestAnimationFrame(fn);
    return () => cancelAnimationFrame(id);
  },
  idle: (fn) => {
    // Safari has no requestIdleCallback: a pause after the last call stands in for idleness.
    if (typeof requestIdleCallback !== 'function') {
      const id = setTimeout(() => fn(() => INDEX_SLICE_MS), 200);
      return () => clearTimeout(id);
    }
    const id = requestIdleCallback((deadline) => fn(() => deadline.timeRemaining()));
    return () => cancelIdleCallback(id);
  },
};

export interface PlayerOptions {
  at?: number;
  clock?: Clock;
  companions?: WindowedHistory[];
}

export class ReplayPlayer {
  private state: PlayerState;
  private readonly listeners = new Set<() => void>();
  private readonly clock: Clock;
  private readonly rooms: WindowedHistory[];
  private readonly display = new ReplayDisplay();
  private cancelFrame: (() => void) | null = null;
  private lastTick = 0;
  /** The moment whose windows are to be loaded next, while a load is under way. */
  private wanted: number | null = null;
  private fetching = false;
  private readonly prefetched = new Set<number>();
  /** Work while idle: asked for by the page; whether a window's load it started is under way. */
  private idleWork = false;
  private preloadBusy = false;
  private cancelIdle: (() => void) | null = null;
  private destroyed = false;

  /** A player showing `at` (default: the start), once the windows of that moment are loaded; rejects with the reason they cannot be. */
  static async open(history: WindowedHistory, { at = history.from, clock = browserClock, companions = [] }: PlayerOptions = {}): Promise<ReplayPlayer> {
    const start = clamp(at, history.from, history.to);
    await Promise.all([history, ...companions].map((room) => room.ensure(start)));
    return new ReplayPlayer(history, start, clock, companions);
  }

  private constructor(
    readonly history: WindowedHistory,
    at: number,
    clock: Clock,
    readonly companions: WindowedHistory[],
  ) {
    this.clock = clock;
    this.rooms = [history, ...companions];
    const { doc, index } = history.engineAt(at)!.seek(at);
    this.display.show(doc);
    this.state = { at, shown: at, index, playing: false, speed: 1, binding: this.display.binding, doc, loading: false, problem: null, passes: 0 };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): PlayerState => this.state;

  seek(at: number): void {
    const target = clamp(at, this.history.from, this.history.to);
    if (this.ready(target)) return this.show(target);
    this.set({ at: target, loading: true });
    void this.fetch(target);
  }

  play(): void {
    if (this.state.playing) return;
    // Playing from the end starts again from the beginning.
    if (this.state.at >= this.history.to) this.seek(this.history.from);
    this.lastTick = this.clock.now();
    this.set({ playing: true });
    this.prefetch(this.state.at);
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

  /** From now on, whenever the page is idle: makes the loaded engines' passes, then loads the windows around the moment shown one at a time. */
  workWhenIdle(): void {
    this.idleWork = true;
    this.scheduleIdle();
  }

  destroy(): void {
    this.destroyed = true;
    this.cancelIdle?.();
    this.pause();
    this.display.destroy();
    for (const room of this.rooms) room.destroy();
    this.listeners.clear();
  }

  private ready(at: number): boolean {
    return this.rooms.every((room) => room.engineAt(at) !== undefined);
  }

  private show(at: number): void {
    const { doc, index } = this.history.engineAt(at)!.seek(at);
    this.display.show(doc);
    this.set({ at, shown: at, index, doc, loading: false, problem: null });
    if (this.state.playing) this.prefetch(at);
  }

  /** Loads the windows of `target`, then of whatever moment was asked for meanwhile; then shows the moment the state is at. */
  private async fetch(target: number): Promise<void> {
    this.wanted = target;
    if (this.fetching) return;
    this.fetching = true;
    while (this.wanted !== null && !this.destroyed) {
      const next = this.wanted;
      this.wanted = null;
      try {
        await Promise.all(this.rooms.map((room) => room.ensure(next)));
      } catch (error) {
        // Playback stops rather than ask again at every frame.
        this.pause();
        if (this.wanted === null && !this.destroyed) this.set({ loading: false, problem: `This part of the history could not be loaded: ${(error as Error).message}` });
      }
    }
    this.fetching = false;
    if (!this.destroyed && this.state.loading && this.ready(this.state.at)) this.show(this.state.at);
    this.scheduleIdle();
  }

  private scheduleIdle(): void {
    if (!this.idleWork || this.destroyed || this.cancelIdle) return;
    this.cancelIdle = this.clock.idle((timeRemaining) => {
      this.cancelIdle = null;
      // The next window's request goes out first: its answer comes while the passes are made.
      void this.preload();
      // While a moment asked for loads, its answer is not kept waiting behind a slice: the load schedules the passes again.
      if (this.fetching) return;
      const until = this.clock.now() + INDEX_SLICE_MS;
      if (!this.index(() => timeRemaining() > 0 && this.clock.now() < until)) this.scheduleIdle();
    });
  }

  /** Makes the passes of the loaded engines not made yet, the board's first, while `more()`; whether none is left. */
  private index(more: () => boolean): boolean {
    for (;;) {
      const room = this.rooms.find((r) => r.unindexed() !== undefined);
      if (!room) return true;
      if (!room.unindexed()!.index(more)) return false;
      if (room === this.history) this.set({ passes: this.state.passes + 1 });
      if (!more()) return false;
    }
  }

  /** Loads the next window around the moment asked for in every room, unless a moment asked for or another window is loading (that load schedules the next one). */
  private async preload(): Promise<void> {
    if (this.fetching || this.preloadBusy || this.destroyed) return;
    const window = this.rooms.map((room) => room.nextToPreload(this.state.at)).find((next) => next !== undefined);
    if (window === undefined) return;
    this.preloadBusy = true;
    try {
      await Promise.all(this.rooms.map((room) => room.ensure(room.bounds(window).from)));
    } catch {
      // A window that cannot be loaded says so when someone goes there; preloading goes on after the next jump rather than ask again at every idle moment.
      return;
    } finally {
      this.preloadBusy = false;
    }
    this.scheduleIdle();
  }

  /** Half-way through a window, the next one starts loading (once), so playback does not wait at its edge. */
  private prefetch(at: number): void {
    const window = this.history.windowOf(at);
    const { from, to } = this.history.bounds(window);
    if (at - from < (to - from) / 2 || to >= this.history.to || this.prefetched.has(window + 1)) return;
    this.prefetched.add(window + 1);
    for (const room of this.rooms) room.ensure(to).catch(() => undefined); // a failure shows when playback gets there
  }

  private schedule(): void {
    this.cancelFrame = this.clock.frame(() => this.tick());
  }

  private tick(): void {
    const now = this.clock.now();
    const elapsed = (now - this.lastTick) * this.state.speed;
    this.lastTick = now;
    const target = clamp(this.state.at + elapsed, this.history.from, this.history.to);
    if (!this.ready(target)) {
      if (!this.state.loading) this.set({ loading: true });
      void this.fetch(target);
      return this.schedule();
    }
    this.show(target);
    if (this.state.at >= this.history.to) this.pause();
    else this.schedule();
  }

  private set(change: Partial<PlayerState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
