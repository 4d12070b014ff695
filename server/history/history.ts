import * as Y from 'yjs';
import { readControl } from '../../src/shared/interview/control';
import { errorFields, type RateLimitedLog } from '../limits';
import { EMPTY_UPDATE, checkStored } from '../storage/recovery';
import { EMPTY_STATE, applyStored, outlineOf, roomHistory, startsEmpty, stateAt, type Outline, type RoomHistory } from './rebuild';
import type { AuthoredSnapshot, HistoryAuthor, HistoryCheckpoint, HistoryEntry, HistorySnapshot, HistoryStore, SnapshotMark, StoredSpan } from './types';

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
  /** The authors of every entry numbered after `authorsAfter` through `authorsThrough` (the live path's appends, without a gap). */
  authors: Map<number, string | null>;
  authorsAfter: number;
  authorsThrough: number;
}

/** An append as the room's live path knows it (see noteStored). */
export interface LiveAppend {
  span: StoredSpan;
  /** Its entries' authors. */
  authors: HistoryAuthor[];
  /** The room's document when it holds exactly the entries through `span.seq` (none stored after, none missing), else null. */
  doc: Y.Doc | null;
}

/** A snapshot taken from a room's document, and the authors of the entries after `authorsAfter` through it. */
interface LiveSnapshot extends HistorySnapshot {
  authors: HistoryAuthor[];
  authorsAfter: number;
}

/**
 * Keeps the rooms' histories (docs/HISTORY.md): the stored entries come from the storage's append;
 * this service writes periodic snapshots, folds what retention lets go, and answers rebuilds. Upkeep
 * runs after the store path, one room at a time, never delaying a relay.
 */
