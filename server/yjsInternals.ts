import * as Y from 'yjs';

/**
 * The parts of Yjs the server relies on beyond applying updates and encoding state: the pending
 * structs of a document's store, the update metadata that tells whether an update builds on what
 * the server has, and the `update` event that says what a document actually integrated. They are
 * kept here, behind names that say what the server uses them for, and tested against Yjs itself
 * (server/test/yjsInternals.test.ts), so a Yjs upgrade that changes them fails one test file.
 */

/** Clears the document's pending structs and deletions (parts of updates waiting for data it lacks); returns whether there were any. */
export function dropPending(doc: Y.Doc): boolean {
  const store = doc.store;
  if (store.pendingStructs === null && store.pendingDs === null) return false;
  store.pendingStructs = null;
  store.pendingDs = null;
  return true;
}

/**
 * The first client whose part of an update starts past what the document holds of that client, or
 * null when the update builds on the document. `starts`: each writer of the update and the clock its
 * part starts at (Yjs's parseUpdateMeta(update).from; updateLimits.ts checkUpdate reads it).
 */
export function firstGap(doc: Y.Doc, starts: Map<number, number>): { client: number; clock: number } | null {
  for (const [client, clock] of starts) if (clock > Y.getState(doc.store, client)) return { client, clock };
  return null;
}

/**
 * How many shared types hold the item with this id, up to its root type (0: directly in a root
 * type); null when the document does not have the item or only its garbage-collected remains.
 */
export function typesAbove(doc: Y.Doc, client: number, clock: number): number | null {
  if (clock >= Y.getState(doc.store, client)) return null;
  const structs = doc.store.clients.get(client)!;
  const struct = structs[Y.findIndexSS(structs, clock)];
  if (!(struct instanceof Y.Item)) return null;
  let depth = 0;
  for (let type = struct.parent; type instanceof Y.AbstractType && type._item !== null; type = type._item.parent) depth++;
  return depth;
}

/** One update holding all of `updates`. */
export function mergeUpdates(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
}

/**
 * Records what a document integrates while a function runs: the payloads of its `update` events,
 * which leave out whatever the document had already or could not integrate yet. This is what the
 * server stores and relays, never the raw message.
 */
export class IntegratedUpdates {
  private captured: Uint8Array[] | null = null;

  constructor(doc: Y.Doc) {
    doc.on('update', (update: Uint8Array) => this.captured?.push(update));
  }

  /** Runs `apply` and returns what the document integrated during it, and what `apply` threw if it did. */
  during(apply: () => void): { updates: Uint8Array[]; failure: { error: unknown } | null } {
    const updates: Uint8Array[] = [];
    this.captured = updates;
    let failure: { error: unknown } | null = null;
    try {
      apply();
    } catch (error) {
      failure = { error };
    } finally {
      this.captured = null;
    }
    return { updates, failure };
  }
}
