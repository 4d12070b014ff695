import * as Y from 'yjs';
import { STORED_LIMITS, checkUpdate, salvageUpdate } from '../updateLimits';

/**
 * How a stored update that the load path cannot read is handled, in every storage mode: the
 * original bytes are moved aside (kept for inspection), the board is served from what can be read.
 */

/** Told once for each stored update moved aside (counted in metrics and logged by the server). */
export type OnBadStoredUpdate = (event: BadStoredUpdate) => void;

export interface BadStoredUpdate {
  /** The document (room) name. */
  name: string;
  /** Where it was stored: the LevelDB clock or the PostgreSQL sequence number. */
  position: number;
  snapshot: boolean;
  bytes: number;
  problem: string;
  /** 'salvaged': only its offending values were removed; 'dropped': none of it could be read. */
  outcome: 'salvaged' | 'dropped';
}

export interface StoredCheck {
  /** What to load instead of the stored bytes: the bytes themselves, a salvaged copy, or nothing. */
  readable: Uint8Array | null;
  /** Null when the stored bytes load as they are. */
  problem: string | null;
}

/** An update that changes nothing: what an unreadable stored update is replaced by. */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);

/** Reads a stored update as the load path will, with bounded depth; says what can be loaded of it. */
export function checkStored(update: Uint8Array): StoredCheck {
  try {
    checkUpdate(update, STORED_LIMITS);
    return { readable: update, problem: null };
  } catch (error) {
    const problem = (error as Error).message;
    const salvaged = salvageUpdate(update, STORED_LIMITS);
    return { readable: salvaged?.update ?? null, problem };
  }
}

/**
 * Applies stored updates in order, each on its own, so one that throws while being integrated
 * costs only itself. Returns the indexes of those that failed, with the reason.
 */
export function applyEach(doc: Y.Doc, updates: Uint8Array[], origin?: unknown): Array<{ index: number; problem: string }> {
  const failed: Array<{ index: number; problem: string }> = [];
  doc.transact(() => {
    updates.forEach((update, index) => {
      try {
        Y.applyUpdate(doc, update, origin);
      } catch (error) {
        failed.push({ index, problem: `cannot be applied: ${(error as Error)?.message ?? String(error)}` });
      }
    });
  }, origin);
  return failed;
}
