import * as Y from 'yjs';
import type { HistoryEntry, HistorySnapshot } from './types';

/** The encoded state of an empty document: the base of a history that starts with the room's first update. */
export const EMPTY_STATE = Y.encodeStateAsUpdate(new Y.Doc());

/**
 * Applies one stored update as the room's load path does: an update that cannot be applied, or the
 * part of it that depends on data the document lacks, is skipped, so a rebuilt moment never holds
 * what a loaded board would not. Returns whether it applied cleanly.
 */
export function applyStored(doc: Y.Doc, update: Uint8Array): boolean {
  let clean = true;
  try {
    Y.applyUpdate(doc, update);
  } catch {
    clean = false;
  }
  const store = doc.store;
  if (store.pendingStructs !== null || store.pendingDs !== null) {
    store.pendingStructs = null;
    store.pendingDs = null;
    clean = false;
  }
  return clean;
}

/** What a room's history holds now: the oldest state it can rebuild, and everything after it. */
export interface RoomHistory {
  /** The state through base.seq (an empty document at seq 0 when the history starts with the first update). */
  base: HistorySnapshot;
  /** Entries after the base, in order. */
  entries: HistoryEntry[];
  /** Snapshots at or after the base, in order (the base first when it is one). */
  snapshots: HistorySnapshot[];
}

/**
 * The base is the oldest state from which the entries run without a gap (numbers are contiguous: a
 * snapshot at seq s continues with entry s + 1): the empty document when the entries start at 1,
 * else the oldest usable snapshot. Older snapshots are left by a fold interrupted between its writes,
 * or by another process's late fold: they are ignored.
 */
export function roomHistory(entries: HistoryEntry[], snapshots: HistorySnapshot[]): RoomHistory {
  const first = entries[0]?.seq;
  // A snapshot at 0 is a board's state from before its history began (HistoryStore.adopt).
  const states = snapshots[0]?.seq === 0 ? snapshots : [{ seq: 0, at: entries[0]?.at ?? 0, state: EMPTY_STATE }, ...snapshots];
  const usable = first === undefined ? states.slice(-1) : states.filter((s) => s.seq >= first - 1);
  // Entries that do not start at 1 with no snapshot before them: the start of the history is missing; keep what there is.
  if (usable.length === 0) usable.push({ seq: first! - 1, at: entries[0]!.at, state: EMPTY_STATE });
  const base = usable[0]!;
  return { base, entries: entries.filter((e) => e.seq > base.seq), snapshots: usable };
}

/** Whether the room has any history at all. */
export const hasHistory = (history: RoomHistory): boolean => history.entries.length > 0 || history.snapshots.length > 0;

/** Whether the history begins with the room's empty document: before its first entry the room was empty. */
export const startsEmpty = (history: RoomHistory): boolean => history.base.seq === 0 && history.base.state === EMPTY_STATE;

/** The first and last moments of a room's history. */
export const span = (history: RoomHistory): { from: number; to: number } => ({ from: history.base.at, to: history.entries.at(-1)?.at ?? history.base.at });

/**
 * The state with every entry stored at or before `at` (or, with `throughSeq`, numbered up to it):
 * from the newest snapshot before that point, then the entries after it.
 */
export function stateAt(history: RoomHistory, until: { at?: number; seq?: number }): Uint8Array {
  const within = (s: { at: number; seq: number }) => (until.at === undefined || s.at <= until.at) && (until.seq === undefined || s.seq <= until.seq);
  const start = history.snapshots.filter(within).at(-1) ?? history.base;
  const doc = new Y.Doc();
  try {
    applyStored(doc, start.state);
    for (const entry of history.entries) {
      if (entry.seq <= start.seq) continue;
      if (!within(entry)) break;
      applyStored(doc, entry.update);
    }
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
