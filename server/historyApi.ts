import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod/mini';
import { isBoardId, roomName, type Role } from '../src/shared/boardId';
import type { Access } from './access';
import { boardFileOf } from './boardFile';
import { authorsOf, controlMarks, outlineMoments, type History, type Moment } from './history/history';
import { EMPTY_STATE, span, startsEmpty, type Outline } from './history/rebuild';
import { errorFields, type RateLimitedLog } from './limits';
import type { Rooms } from './rooms';
import type { Reply } from './templatesApi';

/**
 * A board's history (docs/HISTORY.md). Any token of the board reads
 * the board and control rooms' history; the interviewer room's only with the interviewer token.
 *   GET  /api/boards/<id>/history                -> { boardId, from, to, authors, moments, marks }
 *   GET  /api/boards/<id>/at/<ms>.json           -> the board file as it was at <ms>
 *   GET  /api/boards/<id>/history/updates?room=board|control|interviewer[&from=<ms>][&to=<ms>] -> { room, base, updates, authors }
 *   GET  /api/boards/<id>/history/state?room=board|control|interviewer&at=<ms> -> { room, at, state }
 *   POST /api/boards/<id>/checkpoints { name, by? } (edit or interviewer token) -> 201 { at, name, by? }
 */
export interface HistoryApiOptions {
  access: Access;
  rooms: Rooms;
  history: History;
  rlog: RateLimitedLog;
  send: Reply;
  tokenOf: (req: IncomingMessage, url: URL) => string | null;
}

const ROUTE = /^\/api\/boards\/([^/]+)\/(history|history\/updates|history\/state|checkpoints|at\/(\d{1,16})\.json)$/;
const ROOMS = ['board', 'control', 'interviewer'] as const;
type HistoryRoom = (typeof ROOMS)[number];
const MAX_BODY_BYTES = 4096;

const label = (what: string) => z.string().check(z.trim(), z.minLength(1, `${what} must not be empty`), z.maxLength(80, `${what} must be at most 80 characters`));
const CheckpointBody = z.object({ name: label('name'), by: z.optional(label('by')) });

const roomOf = (boardId: string, room: HistoryRoom): string => roomName(boardId, room);

