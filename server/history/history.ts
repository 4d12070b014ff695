import * as Y from 'yjs';
import { readControl } from '../../src/shared/interview/control';
import { errorFields, type RateLimitedLog } from '../limits';
import { EMPTY_UPDATE, checkStored } from '../storage/recovery';
import { EMPTY_STATE, applyStored, roomHistory, startsEmpty, stateAt, type RoomHistory } from './rebuild';
import type { HistoryAuthor, HistoryCheckpoint, HistoryEntry, HistoryStore } from './types';

export interface HistoryOptions {
  /** A snapshot after this many entries since the last one... */
  snapshotEveryUpdates: number;
  /** ...or once the last one is this old and entries came since. */
  snapshotEveryMs: number;
  /** Entries older than this are folded into the base snapshot. */
  retentionMs: number;
  /** Upkeep failures and unreadable stored updates recur with every upkeep or request: logged under its budget. */
  log: Pick<RateLimitedLog, 'warn' | 'error'>;
  now?: () => number;
}

/** Auto moments of the version list: the last update of each window of this length with activity. */
export const AUTO_MOMENT_MS = 5 * 60_000;

export type MarkKind = 'timer-start' | 'timer-pause' | 'step' | 'reveal';
export interface Mark {
  at: number;
  kind: MarkKind;
  step?: number;
}
export interface Moment {
  at: number;
  kind: 'auto' | 'checkpoint';
  name?: string;
  by?: string;
}

interface Upkeep {
  /** Entries stored by this process since the last snapshot it wrote. */
  since: number;
  lastSnapshotAt: number;
  lastFoldCheckAt: number;
}

/**
 * Keeps the rooms' histories (docs/HISTORY.md): the stored entries come from the storage's append;
 * this service writes periodic snapshots, folds what retention lets go, and answers rebuilds. Upkeep
 * runs after the store path, one room at a time, never delaying a relay.
 */
export class History {
  private readonly upkeep = new Map<string, Upkeep>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly now: () => number;

