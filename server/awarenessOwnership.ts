import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Presence cannot be spoofed: a connection may set or remove only the awareness states of client
 * ids it owns, those first seen on it (rooms.ts keeps the ownership; in scale-out mode also of the
 * ids a connection to another process owns, learnt from the presence relayed from there, and a relayed
 * entry for an id a connection here owns is dropped). An awareness update is a list
 * of (client id, clock, state JSON) entries, a removal being the state `null`; this keeps the
 * entries the sender may change and drops the rest. y-websocket clients relay every state they
 * receive back to the server with its clock unchanged: such an echo changes nothing and is dropped
 * silently; only an entry that would change another connection's presence counts as a spoof.
 */
export type PresenceRight = 'own' | 'echo' | 'spoof';

export interface FilteredAwareness {
  /** The entries the sender may change, re-encoded; null when none is left. */
  update: Uint8Array | null;
  /** How many entries tried to change another connection's presence (echoes not counted). */
  dropped: number;
}

export function filterAwarenessUpdate(update: Uint8Array, rightOf: (clientId: number, clock: number) => PresenceRight): FilteredAwareness {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: { clientId: number; clock: number; state: string }[] = [];
  let dropped = 0;
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    const right = rightOf(clientId, clock);
    if (right === 'own') kept.push({ clientId, clock, state });
    else if (right === 'spoof') dropped += 1;
  }
  if (kept.length === count) return { update, dropped };
  if (kept.length === 0) return { update: null, dropped };
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return { update: encoding.toUint8Array(encoder), dropped };
}
