import type { IncomingMessage, ServerResponse } from 'node:http';
import { closeCodeForHttpStatus } from '../src/shared/closeCodes';
import { isBoardId, roomName } from '../src/shared/boardId';
import type { Access } from './access';
import { boardFileOf } from './boardFile';
import type { History } from './history/history';
import { createHistoryApi } from './historyApi';
import { errorFields, type RateLimitedLog } from './limits';
import type { Metrics } from './metrics';
import type { Rooms } from './rooms';
import { createInterviewApi } from './interviewApi';
import { createLinksApi } from './linksApi';
import { createTemplatesApi } from './templatesApi';
import { admit, upgradeRateRefusal } from './transport';
import { clientAddress, type Capacity } from './capacity';
import type { KeyedTokenBuckets } from './keyedLimits';

/**
 * HTTP API (all JSON, never cached):
 *   POST /api/boards, GET /api/boards/<boardId>/access and /reference: interviewApi.ts (boards, roles, worked answers)
 *   GET  /api/boards/<boardId>/links, POST .../links/rotate: linksApi.ts (the links, replacing them)
 *   GET  /api/boards/<boardId>.json?token=T  -> 200 the board in the board file format
 *   GET  /api/rooms/<room>?token=T           -> 200 { room, role, readOnly } if a WebSocket to that room
 *        would be accepted now, else the upgrade's status with { error, reason, closeCode } (see src/shared/closeCodes.ts)
 *        and Retry-After when the address made more upgrades than it may
 *   GET  /api/templates/<id>[?board=<boardId>&token=T] -> 200 the case study's file (without follow-ups), refused to all but the
 *        interviewer of an interview board under way; GET /api/templates/<id>/follow-ups?board=<boardId>&token=T -> 200 { followUps }
 *        for the interviewer token only (templatesApi.ts)
 *   GET  /api/boards/<boardId>/history, /at/<ms>.json, /history/updates; POST .../checkpoints (historyApi.ts)
 * The token may also come as `Authorization: Bearer T`. Errors are { error } with 400, 403, 404 or 405.
 */
export interface ApiOptions {
  access: Access;
  rooms: Rooms;
  history: History;
  metrics: Metrics;
  /** Failures a client can repeat at will are logged through it. */
  rlog: RateLimitedLog;
  /** Connection slots (capacity.ts), to explain a refused upgrade. */
  capacity: Capacity;
  trustProxy: boolean;
  /** POST /api/boards per client address (429 with Retry-After beyond it). */
  boardCreation: KeyedTokenBuckets;
  /** WebSocket upgrades per client address (the transport's), to explain an upgrade refused for its rate. */
  upgrades: KeyedTokenBuckets;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

function tokenOf(req: IncomingMessage, url: URL): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return url.searchParams.get('token');
}

export function createApi(options: ApiOptions) {
  const { access, rooms, metrics, rlog } = options;
  const handleTemplates = createTemplatesApi({ access, rooms, send, tokenOf });
  const creationsRefused = metrics.counter('mldb_board_creations_refused_total', 'POST /api/boards refused with 429: the address created boards faster than BOARDS_PER_MINUTE_PER_ADDRESS');
  const handleInterview = createInterviewApi({ access, rooms, metrics, rlog, send, tokenOf });
  const handleLinks = createLinksApi({ access, rooms, rlog, send, tokenOf });
  const handleHistory = createHistoryApi({ access, rooms, history: options.history, rlog, send, tokenOf });

  return async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const allow = (methods: string) => {
      if (methods.split(', ').includes(method)) return true;
      send(res, 405, { error: 'Method not allowed' }, { Allow: methods });
      return false;
    };

    if (path === '/api/boards' && method === 'POST') {
      const waitMs = options.boardCreation.take(clientAddress(req, options.trustProxy));
      if (waitMs > 0) {
        creationsRefused.inc();
        const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
        return send(res, 429, { error: `Too many new boards from your address; try again in ${retryAfter} s` }, { 'Retry-After': String(retryAfter) });
      }
    }
    if (await handleInterview(req, res, url)) return;

    if (await handleLinks(req, res, url)) return;

    let match = /^\/api\/boards\/([^/]+)\.json$/.exec(path);
    if (match) {
      if (!allow('GET, HEAD')) return;
      const boardId = match[1]!;
      if (!isBoardId(boardId)) return send(res, 400, { error: 'Not a board id' });
      if (!(await access.roleOf(boardId, tokenOf(req, url)))) return send(res, 403, { error: 'The token does not grant access to this board' });
      let state: Uint8Array | null;
      try {
        state = await rooms.readState(roomName(boardId, 'board'));
      } catch (error) {
        options.rlog.error('export_failed', { boardId, ...errorFields(error) }, 'cannot read a board for export');
        return send(res, 503, { error: 'The board cannot be read right now' });
      }
      const file = await boardFileOf(state);
      if (!file.ok) {
        options.rlog.warn('export_layout', { boardId, ...errorFields(file.error) }, 'board document does not have the expected layout');
        return send(res, 422, { error: 'The board document does not have the expected layout' });
      }
      return send(res, 200, file.board, { 'Content-Disposition': `inline; filename="${boardId}.json"` });
    }

    match = /^\/api\/rooms\/([^/]+)$/.exec(path);
    if (match) {
      if (!allow('GET, HEAD')) return;
      let room: string;
      try {
        room = decodeURIComponent(match[1]!);
      } catch {
        room = '';
      }
      const token = tokenOf(req, url);
      const address = clientAddress(req, options.trustProxy);
      const admission = upgradeRateRefusal(options.upgrades, address, false) ?? (await admit(access, options.capacity, room, token, address, (name) => rooms.mayLoad(name, false)));
      if (!admission.ok) {
        return send(
          res,
          admission.status,
          { error: admission.message, reason: admission.reason, closeCode: closeCodeForHttpStatus(admission.status, admission.reason) },
          admission.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(admission.retryAfterSeconds) },
        );
      }
      return send(res, 200, { room, role: admission.role, readOnly: admission.readOnly });
    }

    if (await handleTemplates(req, res, url)) return;
    if (await handleHistory(req, res, url)) return;

    send(res, 404, { error: 'No such API route' });
  };
}