  constructor(
    readonly store: HistoryStore,
    private readonly options: HistoryOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** A room stored `count` entries: snapshot or fold when due. */
  noteStored(room: string, count: number): void {
    const now = this.now();
    let upkeep = this.upkeep.get(room);
    // A room's first store starts its clocks: its fold check comes with its upkeep or when it unloads.
    if (!upkeep) this.upkeep.set(room, (upkeep = { since: 0, lastSnapshotAt: now, lastFoldCheckAt: now }));
    upkeep.since += count;
    const { snapshotEveryUpdates, snapshotEveryMs, retentionMs } = this.options;
    const snapshotDue = upkeep.since >= snapshotEveryUpdates || (upkeep.since > 0 && now - upkeep.lastSnapshotAt >= snapshotEveryMs);
    const foldDue = now - upkeep.lastFoldCheckAt >= Math.min(retentionMs, 3_600_000);
    if (snapshotDue || foldDue) this.maintain(room);
  }

  /** The room's document left memory: bring its history up to date (snapshot and fold). */
  roomUnloaded(room: string): void {
    const upkeep = this.upkeep.get(room);
    this.upkeep.delete(room);
    if (!upkeep || upkeep.since > 0) this.maintain(room);
  }

  /** Resolves once every upkeep started so far has finished. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all(this.chains.values());
  }

  /** Snapshot through the newest entry and fold what is older than the retention, after earlier upkeep of the room. */
  private maintain(room: string): void {
    const now = this.now();
    const upkeep = this.upkeep.get(room);
    if (upkeep) Object.assign(upkeep, { since: 0, lastSnapshotAt: now, lastFoldCheckAt: now });
    const previous = this.chains.get(room) ?? Promise.resolve();
    const next = previous.then(() => this.upkeepOf(room)).catch((error: unknown) => this.options.log.error('history_upkeep', { room, ...errorFields(error) }, 'cannot keep the history up to date'));
    this.chains.set(room, next);
    void next.then(() => {
      if (this.chains.get(room) === next) this.chains.delete(room);
    });
  }

  /**
   * Reads only what it needs: the oldest entry's time (a fold reads the whole history, at most once
   * per retention check), and the newest snapshot with the entries after it.
   */
  private async upkeepOf(room: string): Promise<void> {
    const cutoff = this.now() - this.options.retentionMs;
    const oldest = await this.store.oldestEntryAt(room);
    if (oldest !== null && oldest <= cutoff) {
      const history = await this.load(room);
      const old = history.entries.filter((e) => e.at <= cutoff).at(-1);
      if (old) await this.store.fold(room, { seq: old.seq, at: old.at, state: stateAt(history, { seq: old.seq }) });
    }
    const newest = await this.store.newestSnapshot(room);
    const state = newest && this.readable(room, newest.seq, newest.state);
    // A room's first snapshot, or one whose newest cannot be read: from its whole history.
    const history = newest && state ? roomHistory(this.readableEntries(room, await this.store.entries(room, newest.seq)), [{ ...newest, state }]) : await this.load(room);
    const last = history.entries.at(-1);
    const through = history.snapshots.at(-1)?.seq ?? history.base.seq;
    if (last && last.seq > through) await this.store.writeSnapshot(room, { seq: last.seq, at: last.at, state: stateAt(history, { seq: last.seq }) });
  }

  /**
   * The room's history as the load path would read it: a stored update or state it cannot read is
   * replaced by what can be salvaged of it, or left out (storage/recovery.ts), so neither a rebuild
   * nor a replay client ever gets what loading the board refuses.
   */
  async load(room: string): Promise<RoomHistory> {
    const [snapshots, entries] = await Promise.all([this.store.snapshots(room), this.store.entries(room, 0)]);
    return roomHistory(
      this.readableEntries(room, entries),
      snapshots.flatMap((snapshot) => {
        const state = this.readable(room, snapshot.seq, snapshot.state);
        return state ? [{ ...snapshot, state }] : [];
      }),
    );
  }

  /** What the load path reads of a stored update: itself, a salvaged copy, or null. */
  private readable(room: string, seq: number, update: Uint8Array): Uint8Array | null {
    const { readable, problem } = checkStored(update);
    if (problem !== null) this.options.log.warn('history_unreadable', { room, seq, problem, salvaged: readable !== null }, 'history: a stored update cannot be read as it is');
    return readable;
  }

  /** Entries as the load path reads them; one it cannot read at all counts as an empty update. */
  private readableEntries(room: string, entries: HistoryEntry[]): HistoryEntry[] {
    return entries.map((entry) => {
      const update = this.readable(room, entry.seq, entry.update) ?? EMPTY_UPDATE;
      return update === entry.update ? entry : { ...entry, update };
    });
  }

  /**
   * The room's state with every update stored at or before `at`: empty before the first update of a
   * history that starts empty, else null before the history begins (unless a checkpoint is exactly then).
   */
  async stateAt(room: string, at: number, loaded?: RoomHistory): Promise<Uint8Array | null> {
    const history = loaded ?? (await this.load(room));
    if (at < history.base.at) return startsEmpty(history) ? EMPTY_STATE : ((await this.store.checkpoints(room)).find((c) => c.at === at)?.state ?? null);
    return stateAt(history, { at });
  }

  /** Keeps the room's current stored state under a name. */
  async checkpoint(room: string, name: string, by: string | null): Promise<HistoryCheckpoint> {
    const history = await this.load(room);
    const last = history.entries.at(-1);
    const seq = last?.seq ?? history.base.seq;
    const checkpoint = { seq, at: Math.max(this.now(), last?.at ?? 0), name, by, state: stateAt(history, { seq }) };
    await this.store.addCheckpoint(room, checkpoint);
    return checkpoint;
  }

  async checkpoints(room: string): Promise<HistoryCheckpoint[]> {
    return this.store.checkpoints(room);
  }
}

/** One entry per author (the first name announced for each client id), in order of first appearance. */
export function authorsOf(histories: RoomHistory[]): HistoryAuthor[] {
  const authors = new Map<number, string | null>();
  for (const { entries } of histories) for (const { clientId, name } of entries) if (!authors.has(clientId) || (authors.get(clientId) === null && name !== null)) authors.set(clientId, name);
  return [...authors].map(([clientId, name]) => ({ clientId, name }));
}

/** The version list's automatic moments: the last update of each AUTO_MOMENT_MS window that had any. */
export function autoMoments(history: RoomHistory): Moment[] {
  const moments: Moment[] = [];
  let window = -1;
  for (const entry of history.entries) {
    const current = Math.floor((entry.at - history.base.at) / AUTO_MOMENT_MS);
    if (current === window) moments[moments.length - 1]!.at = entry.at;
    else moments.push({ at: entry.at, kind: 'auto' });
    window = current;
  }
  return moments;
}

/** Timer starts and pauses, step changes and the reveal, read from the control room's history. */
export function controlMarks(history: RoomHistory): Mark[] {
  const doc = new Y.Doc();
  try {
    applyStored(doc, history.base.state);
    let before = readControl(doc);
    const marks: Mark[] = [];
    for (const entry of history.entries) {
      applyStored(doc, entry.update);
      const after = readControl(doc);
      const running = after.timer.startedAt !== null;
      if (running !== (before.timer.startedAt !== null)) marks.push({ at: entry.at, kind: running ? 'timer-start' : 'timer-pause' });
      if (after.step !== before.step) marks.push({ at: entry.at, kind: 'step', step: after.step });
      if (after.revealed && !before.revealed) marks.push({ at: entry.at, kind: 'reveal' });
      before = after;
    }
    return marks;
  } finally {
    doc.destroy();
  }
}
