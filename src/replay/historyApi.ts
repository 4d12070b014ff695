import { fromBase64 } from 'lib0/buffer';
import { z } from '../shared/zod';
import { parseBoardValue } from '../shared/parseBoard';
import type { BoardFile } from '../shared/format';
import type { ReplaySource } from './engine';

/**
 * The client of the board history API (docs/HISTORY.md, "HTTP"; the server keeps every
 * stored update with its time and author). Every answer is checked with zod before use: a server
 * of another version gets a clear message, never a half-read history. The token goes in the
 * Authorization header; the server decides what it opens (the interviewer room: interviewer only).
 */
const ms = z.number();

export const HistorySchema = z.object({
  boardId: z.string(),
  rooms: z.array(z.enum(['board', 'control', 'interviewer'])),
  from: ms,
  to: ms,
  authors: z.array(z.object({ clientId: z.int(), name: z.optional(z.nullable(z.string().check(z.maxLength(200)))) })),
  moments: z.array(z.object({ at: ms, kind: z.enum(['auto', 'checkpoint']), name: z.optional(z.string().check(z.maxLength(200))), by: z.optional(z.string().check(z.maxLength(200))) })),
  marks: z.array(z.object({ at: ms, kind: z.enum(['timer-start', 'timer-pause', 'step', 'reveal']), step: z.optional(z.int().check(z.gte(0), z.lte(20))) })),
});
export type History = z.infer<typeof HistorySchema>;
export type Moment = History['moments'][number];
export type Mark = History['marks'][number];
export type Author = History['authors'][number];

const base64 = z.pipe(
  z.string(),
  z.transform((text: string, ctx) => {
    try {
      return fromBase64(text);
    } catch {
      ctx.issues.push({ code: 'custom', message: 'not base64', input: text });
      return z.NEVER;
    }
  }),
);

export const UpdatesSchema = z.object({
  base: z.object({ at: ms, state: base64 }),
  updates: z.array(z.object({ at: ms, author: z.int(), update: base64 })),
});

export type HistoryRoom = 'board' | 'control' | 'interviewer';

export type Fetched<T> = { ok: true; value: T } | { ok: false; status: number | null; error: string };

const api = (boardId: string, rest: string) => `/api/boards/${encodeURIComponent(boardId)}${rest}`;

async function request<T>(url: string, token: string | undefined, read: (body: unknown) => Fetched<T>, init: RequestInit = {}): Promise<Fetched<T>> {
  let response: Response;
  try {
    const headers: Record<string, string> = { Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}) };
    if (token) headers.Authorization = `Bearer ${token}`;
    response = await fetch(url, { ...init, headers });
  } catch {
    return { ok: false, status: null, error: 'The server cannot be reached.' };
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: unknown } | null)?.error;
    return { ok: false, status: response.status, error: typeof message === 'string' ? message : `The server answered ${response.status}.` };
  }
  return read(body);
}

function schemaReader<S extends z.ZodMiniType>(schema: S, what: string) {
  return (body: unknown): Fetched<z.output<S>> => {
    const parsed = schema.safeParse(body);
    if (parsed.success) return { ok: true, value: parsed.data };
    return { ok: false, status: 200, error: `The server sent ${what} this app cannot read (${parsed.error.issues[0]?.message ?? 'invalid'}).` };
  };
}

/** The board's moments (version history), marks (timer, steps, reveal) and authors. */
export function fetchHistory(boardId: string, token: string | undefined): Promise<Fetched<History>> {
  return request(api(boardId, '/history'), token, schemaReader(HistorySchema, 'a history'));
}

/**
 * What replays one room locally: its whole history, or with `window` the room's state at its start
 * and the updates stored in it (what the replay asks for, a window at a time; without `to`, through
 * the newest update).
 */
export function fetchUpdates(boardId: string, token: string | undefined, room: HistoryRoom = 'board', window?: { from: number; to?: number }): Promise<Fetched<ReplaySource>> {
  const span = window ? `&from=${Math.floor(window.from)}${window.to === undefined ? '' : `&to=${Math.ceil(window.to)}`}` : '';
  return request(api(boardId, `/history/updates?room=${room}${span}`), token, schemaReader(UpdatesSchema, 'updates'));
}

/** A room's encoded state as it was at `at` (epoch ms); the interviewer room with the interviewer token only. */
export function fetchRoomStateAt(boardId: string, token: string | undefined, room: HistoryRoom, at: number): Promise<Fetched<Uint8Array>> {
  return request(api(boardId, `/history/state?room=${room}&at=${Math.round(at)}`), token, (body) => {
    const read = schemaReader(z.object({ state: base64 }), 'a state')(body);
    return read.ok ? { ok: true, value: read.value.state } : read;
  });
}

/** The board file as it was at `at` (epoch ms), validated like any imported file. */
export function fetchBoardAt(boardId: string, token: string | undefined, at: number): Promise<Fetched<BoardFile>> {
  return request(api(boardId, `/at/${Math.round(at)}.json`), token, (body) => {
    const parsed = parseBoardValue(body);
    return parsed.ok ? { ok: true, value: parsed.board } : { ok: false, status: 200, error: parsed.error };
  });
}

/** Adds a named checkpoint ("before the redesign") at the server's current time. */
export function addCheckpoint(boardId: string, token: string | undefined, name: string, by?: string): Promise<Fetched<{ at: number; name: string }>> {
  return request(api(boardId, '/checkpoints'), token, schemaReader(z.object({ at: ms, name: z.string() }), 'a checkpoint'), { method: 'POST', body: JSON.stringify(by ? { name, by } : { name }) });
}
