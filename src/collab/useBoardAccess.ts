import { useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import type { BoardBinding } from '../doc/binding';
import type { BoardSession } from '../sync/session';
import type { ParticipantRole } from '../sync/access';
import type { AccessSnapshot } from '../sync/accessStore';
import type { ConnectionState } from '../sync/connect';
import { useConnectionStatus } from '../sync/roomConnection';
import type { BoardPanelProps } from '../ui/slots';

const LOCAL: AccessSnapshot = { access: null, links: null, denied: null, asked: false };
const noop = () => () => {};

/** The board's access as the server last said (see ./accessStore.ts); a board kept in this browser only has none. */
export function useAccess(session: Pick<BoardSession, 'access'>): AccessSnapshot {
  const store = session.access;
  return useSyncExternalStore(store?.subscribe ?? noop, store?.getSnapshot ?? (() => LOCAL));
}

/** This person's role on the board, from their link; null while unknown or on a board kept in this browser only. */
export function useParticipantRole(session: Pick<BoardSession, 'access'>): ParticipantRole | null {
  return useAccess(session).access?.role ?? null;
}

/**
 * Applies the link's rights: a read token makes the binding read-only, and so does a role not known
 * yet, so edits that the server would drop are never made. The server is asked again whenever the
 * connection comes back or stops for good.
 */
export function useApplyAccess(session: BoardSession, binding: BoardBinding, connection: ConnectionState | undefined): void {
  const { access } = useAccess(session);
  const store = session.access;
  useLayoutEffect(() => {
    if (store) binding.setReadOnly(access === null || access.readOnly);
  }, [binding, store, access]);

  // Asked again when the connection is back, and when the server closed it for good: a replaced
  // link then gets the error page instead of a board that silently stopped syncing. The first
  // connection asks only while the page has no answer from the server (a token seen before opens
  // on what was remembered, or the question failed): a new token's board opened on that answer.
  const connectedBefore = useRef(false);
  useEffect(() => {
    if (!store) return;
    if (connection === 'stopped') void store.refresh();
    if (connection !== 'connected') return;
    if (connectedBefore.current || store.getSnapshot().links === null) void store.refresh();
    connectedBefore.current = true;
  }, [store, connection]);
}

/**
 * Applies the link's rights from the board's first frame (useApplyAccess), apart from the status
 * widget, which comes once the board is drawn; renders nothing, and alone renders again when the
 * connection changes.
 */
export function ApplyAccess({ session, binding }: BoardPanelProps): null {
  useApplyAccess(session, binding, useConnectionStatus(session.connection)?.state);
  return null;
}
