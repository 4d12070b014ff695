import type { IncomingMessage, ServerResponse } from 'node:http';
import { isBoardId } from '../src/shared/boardId';
import type { Access } from './access';
import { errorFields, type RateLimitedLog } from './limits';
import { LINK_REVOKED, linksFor, resolveRole } from './roles';
import type { Rooms } from './rooms';
import type { Reply } from './templatesApi';

/**
 * A board's links:
 *   GET  /api/boards/<id>/links         -> 200 { boardId, role, tokens } with the tokens at or below the caller's role
 *   POST /api/boards/<id>/links/rotate  -> 200 { boardId, generation, links: [{ role, tokenRole, token, grants }] }
 *        for the interviewer token only: replaces the edit and read links (the interviewer's stays);
 *        connections that came with the old ones are closed with 4410 on every process, and the old
 *        tokens are refused from then on (403 reason link_revoked).
 * 403 for a wrong token (reason bad_token) or a replaced one (link_revoked), or a rotation by anyone
 * but the interviewer (not_interviewer); 503 when storage cannot record the rotation.
 */
export interface LinksApiOptions {
  access: Access;
  rooms: Rooms;
  /** Failures a client can repeat at will are logged through it. */
  rlog: RateLimitedLog;
  send: Reply;
  tokenOf: (req: IncomingMessage, url: URL) => string | null;
}

const ROUTE = /^\/api\/boards\/([^/]+)\/links(\/rotate)?$/;

export function createLinksApi({ access, rooms, rlog, send, tokenOf }: LinksApiOptions) {
  async function links(res: ServerResponse, boardId: string, token: string | null): Promise<void> {
    const checked = await access.check(boardId, token);
    if (!checked) return send(res, 403, { error: 'The token does not grant access to this board', reason: 'bad_token' });
    if ('revoked' in checked) return send(res, 403, LINK_REVOKED);
    send(res, 200, { boardId, role: checked.role, tokens: await access.tokensAtOrBelow(checked.role, boardId) });
  }

  async function rotate(res: ServerResponse, boardId: string, token: string | null): Promise<void> {
    const found = await resolveRole(access, rooms, boardId, token);
    if (!found) return send(res, 403, { error: 'The token does not grant access to this board', reason: 'bad_token' });
    if (found === 'revoked') return send(res, 403, LINK_REVOKED);
    if (found.tokenRole !== 'interviewer') return send(res, 403, { error: "Only the board's owner (the interviewer link) can replace its links", reason: 'not_interviewer' });
    let generation: number;
    try {
      generation = await access.rotate(boardId);
    } catch (error) {
      rlog.error('links_rotate', { boardId, ...errorFields(error) }, 'cannot store new links');
      return send(res, 503, { error: 'The links cannot be replaced right now; the old ones still work' });
    }
    rooms.revokeLinks(boardId, generation);
    send(res, 200, { boardId, generation, links: await linksFor(access, boardId, 'interviewer', found.interview) });
  }

  /** Answers its routes and returns true, or returns false for any other path. */
  return async function handleLinks(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const match = ROUTE.exec(url.pathname);
    if (!match) return false;
    const rotating = match[2] !== undefined;
    const methods = rotating ? 'POST' : 'GET, HEAD';
    if (!methods.split(', ').includes(req.method ?? 'GET')) {
      send(res, 405, { error: 'Method not allowed' }, { Allow: methods });
      return true;
    }
    const boardId = match[1]!;
    if (!isBoardId(boardId)) send(res, 400, { error: 'Not a board id' });
    else await (rotating ? rotate : links)(res, boardId, tokenOf(req, url));
    return true;
  };
}
