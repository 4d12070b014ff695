/**
 * The access question's request and the access remembered in this browser, without reading either:
 * what the page's first script (src/app/startEarly.ts) needs to ask the server before the rest of the
 * app is fetched. ./access.ts checks what they hold.
 */
const KEY = 'mldb.boardAccess';

/** The answer to GET /api/boards/<id>/access, or null when the server could not be reached. */
export function requestAccess(boardId: string, token: string): Promise<Response | null> {
  return fetch(`/api/boards/${encodeURIComponent(boardId)}/access`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } }).catch(() => null);
}

/** What this browser keeps per board: the token and what it was last known to grant, unchecked. */
export function readRemembered(): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function writeRemembered(remembered: Record<string, unknown>): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(remembered));
  } catch {
    // Storage full or disabled: the server is asked again next time.
  }
}

/** What this browser keeps for this board when it was kept for this token, unchecked (./access.ts's knownAccess checks it); else null. */
export function rememberedFor(boardId: string, token: string): { token: string } | null {
  const entry = readRemembered()[boardId] as { token?: unknown } | undefined;
  return entry?.token === token ? (entry as { token: string }) : null;
}

/** Whether an access is remembered for this token on this board. */
export const remembersToken = (boardId: string, token: string): boolean => rememberedFor(boardId, token) !== null;

/**
 * Requests asked before the board's AccessStore existed (askAccessEarly), by board and token; each is taken once.
 * Kept on the window: the page's first script is a copy of this module inlined in index.html (scripts/firstScript.ts),
 * apart from the app's modules.
 */
const EARLY = Symbol.for('mldb.earlyAccessRequests');
const early = ((globalThis as { [EARLY]?: Map<string, Promise<Response | null>> })[EARLY] ??= new Map());
const earlyKey = (boardId: string, token: string) => `${boardId} ${token}`;

/**
 * Asks the server now what `token` grants on `boardId`; the board's AccessStore takes the answer
 * over instead of asking again. For the page's first moments (src/app/startEarly.ts), while the
 * page is still being parsed.
 */
export function askAccessEarly(boardId: string, token: string): void {
  early.set(earlyKey(boardId, token), requestAccess(boardId, token));
}

export function takeEarlyRequest(boardId: string, token: string): Promise<Response | null> | undefined {
  const request = early.get(earlyKey(boardId, token));
  early.delete(earlyKey(boardId, token));
  return request;
}
