import { useEffect, useState } from 'react';
import { fetchLinks, knownRole } from '../collab/access';
import { useProfile } from '../collab/profile';
import type { Role } from '../shared/boardId';
import type { BoardSession } from '../doc/session';

/** The role the board's token grants (remembered from an earlier answer, else asked from the server); null while unknown. */
export function useTokenRole({ boardId, token }: Pick<BoardSession, 'boardId' | 'token'>): Role | null {
  const [role, setRole] = useState<Role | null>(() => (token ? knownRole(boardId, token) : null));
  useEffect(() => {
    setRole(token ? knownRole(boardId, token) : null);
    if (!token) return;
    let cancelled = false;
    void fetchLinks(boardId, token).then((result) => !cancelled && result.ok && setRole(result.links.role));
    return () => {
      cancelled = true;
    };
  }, [boardId, token]);
  return role;
}

/**
 * Whether this person sees the interviewer's private side: their link carries the interviewer
 * token AND they said they are the interviewer (the name/role prompt; until they answer it, the
 * token alone decides). The creator of a board holds the interviewer token, so one who practises
 * solo or hands the board to an interviewer says so and sees no private notes.
 */
export function useIsInterviewer(session: Pick<BoardSession, 'boardId' | 'token'>): boolean {
  const role = useTokenRole(session);
  const profile = useProfile();
  return role === 'interviewer' && (profile === null || profile.role === 'interviewer');
}