/** A time parameter in epoch ms: undefined when absent, null when it is not one. */
function timeParameter(url: URL, name: string): number | undefined | null {
  const text = url.searchParams.get(name);
  if (text === null) return undefined;
  return /^\d{1,16}$/.test(text) ? Number(text) : null;
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error(`the body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new Error('the body is not JSON');
  }
}

/**
 * The board's timeline: its board room's history, reaching back to the control room's first change
 * (the timer is usually started before anything is drawn) while the board was still empty then.
 */
function timeline(board: Outline, control: Outline): { from: number; to: number } {
  const spans = [board, control].filter((room) => room.any).map(span);
  if (spans.length === 0) return { from: 0, to: 0 };
  const to = Math.max(...spans.map((s) => s.to));
  const from = board.any && !startsEmpty(board) ? span(board).from : Math.min(...spans.map((s) => s.from));
  return { from, to };
}

/** Answers the routes and returns true, or returns false for any other path. */
export function createHistoryApi({ access, rooms, history, rlog, send, tokenOf }: HistoryApiOptions) {
  /** What a room's authors are, from its outline: its newest snapshot's and those of the entries after it. */
  async function roomAuthors(room: string) {
    const outline = await history.outline(room);
    return { outline, authors: await history.authors(room, outline) };
  }

  /**
   * Bounded by the snapshot interval, whatever the board's age: the board room is read through its
   * outline (snapshot marks, first and last entry) and the entries after its newest snapshot; the
   * control room, a few changes per interview, from its base snapshot through all its entries for its marks.
   */
  async function summary(boardId: string, interviewer: boolean) {
    const [board, control, controlOutline, privateRoom, checkpoints] = await Promise.all([
      roomAuthors(roomOf(boardId, 'board')),
      history.window(roomOf(boardId, 'control')),
      history.outline(roomOf(boardId, 'control')),
      interviewer ? roomAuthors(roomOf(boardId, 'interviewer')) : null,
      history.checkpoints(roomOf(boardId, 'board')),
    ]);
    const moments: Moment[] = [...outlineMoments(board.outline), ...checkpoints.map((c) => ({ at: c.at, kind: 'checkpoint' as const, name: c.name, ...(c.by === null ? {} : { by: c.by }) }))].sort(
      (a, b) => a.at - b.at,
    );
    return {
      boardId,
      // The rooms this token may read: a page asks only for these, instead of learning from a 403.
      rooms: interviewer ? ROOMS : ROOMS.filter((room) => room !== 'interviewer'),
      ...timeline(board.outline, controlOutline),
      authors: authorsOf([board.authors, control.entries, privateRoom?.authors ?? []]),
      moments,
      marks: controlMarks(control),
    };
  }

  async function updates(boardId: string, room: HistoryRoom, window: { from?: number; to?: number }) {
    const kept = await history.window(roomOf(boardId, room), window);
    return {
      room,
      base: { at: kept.base.at, state: base64(kept.base.state) },
      updates: kept.entries.map((e) => ({ at: e.at, author: e.clientId, update: base64(e.update) })),
      authors: authorsOf([kept.entries]),
    };
  }

  /**
   * A room's encoded state with every update stored at or before `when` (what a restore writes back
   * into the interviewer's private notes): empty before the first update, and for a room never written.
   */
  async function roomStateAt(room: string, when: number): Promise<Uint8Array | null> {
    const outline = await history.outline(room);
    return outline.any ? history.stateAt(room, when, outline) : EMPTY_STATE;
  }

  /** The `room` parameter of a room route, or the answer refusing it. */
  function roomParameter(url: URL, role: Role): { room: HistoryRoom } | { status: number; error: string } {
    const room = url.searchParams.get('room') ?? 'board';
    if (!(ROOMS as readonly string[]).includes(room)) return { status: 400, error: `room must be one of ${ROOMS.join(', ')}` };
    if (room === 'interviewer' && role !== 'interviewer') return { status: 403, error: "Only the interviewer may read the interviewer notes' history" };
    return { room: room as HistoryRoom };
  }

  return async function handleHistory(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const match = ROUTE.exec(url.pathname);
    if (!match) return false;
    const [, boardId, route, at] = match as unknown as [string, string, string, string | undefined];
    const method = req.method ?? 'GET';
    const methods = route === 'checkpoints' ? 'POST' : 'GET, HEAD';
    if (!methods.split(', ').includes(method)) {
      send(res, 405, { error: 'Method not allowed' }, { Allow: methods });
      return true;
    }
    if (!isBoardId(boardId)) {
      send(res, 400, { error: 'Not a board id' });
      return true;
    }
    const role = await access.roleOf(boardId, tokenOf(req, url));
    if (!role) {
      send(res, 403, { error: 'The token does not grant access to this board' });
      return true;
    }
    try {
      if (route === 'history') {
        send(res, 200, await summary(boardId, role === 'interviewer'));
      } else if (route === 'history/updates' || route === 'history/state') {
        const parameter = roomParameter(url, role);
        const [when, from, to] = ['at', 'from', 'to'].map((name) => timeParameter(url, name));
        if ('error' in parameter) send(res, parameter.status, { error: parameter.error });
        else if (from === null || to === null) send(res, 400, { error: 'from and to must be times in epoch milliseconds' });
        else if (route === 'history/updates') send(res, 200, await updates(boardId, parameter.room, { from, to }));
        else if (when === null || when === undefined) send(res, 400, { error: 'at must be a time in epoch milliseconds' });
        else {
          const state = await roomStateAt(roomOf(boardId, parameter.room), when);
          if (state) send(res, 200, { room: parameter.room, at: when, state: base64(state) });
          else send(res, 404, { error: 'The room has no history at that time' });
        }
      } else if (route === 'checkpoints') {
        if (role === 'read') return (send(res, 403, { error: 'A view-only link cannot add checkpoints' }), true);
        let body: z.infer<typeof CheckpointBody>;
        try {
          const parsed = CheckpointBody.safeParse(await readJson(req));
          if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '));
          body = parsed.data;
        } catch (error) {
          return (send(res, 400, { error: `Bad checkpoint: ${(error as Error).message}` }), true);
        }
        const room = roomOf(boardId, 'board');
        // Whatever the board's room received before this request is stored first.
        if (rooms.isLoaded(room)) await rooms.readState(room);
        const checkpoint = await history.checkpoint(room, body.name, body.by ?? null);
        send(res, 201, { at: checkpoint.at, name: checkpoint.name, ...(checkpoint.by === null ? {} : { by: checkpoint.by }) });
      } else {
        const [board, control] = await Promise.all([history.outline(roomOf(boardId, 'board')), history.outline(roomOf(boardId, 'control'))]);
        const { from } = timeline(board, control);
        const when = Number(at);
        let state: Uint8Array | null = null;
        if (!board.any && !control.any) state = null;
        else if (when >= from) state = board.any ? await history.stateAt(roomOf(boardId, 'board'), when, board) : EMPTY_STATE;
        else state = (await history.checkpoints(roomOf(boardId, 'board'))).find((c) => c.at === when)?.state ?? null;
        if (!state) return (send(res, 404, { error: 'The board has no history at that time' }), true);
        const file = await boardFileOf(state, { interview: true });
        if (!file.ok) {
          rlog.warn('history_layout', { boardId, ...errorFields(file.error) }, 'board document at a past moment does not have the expected layout');
          send(res, 422, { error: 'The board document does not have the expected layout at that time' });
        } else {
          send(res, 200, file.board, { 'Content-Disposition': `inline; filename="${boardId}-${at}.json"` });
        }
      }
    } catch (error) {
      rlog.error('history_read', { boardId, route, ...errorFields(error) }, 'cannot read the board history');
      send(res, 503, { error: 'The board history cannot be read right now' });
    }
    return true;
  };
}
