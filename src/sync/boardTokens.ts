/**
 * Board tokens are capabilities, so they stay out of the address bar and out of server logs.
 * A link carries its token in the fragment (`/b/<id>#token=T`), which browsers never send to the
 * server; the app reads it (or the `?token=` of older links), keeps it in this browser's storage
 * for that board and shows the bare `/b/<id>`. Opening `/b/<id>` later uses the kept token.
 *
 * A board created while no server answered has no token at all: it is marked as kept in this
 * browser only, which is how the board page tells it from a link whose token is missing.
 */
type Key = { token: string } | { local: true };

const KEY = 'mldb.boardTokens';
/** The list of recent boards kept tokens before this store existed; read once to carry them over. */
const RECENT_KEY = 'mldb.recentBoards';

let cache: Record<string, Key> | null = null;

function read(): Record<string, Key> {
  if (cache) return cache;
  cache = {};
  try {
    const raw = localStorage.getItem(KEY);
    if (raw === null) {
      cache = fromRecentBoards();
      write();
    } else {
      const value: unknown = JSON.parse(raw);
      if (typeof value === 'object' && value !== null) {
        for (const [id, key] of Object.entries(value)) if (isKey(key)) cache[id] = key;
      }
    }
  } catch {
    // Unreadable storage: tokens come from links only, for this page.
  }
  return cache;
}

function isKey(value: unknown): value is Key {
  const v = value as Partial<{ token: unknown; local: unknown }> | null;
  return typeof v === 'object' && v !== null && (typeof v.token === 'string' ? v.token.length > 0 : v.local === true);
}

function fromRecentBoards(): Record<string, Key> {
  const found: Record<string, Key> = {};
  const value: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
  for (const board of Array.isArray(value) ? value : []) {
    const { id, token } = (board ?? {}) as { id?: unknown; token?: unknown };
    if (typeof id !== 'string') continue;
    found[id] = typeof token === 'string' && token ? { token } : { local: true };
  }
  return found;
}

function write(): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(cache));
  } catch {
    // Storage full or disabled: the token lasts for this page.
  }
}

/** The token kept for this board, if any. */
export function boardToken(boardId: string): string | undefined {
  const key = read()[boardId];
  return key && 'token' in key ? key.token : undefined;
}

/** Whether this board was created while no server answered and lives in this browser only. */
export function isLocalBoard(boardId: string): boolean {
  const key = read()[boardId];
  return !!key && 'local' in key;
}

export function keepBoardToken(boardId: string, token: string): void {
  read()[boardId] = { token };
  write();
}

export function markLocalBoard(boardId: string): void {
  read()[boardId] = { local: true };
  write();
}

/** The link to hand to someone: the token in the fragment. */
export function boardLink(boardId: string, token: string, origin = window.location.origin): string {
  return `${origin}/b/${boardId}#token=${encodeURIComponent(token)}`;
}

/**
 * The token a board URL carries (fragment first, then the query of older links) and the same URL
 * without it; null when it carries none. Other query parameters and fragment entries are kept.
 */
export function splitToken(url: URL): { token: string; bare: URL } | null {
  const hash = new URLSearchParams(url.hash.replace(/^#/, ''));
  const token = hash.get('token') || url.searchParams.get('token');
  if (!token) return null;
  const bare = new URL(url.href);
  hash.delete('token');
  bare.hash = hash.size ? hash.toString() : '';
  bare.searchParams.delete('token');
  return { token, bare };
}
