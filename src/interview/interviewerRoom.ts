import { useEffect, useState, useSyncExternalStore } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { connectRoom, type ConnectionStatus, type RoomProvider } from '../sync/connect';
import { useConnectionStatus } from '../sync/roomConnection';
import { roomName } from '../shared/boardId';
import { interviewerTypes, readFollowUps, storeFollowUps, type InterviewerTypes } from './interviewerDoc';

/**
 * The interviewer's private document, open while the interviewer's panel is: kept in this
 * browser (IndexedDB) and synced through room `<boardId>.interviewer`, which the server opens to
 * the interviewer token only. The collaboration client (src/sync/connect.ts) provides the socket.
 */
export interface InterviewerRoom {
  types: InterviewerTypes;
  provider: RoomProvider;
  /** Resolves when the server's copy has arrived (so we know whether follow-ups are stored yet). */
  synced: Promise<void>;
  destroy(): void;
}

export function openInterviewerRoom(boardId: string, token: string): InterviewerRoom {
  const room = roomName(boardId, 'interviewer');
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(room, doc);
  const provider = connectRoom(doc, room, token);
  // Presence belongs to the board room; nobody else is in this one to see it.
  provider.awareness.setLocalState(null);
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', () => resolve());
  });
  return {
    types: interviewerTypes(doc),
    provider,
    synced,
    destroy() {
      provider.destroy();
      void persistence.destroy();
      doc.destroy();
    },
  };
}

export type FollowUpsResult = { ok: true; followUps: string[] } | { ok: false; error: string };

/** Asks the server for a template's follow-up questions; only the board's interviewer token gets them. */
export async function fetchFollowUps(templateId: string, boardId: string, token: string): Promise<FollowUpsResult> {
  let response: Response;
  try {
    response = await fetch(`/api/templates/${encodeURIComponent(templateId)}/follow-ups?board=${encodeURIComponent(boardId)}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    });
  } catch {
    return { ok: false, error: 'The server cannot be reached: the follow-up questions will load when it can.' };
  }
  const body = (await response.json().catch(() => null)) as { followUps?: unknown; error?: unknown } | null;
  if (!response.ok) return { ok: false, error: typeof body?.error === 'string' ? body.error : `The server answered ${response.status}.` };
  if (!Array.isArray(body?.followUps)) return { ok: false, error: 'The server sent follow-up questions this app cannot read.' };
  return { ok: true, followUps: body.followUps.filter((q): q is string => typeof q === 'string') };
}

const held = new Map<string, { room: InterviewerRoom; holders: number }>();

/**
 * The private room of a board, opened once for every part of the page that holds it (the panel, a
 * restore that its undo may revert) and closed when the last one releases it.
 */
export function holdInterviewerRoom(boardId: string, token: string): { room: InterviewerRoom; release(): void } {
  const key = `${boardId} ${token}`;
  let entry = held.get(key);
  if (!entry) held.set(key, (entry = { room: openInterviewerRoom(boardId, token), holders: 0 }));
  const holding = entry;
  holding.holders += 1;
  let released = false;
  return {
    room: holding.room,
    release() {
      if (released) return;
      released = true;
      holding.holders -= 1;
      if (holding.holders > 0) return;
      held.delete(key);
      holding.room.destroy();
    },
  };
}

/** The private room for as long as the component is mounted with `token`, or null without one. */
export function useInterviewerRoom(boardId: string, token: string | null): { room: InterviewerRoom | null; status: ConnectionStatus | null } {
  const [room, setRoom] = useState<InterviewerRoom | null>(null);
  useEffect(() => {
    if (!token) return;
    const hold = holdInterviewerRoom(boardId, token);
    setRoom(hold.room);
    return () => {
      hold.release();
      setRoom(null);
    };
  }, [boardId, token]);
  return { room, status: useConnectionStatus(room?.provider.monitor) };
}

/**
 * The template's follow-ups in the private document: fetched once, after the server's copy has
 * arrived and only if it does not hold them yet, then read from the document (re-rendering on change).
 */
export function useFollowUps(room: InterviewerRoom | null, boardId: string, token: string | null, templateId: string | undefined) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    if (!room || !token || !templateId) return;
    let cancelled = false;
    void room.synced.then(async () => {
      if (cancelled || readFollowUps(room.types, templateId)) return;
      const result = await fetchFollowUps(templateId, boardId, token);
      if (cancelled) return;
      if (result.ok) storeFollowUps(room.types, { templateId, questions: result.followUps });
      else setError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [room, boardId, token, templateId]);
  const questions = useDocValue(room, () => (room && templateId ? readFollowUps(room.types, templateId) : null));
  return { questions, error };
}

/**
 * A value derived from the private document, recomputed on every change to it. The derived value
 * is cached by its JSON so that useSyncExternalStore sees a stable snapshot.
 */
export function useDocValue<T>(room: InterviewerRoom | null, read: () => T): T {
  const [store] = useState(() => ({ json: '', value: undefined as T }));
  const snapshot = () => {
    const value = read();
    const json = JSON.stringify(value) ?? '';
    if (json !== store.json) {
      store.json = json;
      store.value = value;
    }
    return store.value;
  };
  return useSyncExternalStore((listener) => {
    if (!room) return () => {};
    room.types.root.observeDeep(listener);
    return () => room.types.root.unobserveDeep(listener);
  }, snapshot);
}
