import * as Y from 'yjs';

/**
 * Creates nested shared types that every client must agree on, without a race.
 *
 * Two clients that each run `map.set('notes', new Y.Text())` on a fresh document create two
 * different texts; when their updates meet, one text wins the key and everything typed into the
 * other is lost. So the nested types are never created by a client's own id: `build` runs on a
 * scratch document with the fixed client id `seedClient`, and its update is applied here. Every
 * client produces byte-for-byte the same update (same client id, same clocks, same content), and
 * Yjs integrates an item it already has as a no-op, so seeding twice, or on two clients at once,
 * leaves one set of types.
 *
 * `build` must be deterministic and must never change once released: a different layout needs a
 * different seed client id (see docs/FORMAT.md), or two versions would write different items
 * under the same ids.
 */
export function seedOnce(doc: Y.Doc, seedClient: number, build: (doc: Y.Doc) => void): void {
  if (Y.getState(doc.store, seedClient) > 0) return;
  const scratch = new Y.Doc();
  scratch.clientID = seedClient;
  build(scratch);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(scratch), SEED_ORIGIN);
  scratch.destroy();
}

/** The origin of seeding transactions: not a person's change, so no undo manager tracks it. */
export const SEED_ORIGIN = Symbol('seed');
