import { useSyncExternalStore } from 'react';
import type { BoardPresence, PresenceSnapshot } from '../sync/boardPresence';
import type { BoardSession } from '../sync/session';

const EMPTY: PresenceSnapshot = { peers: [], following: null, color: null };
const noSubscription = () => () => {};
const empty = () => EMPTY;

/** Everyone else on the board (validated), who is followed and this person's colour; empty without presence. */
export function usePresence(presence: BoardPresence | null): PresenceSnapshot {
  return useSyncExternalStore(presence ? presence.subscribe : noSubscription, presence ? presence.getSnapshot : empty);
}

/** The board's presence, which comes with its connection once the board is drawn (src/sync/roomConnection.ts); null before, and on a board kept in this browser only. */
export function useBoardPresence({ connection }: Pick<BoardSession, 'connection'>): BoardPresence | null {
  return useSyncExternalStore(connection ? connection.subscribe : noSubscription, () => connection?.presence ?? null);
}
