import { ReplayEngine, type Creation, type ReplaySource } from './engine';
import type { Fetched } from './historyApi';

/**
 * A room's history read one window at a time (`GET /history/updates?from&to`, docs/HISTORY.md):
 * the room's state at the window's start and the updates stored in it, replayed by its own engine.
 * The replay loads the window of the moment it shows, and the next one as playback nears it, so
 * opening a long interview costs one window and a jump to a moment not yet loaded one more, never
 * the whole history; once idle, it loads the others nearest first (`nextToPreload`), so a later jump
 * usually finds its window there. Windows are `windowMs` long from the start of the timeline; the
 * last KEPT_WINDOWS used stay loaded: all of a 45-minute interview's (nine or ten windows, well
 * under 0.1 MB of JS heap each: docs/BENCHMARKS.md, "Jumps in the browser").
 */
export const WINDOW_MS = 5 * 60_000;
export const KEPT_WINDOWS = 12;

export type WindowLoader = (window: { from: number; to: number }) => Promise<Fetched<ReplaySource>>;

export class WindowedHistory {
  /** Loaded windows by number, the most recently used last. */
  private readonly loaded = new Map<number, ReplayEngine>();
  private readonly loading = new Map<number, Promise<ReplayEngine>>();
  private destroyed = false;

  constructor(
    private readonly load: WindowLoader,
    readonly from: number,
    readonly to: number,
    readonly windowMs = WINDOW_MS,
  ) {}

  /** The number of the window holding `at`: times outside the timeline fall in its first or last window. */
  windowOf(at: number): number {
    const last = Math.max(0, Math.ceil((this.to - this.from) / this.windowMs) - 1);
    return Math.min(last, Math.max(0, Math.floor((at - this.from) / this.windowMs)));
  }

  /** A window's span: whole milliseconds, the last one ending with the timeline. */
  bounds(window: number): { from: number; to: number } {
    const from = this.from + window * this.windowMs;
    return { from, to: window === this.windowOf(this.to) ? this.to : from + this.windowMs };
  }

  /** The engine of the window holding `at`, once it is loaded. */
  engineAt(at: number): ReplayEngine | undefined {
    return this.use(this.windowOf(at));
  }

  /** Loads the window holding `at`: one request per window, shared while it is under way. Rejects with the server's reason. */
  ensure(at: number): Promise<ReplayEngine> {
    const loaded = this.engineAt(at);
    if (loaded) return Promise.resolve(loaded);
    const window = this.windowOf(at);
    let pending = this.loading.get(window);
    if (!pending) {
      const span = this.bounds(window);
      pending = this.load(span)
        .then((result) => {
          if (!result.ok) throw new Error(result.error);
          const engine = new ReplayEngine(result.value, { until: span.to });
          if (!this.destroyed) this.keep(window, engine);
          return engine;
        })
        .finally(() => this.loading.delete(window));
      this.loading.set(window, pending);
    }
    return pending;
  }

  /**
   * The window to load next while the page is idle: of the KEPT_WINDOWS windows nearest to `at`'s
   * (later first at equal distance: playback goes forward), the nearest neither loaded nor loading.
   * Those nearest windows already loaded become the most recently used, so loading the others lets
   * only farther windows go.
   */
  nextToPreload(at: number): number | undefined {
    const current = this.windowOf(at);
    const nearest: number[] = [current];
    for (let distance = 1; nearest.length < KEPT_WINDOWS && distance <= this.windowOf(this.to); distance++) {
      for (const window of [current + distance, current - distance]) if (window >= 0 && window <= this.windowOf(this.to) && nearest.length < KEPT_WINDOWS) nearest.push(window);
    }
    for (const window of [...nearest].reverse()) this.use(window);
    return nearest.find((window) => !this.loaded.has(window) && !this.loading.has(window));
  }

  /**
   * Who drew a node or an edge, as far as the loaded windows tell: the earliest creation any of them
   * saw. A window sees an element already in its base as created by the Yjs client that wrote it
   * there (the person who drew it, unless a restore wrote it again); the window it was drawn in,
   * once loaded, tells the earlier, exact creation. A window tells nothing until its engine's pass
   * is made (`unindexed`), so that reading this never holds up the drawing of a moment.
   */
  creatorOf(kind: 'node' | 'edge', id: string): Creation | undefined {
    let first: Creation | undefined;
    for (const engine of this.loaded.values()) {
      if (!engine.indexed) continue;
      const creation = engine.creatorOf(kind, id);
      if (creation && (!first || creation.at < first.at)) first = creation;
    }
    return first;
  }

  /** The engine of a loaded window whose pass is not made yet, the most recently used first. */
  unindexed(): ReplayEngine | undefined {
    return [...this.loaded.values()].reverse().find((engine) => !engine.indexed);
  }

  destroy(): void {
    this.destroyed = true;
    for (const engine of this.loaded.values()) engine.destroy();
    this.loaded.clear();
  }

  /** A loaded window's engine, made the most recently used. */
  private use(window: number): ReplayEngine | undefined {
    const engine = this.loaded.get(window);
    if (engine) {
      this.loaded.delete(window);
      this.loaded.set(window, engine);
    }
    return engine;
  }

  /**
   * Keeps a loaded window, letting the least recently used go beyond KEPT_WINDOWS. A window let go
   * is not destroyed: the board shown may still be its document (the player drops it when it moves on).
   */
  private keep(window: number, engine: ReplayEngine): void {
    this.loaded.set(window, engine);
    for (const old of this.loaded.keys()) {
      if (this.loaded.size <= KEPT_WINDOWS) break;
      this.loaded.delete(old);
    }
  }
}
