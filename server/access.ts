import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROLES, toBase64Url, type Role, type RoomKind } from '../src/shared/boardId';

/** Length of a token: 22 base64url characters, 132 bits of the HMAC. */
export const TOKEN_LENGTH = 22;

/**
 * Board links are capabilities: a token is HMAC(secret, role:boardId), so the server keeps no
 * table of boards or grants, and knowing a board id alone grants nothing.
 */
export class Access {
  private readonly secret: Buffer;

  constructor(secret: string | Uint8Array) {
    this.secret = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
    if (this.secret.length < 16) throw new Error('The token secret must be at least 16 bytes');
  }

  token(role: Role, boardId: string): string {
    const mac = createHmac('sha256', this.secret).update(`${role}:${boardId}`).digest();
    return toBase64Url(mac).slice(0, TOKEN_LENGTH);
  }

  /** The role a token grants on a board, or null. Compares every role in constant time. */
  roleOf(boardId: string, token: string | null | undefined): Role | null {
    if (typeof token !== 'string' || token.length !== TOKEN_LENGTH) return null;
    const given = Buffer.from(token, 'utf8');
    if (given.length !== TOKEN_LENGTH) return null;
    let found: Role | null = null;
    for (const role of ROLES) {
      const expected = Buffer.from(this.token(role, boardId), 'utf8');
      if (timingSafeEqual(expected, given) && found === null) found = role;
    }
    return found;
  }

  /** The tokens a holder of `role` may hand out: its own role and every weaker one. */
  tokensAtOrBelow(role: Role, boardId: string): Partial<Record<Role, string>> {
    const tokens: Partial<Record<Role, string>> = {};
    for (const r of ROLES.slice(ROLES.indexOf(role))) tokens[r] = this.token(r, boardId);
    return tokens;
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
