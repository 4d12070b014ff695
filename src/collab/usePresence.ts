import { useSyncExternalStore } from 'react';
import type { BoardPresence, PresenceSnapshot } from '../sync/boardPresence';

const EMPTY: PresenceSnapshot = { peers: [], following: null, color: null };
const noSubscription = () => () => {};
const empty = () => EMPTY;

/** Everyone else on the board (validated), who is followed and this person's colour; empty without presence. */
export function usePresence(presence: BoardPresence | null): PresenceSnapshot {
  return useSyncExternalStore(presence ? presence.subscribe : noSubscription, presence ? presence.getSnapshot : empty);
}
