import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROLES, toBase64Url, type Role, type RoomKind } from '../src/shared/boardId';
import type { LinkGenerations } from './storage/linkGenerations';

/** Length of a token: 22 base64url characters, 132 bits of the HMAC. */
export const TOKEN_LENGTH = 22;

/** Older link generations still recognised as replaced links (to say so, rather than "wrong link"). */
const REVOKED_GENERATIONS_KNOWN = 32;

/** The roles whose links the interviewer can replace. */
export const REPLACEABLE_ROLES: readonly Role[] = ['edit', 'read'];

/**
 * What a token is on a board: its role, with the board's link generation it was checked against;
 * `revoked` when it was an edit or read link the interviewer has replaced since; null otherwise.
 */
export type TokenCheck = { role: Role; generation: number } | { revoked: true } | null;

/**
 * Board links are capabilities: a token is HMAC(secret, role:boardId), so the server keeps no
 * table of grants, and knowing a board id alone grants nothing. Edit and read tokens also carry the
 * board's link generation (`role:boardId:generation` once it is above 0): replacing the links
 * raises it, and every edit and read token made before stops matching. The interviewer's does not
 * change, so the interviewer keeps the board.
 */
export class Access {
  private readonly secret: Buffer;

  constructor(
    secret: string | Uint8Array,
    private readonly generations: LinkGenerations,
  ) {
    this.secret = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
    if (this.secret.length < 16) throw new Error('The token secret must be at least 16 bytes');
  }

  token(role: Role, boardId: string, generation: number): string {
    const message = role === 'interviewer' || generation === 0 ? `${role}:${boardId}` : `${role}:${boardId}:${generation}`;
    const mac = createHmac('sha256', this.secret).update(message).digest();
    return toBase64Url(mac).slice(0, TOKEN_LENGTH);
  }

  /** What a token is on a board now (see TokenCheck). */
  async check(boardId: string, token: string | null | undefined): Promise<TokenCheck> {
    if (typeof token !== 'string' || token.length !== TOKEN_LENGTH) return null;
    const given = Buffer.from(token, 'utf8');
    if (given.length !== TOKEN_LENGTH) return null;
    const generation = await this.generations.current(boardId);
    const role = this.match(boardId, given, generation, ROLES);
    if (role) return { role, generation };
    for (let older = generation - 1; older >= Math.max(0, generation - REVOKED_GENERATIONS_KNOWN); older--) {
      if (this.match(boardId, given, older, REPLACEABLE_ROLES)) return { revoked: true };
    }
    return null;
  }

  /** The role a token grants on a board now, or null (wrong, or replaced). */
  async roleOf(boardId: string, token: string | null | undefined): Promise<Role | null> {
    const checked = await this.check(boardId, token);
    return checked && 'role' in checked ? checked.role : null;
  }

  /** The tokens a holder of `role` may hand out: its own role and every weaker one, of the board's current generation. */
  async tokensAtOrBelow(role: Role, boardId: string): Promise<Partial<Record<Role, string>>> {
    const generation = await this.generations.current(boardId);
    const tokens: Partial<Record<Role, string>> = {};
    for (const r of ROLES.slice(ROLES.indexOf(role))) tokens[r] = this.token(r, boardId, generation);
    return tokens;
  }

  /** Replaces the board's edit and read links; resolves with the new generation once it is stored. */
  rotate(boardId: string): Promise<number> {
    return this.generations.advance(boardId);
  }

  /** Compares the token with every role's in constant time. */
  private match(boardId: string, given: Buffer, generation: number, roles: readonly Role[]): Role | null {
    let found: Role | null = null;
    for (const role of roles) {
      const expected = Buffer.from(this.token(role, boardId, generation), 'utf8');
      if (timingSafeEqual(expected, given) && found === null) found = role;
    }
    return found;
  }
}

/** Whether a role may connect to a room of this kind. The interviewer room is interviewer-only. */
export function canJoin(role: Role, kind: RoomKind): boolean {
  return kind !== 'interviewer' || role === 'interviewer';
}

/**
 * Whether a role's document updates are accepted in a room of this kind. Everyone reads the control
 * room (timer, step, reveal); only the interviewer changes it.
 */
export function canWrite(role: Role, kind: RoomKind): boolean {
  if (!canJoin(role, kind) || role === 'read') return false;
  return kind !== 'control' || role === 'interviewer';
}

/**
 * The secret from BOARD_SECRET, or the one stored in DATA_DIR/secret, created at the first start
 * (so tokens stay valid across restarts).
 */
export async function loadOrCreateSecret(dataDir: string, configured?: string): Promise<string> {
  if (configured) return configured;
  const file = join(dataDir, 'secret');
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, toBase64Url(randomBytes(32)) + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = (await readFile(file, 'utf8')).trim();
  if (secret.length < 16) throw new Error(`${file} holds a secret shorter than 16 characters; remove it to create a new one`);
  return secret;
}