export class History {
  private readonly upkeep = new Map<string, Upkeep>();
  private readonly chains = new Map<string, Promise<void>>();
  /** The end of the last upkeep queued, of any room (see queueUpkeep). */
  private upkeepTurn: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(
    readonly store: HistoryStore,
    private readonly options: HistoryOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /**
   * A room stored `count` entries: snapshot or fold when due. With `live` (the room's own append, told
   * before the room applies anything else), a snapshot due is the room's document encoded now, not a
   * rebuild from the stored snapshot and entries, and its authors those the live path saw since the
   * previous snapshot, when they cover every entry since.
   */
  noteStored(room: string, count: number, live?: LiveAppend): void {
    const now = this.now();
    let upkeep = this.upkeep.get(room);
    // A room's first store starts its clocks: its fold check comes with its upkeep or when it unloads.
    if (!upkeep) this.upkeep.set(room, (upkeep = { since: 0, lastSnapshotAt: now, lastFoldCheckAt: now, authors: new Map(), authorsAfter: -1, authorsThrough: -1 }));
    upkeep.since += count;
    if (live) noteAuthors(upkeep, live);
    const { snapshotEveryUpdates, snapshotEveryMs, retentionMs } = this.options;
    const snapshotDue = upkeep.since >= snapshotEveryUpdates || (upkeep.since > 0 && now - upkeep.lastSnapshotAt >= snapshotEveryMs);
    const foldDue = now - upkeep.lastFoldCheckAt >= Math.min(retentionMs, 3_600_000);
    if (snapshotDue || foldDue) this.maintain(room, live?.doc ? takeSnapshot(upkeep, live.span, live.doc) : undefined);
  }

  /** The room's document left memory: bring its history up to date (snapshot and fold), then free what is kept of it. */
  roomUnloaded(room: string): void {
    const upkeep = this.upkeep.get(room);
    this.upkeep.delete(room);
    if (!upkeep || upkeep.since > 0) this.maintain(room);
    this.releaseWhenIdle(room);
  }

  /** After the room's queued upkeep, frees what the store keeps of it in memory, unless the room was loaded again meanwhile. */
  private releaseWhenIdle(room: string): void {
    this.enqueue(room, async () => {
      if (!this.upkeep.has(room)) this.store.release(room);
    });
  }

  /**
   * One step of the sweep over rooms nobody opens (./sweep.ts): up to `limit` rooms after `after`,
   * in the storage's order; each one not loaded whose oldest entry is past the retention gets its
   * upkeep (fold, snapshot), then what the store keeps of it in memory goes. Resolves with the last
   * room looked at, or null once there is none after it.
   */
  async sweepStep(after: string, limit: number): Promise<string | null> {
    const rooms = await this.store.roomsAfter(after, limit);
    const cutoff = this.now() - this.options.retentionMs;
    for (const room of rooms) {
      // A loaded room's own upkeep folds it.
      if (this.upkeep.has(room)) continue;
      const bounds = await this.store.entryBounds(room);
      if (!bounds || bounds.first.at > cutoff) continue;
      this.queueUpkeep(room);
      this.releaseWhenIdle(room);
      await this.chains.get(room);
    }
    return rooms.length < limit ? null : rooms.at(-1)!;
  }

  /** Resolves once every upkeep started so far has finished. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all(this.chains.values());
  }

  /** Snapshot (`live`, else through the newest entry) and fold what is older than the retention, after earlier upkeep of the room. */
  private maintain(room: string, live?: LiveSnapshot): void {
    const now = this.now();
    const upkeep = this.upkeep.get(room);
    if (upkeep) Object.assign(upkeep, { since: 0, lastSnapshotAt: now, lastFoldCheckAt: now });
    this.queueUpkeep(room, live);
  }

  /**
   * The room's upkeep after its earlier work, and after every other room's upkeep under way: a
   * snapshot rebuilds the whole board in memory, and boards unloaded together (or swept) must not
   * each hold a second copy of themselves at once.
   */
  private queueUpkeep(room: string, live?: LiveSnapshot): void {
    this.enqueue(room, () => {
      const turn = this.upkeepTurn.then(() => this.upkeepOf(room, live));
      this.upkeepTurn = turn.catch(() => undefined);
      return turn;
    });
  }

  /** Runs `work` on the room's history after the work queued before it, one room's work at a time. */
  private enqueue(room: string, work: () => Promise<void>): void {
    const previous = this.chains.get(room) ?? Promise.resolve();
    const next = previous.then(work).catch((error: unknown) => this.options.log.error('history_upkeep', { room, ...errorFields(error) }, 'cannot keep the history up to date'));
    this.chains.set(room, next);
    void next.then(() => {
      if (this.chains.get(room) === next) this.chains.delete(room);
    });
  }

  /**
   * Folds what the retention lets go, then writes a snapshot: `live` when given, else one through the
   * newest entry; a fold and a snapshot not taken live read only from the snapshot before the point
   * they need (see rebuild).
   */
  private async upkeepOf(room: string, live?: LiveSnapshot): Promise<void> {
    const cutoff = this.now() - this.options.retentionMs;
    let outline = await this.outline(room);
    if (outline.first && outline.first.at <= cutoff) {
      const base = await this.rebuild(room, outline, cutoff);
      if (base.seq > outline.states[0]!.seq) {
        await this.store.fold(room, await this.withAuthors(room, base));
        outline = await this.outline(room);
      }
    }
    const newest = outline.states.at(-1)!;
    if (live) {
      if (live.seq > newest.seq) await this.store.writeSnapshot(room, { seq: live.seq, at: live.at, state: live.state, authors: await this.liveAuthors(room, newest, live) });
    } else if (outline.last && outline.last.seq > newest.seq) {
      await this.store.writeSnapshot(room, await this.withAuthors(room, await this.rebuild(room, outline)));
    }
  }

  /**
   * The authors of every entry through a live snapshot: those of the snapshot before it and of the
   * entries the live path saw after it, or, when the live path did not see all of them (the room was
   * loaded or written by another process since), of the entries read from storage.
   */
  private async liveAuthors(room: string, before: SnapshotMark, live: LiveSnapshot): Promise<HistoryAuthor[]> {
    if (before.authors === null) return authorsOf([await this.store.entries(room, 0, live.seq)]);
    return authorsOf([before.authors, live.authorsAfter <= before.seq ? live.authors : await this.store.entries(room, before.seq, live.seq)]);
  }

  /** Where the room's history stands, without reading any state or update. */
  async outline(room: string): Promise<Outline> {
    const [bounds, marks] = await Promise.all([this.store.entryBounds(room), this.store.snapshotMarks(room)]);
    return outlineOf(bounds, marks);
  }

  /**
   * The room's state with every entry stored at or before `until` (all of them without it): the
   * newest usable snapshot at or before that point, then only the entries up to the next snapshot
   * after it. Work and reads are bounded by the snapshot interval, not the history's length. When
   * that snapshot cannot be read, from the whole history instead (its authors then unknown).
   */
  private async rebuild(room: string, outline: Outline, until = Infinity): Promise<AuthoredSnapshot> {
    const start = outline.states.filter((s) => s.at <= until).at(-1) ?? outline.states[0]!;
    const next = outline.states.find((s) => s.seq > start.seq && s.at > until);
    const stored = start.empty ? null : await this.store.snapshot(room, start.seq);
    const state = start.empty ? EMPTY_STATE : stored && this.readable(room, start.seq, stored.state);
    if (!state) {
      const whole = await this.load(room);
      const last = whole.entries.filter((e) => e.at <= until).at(-1);
      return { seq: last?.seq ?? whole.base.seq, at: last?.at ?? whole.base.at, state: stateAt(whole, { at: until }), authors: null };
    }
    const entries = this.readableEntries(room, await this.store.entries(room, start.seq, next?.seq)).filter((e) => e.at <= until);
    const last = entries.at(-1);
    const history = roomHistory(entries, start.empty ? [] : [{ seq: start.seq, at: start.at, state }]);
    return { seq: last?.seq ?? start.seq, at: last?.at ?? start.at, state: stateAt(history, {}), authors: start.authors && authorsOf([start.authors, entries]) };
  }

  /** A rebuilt state with its authors: when the snapshot it started from did not know them, from every entry through it (once per room). */
  private async withAuthors(room: string, rebuilt: AuthoredSnapshot): Promise<AuthoredSnapshot> {
    return rebuilt.authors ? rebuilt : { ...rebuilt, authors: authorsOf([await this.store.entries(room, 0, rebuilt.seq)]) };
  }

  /** The authors of every entry of the room: its newest snapshot's that knows them, and the entries after it. */
  async authors(room: string, outline: Outline): Promise<HistoryAuthor[]> {
    const known = outline.states.filter((s) => s.authors !== null).at(-1);
    return authorsOf([known?.authors ?? [], await this.store.entries(room, known?.seq ?? 0)]);
  }

  /**
   * The room's history from `from` through `to` (either open): the state at `from` as its base (the
   * base of the history without it), then the entries after it stored at or before `to`. Reads one
   * snapshot and the entries from it up to the first snapshot after `to`: bounded by the window,
   * not by the history's age or its number of snapshots. Unreadable updates are read as by `load`.
   */
  async window(room: string, { from, to = Infinity }: { from?: number; to?: number } = {}, outline?: Outline): Promise<RoomHistory> {
    const known = outline ?? (await this.outline(room));
    const start = from === undefined || from < known.states[0]!.at ? known.states[0]! : null;
    let base: HistorySnapshot;
    if (start) {
      const stored = start.empty ? null : await this.store.snapshot(room, start.seq);
      const state = start.empty ? EMPTY_STATE : stored && this.readable(room, start.seq, stored.state);
      // The base snapshot cannot be read: the whole history, as `load` reads it.
      if (!state) return this.load(room);
      base = { seq: start.seq, at: start.at, state };
    } else {
      const rebuilt = await this.rebuild(room, known, from);
      base = { seq: rebuilt.seq, at: rebuilt.at, state: rebuilt.state };
    }
    const next = known.states.find((s) => s.seq > base.seq && s.at > to);
    const entries = this.readableEntries(room, await this.store.entries(room, base.seq, next?.seq)).filter((e) => e.at <= to);
    return { base, entries, snapshots: [base] };
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
  async stateAt(room: string, at: number, outline?: Outline): Promise<Uint8Array | null> {
    const known = outline ?? (await this.outline(room));
    if (at < known.states[0]!.at) return startsEmpty(known) ? EMPTY_STATE : ((await this.store.checkpoints(room)).find((c) => c.at === at)?.state ?? null);
    return (await this.rebuild(room, known, at)).state;
  }

  /** Keeps the room's current stored state under a name. */
  async checkpoint(room: string, name: string, by: string | null): Promise<HistoryCheckpoint> {
    const latest = await this.rebuild(room, await this.outline(room));
    const checkpoint = { seq: latest.seq, at: Math.max(this.now(), latest.at), name, by, state: latest.state };
    await this.store.addCheckpoint(room, checkpoint);
    return checkpoint;
  }

  async checkpoints(room: string): Promise<HistoryCheckpoint[]> {
    return this.store.checkpoints(room);
  }
}

/** Adds the append's authors to those the live path saw; a gap in the numbers (another writer's entries) starts them again. */
function noteAuthors(upkeep: Upkeep, { span, authors }: LiveAppend): void {
  if (span.previous !== upkeep.authorsThrough) {
    upkeep.authors.clear();
    upkeep.authorsAfter = span.previous;
  }
  upkeep.authorsThrough = span.seq;
  for (const { clientId, name } of authors) if (!upkeep.authors.has(clientId) || (upkeep.authors.get(clientId) === null && name !== null)) upkeep.authors.set(clientId, name);
}

/** The room's document as a snapshot through `span`, with the authors seen since the last one; they start again after it. */
function takeSnapshot(upkeep: Upkeep, span: StoredSpan, doc: Y.Doc): LiveSnapshot {
  const snapshot = { seq: span.seq, at: span.at, state: Y.encodeStateAsUpdate(doc), authors: [...upkeep.authors].map(([clientId, name]) => ({ clientId, name })), authorsAfter: upkeep.authorsAfter };
  upkeep.authors.clear();
  upkeep.authorsAfter = span.seq;
  return snapshot;
}

/** One entry per author (the first name announced for each client id), in order of first appearance. */
export function authorsOf(lists: Array<Iterable<HistoryAuthor>>): HistoryAuthor[] {
  const authors = new Map<number, string | null>();
  for (const list of lists) for (const { clientId, name } of list) if (!authors.has(clientId) || (authors.get(clientId) === null && name !== null)) authors.set(clientId, name);
  return [...authors].map(([clientId, name]) => ({ clientId, name }));
}

/** The version list's automatic moments: the last of `times` (ascending) in each AUTO_MOMENT_MS window from `from` that had any. */
export function autoMoments(from: number, times: number[]): Moment[] {
  const moments: Moment[] = [];
  let window = -1;
  for (const at of times) {
    const current = Math.floor((at - from) / AUTO_MOMENT_MS);
    if (current === window) moments[moments.length - 1]!.at = at;
    else moments.push({ at, kind: 'auto' });
    window = current;
  }
  return moments;
}

/**
 * The moments of a room's history read from its outline alone: its snapshots (written every few
 * minutes of activity, or every few hundred updates) and its newest entry, the last of each window.
 */
export function outlineMoments(outline: Outline): Moment[] {
  const base = outline.states[0]!;
  const times = [...outline.states.filter((s) => s.seq > base.seq).map((s) => s.at), ...(outline.last ? [outline.last.at] : [])];
  return autoMoments(base.at, times);
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
