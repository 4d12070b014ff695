import { ROLES, type Role } from '../shared/boardId';

/**
 * What a board token allows, asked from the server (GET /api/boards/<id>/links) and remembered in
 * localStorage per board, so that a board opened offline keeps the rights its link had.
 */
export interface BoardLinks {
  role: Role;
  /** The tokens this one may hand out: its own role and every weaker one. */
  tokens: Partial<Record<Role, string>>;
}

export type LinksResult = { ok: true; links: BoardLinks } | { ok: false; status: number | null; error: string };

const KEY = 'mldb.boardRoles';

export async function fetchLinks(boardId: string, token: string): Promise<LinksResult> {
  let response: Response;
  try {
    response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/links`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  } catch {
    return { ok: false, status: null, error: 'The server cannot be reached.' };
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = typeof (body as { error?: unknown })?.error === 'string' ? (body as { error: string }).error : `The server answered ${response.status}.`;
    return { ok: false, status: response.status, error };
  }
  const links = parseLinks(body);
  if (!links) return { ok: false, status: response.status, error: 'The server sent links this app cannot read.' };
  rememberRole(boardId, token, links.role);
  return { ok: true, links };
}

function parseLinks(body: unknown): BoardLinks | null {
  const { role, tokens } = (body ?? {}) as { role?: unknown; tokens?: unknown };
  if (!isRole(role) || typeof tokens !== 'object' || tokens === null) return null;
  const clean: Partial<Record<Role, string>> = {};
  for (const r of ROLES) {
    const value = (tokens as Record<string, unknown>)[r];
    if (typeof value === 'string') clean[r] = value;
  }
  return { role, tokens: clean };
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

type Remembered = Record<string, { token: string; role: Role }>;

function readRemembered(): Remembered {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return typeof value === 'object' && value !== null ? (value as Remembered) : {};
  } catch {
    return {};
  }
}

/** The role last learnt for this board with this token, or null. */
export function knownRole(boardId: string, token: string): Role | null {
  const entry = readRemembered()[boardId];
  return entry && entry.token === token && isRole(entry.role) ? entry.role : null;
}

export function rememberRole(boardId: string, token: string, role: Role): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...readRemembered(), [boardId]: { token, role } }));
  } catch {
    // Storage full or disabled: the role is asked again next time.
  }
}
