import { useEffect, useLayoutEffect, useState } from 'react';
import type { Role } from '../shared/boardId';
import type { BoardBinding } from '../doc/binding';
import type { BoardSession } from '../doc/session';
import { fetchLinks, knownRole } from './access';
import type { ConnectionState } from './connect';

/**
 * Learns what the board's token allows and applies it: a read token makes the binding read-only.
 * Until the role is known (remembered from an earlier visit, or answered by the server) the board
 * stays read-only, so edits that the server would drop are never made; the server is asked again
 * whenever the connection comes back. Returns the role, or null while unknown.
 */
export function useBoardAccess(session: BoardSession, binding: BoardBinding, connection: ConnectionState | undefined): Role | null {
  const { boardId, token } = session;
  const [role, setRole] = useState<Role | null>(() => (token ? knownRole(boardId, token) : null));

  useLayoutEffect(() => {
    if (token) binding.setReadOnly(role === null || role === 'read');
  }, [binding, token, role]);

  useEffect(() => {
    if (!token || (role !== null && connection !== 'connected')) return;
    let cancelled = false;
    void fetchLinks(boardId, token).then((result) => {
      if (!cancelled && result.ok) setRole(result.links.role);
    });
    return () => {
      cancelled = true;
    };
  }, [boardId, token, connection === 'connected']); // eslint-disable-line react-hooks/exhaustive-deps

  return role;
}
