import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newBoardId, parseRoomName, participantRole, roomName } from '../../src/shared/boardId';
import { Access, TOKEN_LENGTH, canJoin, canWrite, loadOrCreateSecret } from '../access';
import { MemoryLinkGenerations } from './fakes';

const SECRET = 'a secret of at least sixteen characters';
const access = new Access(SECRET, new MemoryLinkGenerations());

describe('tokens', () => {
  it('are 22 base64url characters, stable, and differ per role, board and secret', async () => {
    const board = newBoardId();
    const tokens = await access.tokensAtOrBelow('interviewer', board);
    expect(Object.keys(tokens)).toEqual(['interviewer', 'edit', 'read']);
    for (const token of Object.values(tokens)) expect(token).toMatch(new RegExp(`^[A-Za-z0-9_-]{${TOKEN_LENGTH}}$`));
    expect(new Set(Object.values(tokens)).size).toBe(3);
    expect(access.token('edit', board, 0)).toBe(tokens.edit);
    expect(access.token('edit', newBoardId(), 0)).not.toBe(tokens.edit);
    expect(new Access('another secret, also long enough', new MemoryLinkGenerations()).token('edit', board, 0)).not.toBe(tokens.edit);
  });

  it('match the HMAC definition: base64url(HMAC-SHA256(secret, "role:boardId"[":generation"])) cut to 22 characters', async () => {
    const { createHmac } = await import('node:crypto');
    const board = 'AAAAAAAAAAAAAAAAAAAAAA';
    const hmac = (message: string) => createHmac('sha256', SECRET).update(message).digest('base64url').slice(0, 22);
    expect(access.token('read', board, 0)).toBe(hmac(`read:${board}`));
    expect(access.token('read', board, 3)).toBe(hmac(`read:${board}:3`));
    expect(access.token('interviewer', board, 3)).toBe(hmac(`interviewer:${board}`));
  });

  it('give back their role, and nothing for anything else', async () => {
    const board = newBoardId();
    expect(await access.roleOf(board, access.token('interviewer', board, 0))).toBe('interviewer');
    expect(await access.roleOf(board, access.token('edit', board, 0))).toBe('edit');
    expect(await access.roleOf(board, access.token('read', board, 0))).toBe('read');
    expect(await access.roleOf(newBoardId(), access.token('edit', board, 0))).toBeNull();
    expect(await access.roleOf(board, null)).toBeNull();
    expect(await access.roleOf(board, '')).toBeNull();
    expect(await access.roleOf(board, access.token('edit', board, 0).slice(0, 21))).toBeNull();
    expect(await access.roleOf(board, access.token('edit', board, 0) + 'x')).toBeNull();
    expect(await access.roleOf(board, 'é'.repeat(11))).toBeNull(); // 22 characters, 22+ bytes
    expect(await access.roleOf(board, board)).toBeNull(); // the id alone grants nothing
  });

  it('hand out only links at or below their role', async () => {
    const board = newBoardId();
    expect(Object.keys(await access.tokensAtOrBelow('edit', board))).toEqual(['edit', 'read']);
    expect(Object.keys(await access.tokensAtOrBelow('read', board))).toEqual(['read']);
  });

  it('replacing the links refuses the old edit and read tokens as revoked; the interviewer token stays', async () => {
    const generations = new MemoryLinkGenerations();
    const rotating = new Access(SECRET, generations);
    const board = newBoardId();
    const before = await rotating.tokensAtOrBelow('interviewer', board);
    expect(await rotating.rotate(board)).toBe(1);
    const after = await rotating.tokensAtOrBelow('interviewer', board);
    expect(after.interviewer).toBe(before.interviewer);
    expect(after.edit).not.toBe(before.edit);
    expect(after.read).not.toBe(before.read);
    expect(await rotating.check(board, before.edit)).toEqual({ revoked: true });
    expect(await rotating.check(board, before.read)).toEqual({ revoked: true });
    expect(await rotating.check(board, after.edit)).toEqual({ role: 'edit', generation: 1 });
    expect(await rotating.check(board, before.interviewer)).toEqual({ role: 'interviewer', generation: 1 });
    // Another board's links are untouched; a wrong token is wrong, not revoked.
    const other = newBoardId();
    expect(await rotating.roleOf(other, rotating.token('edit', other, 0))).toBe('edit');
    expect(await rotating.check(board, rotating.token('edit', other, 0))).toBeNull();
    await rotating.rotate(board);
    expect(await rotating.check(board, after.edit)).toEqual({ revoked: true });
    expect(await rotating.check(board, before.edit)).toEqual({ revoked: true });
  });

  it('refuse short secrets', () => {
    expect(() => new Access('short', new MemoryLinkGenerations())).toThrow(/16/);
  });
});

describe('rooms and roles', () => {
  it('only interviewers join the interviewer room; read-only never writes', () => {
    expect(canJoin('interviewer', 'interviewer')).toBe(true);
    expect(canJoin('edit', 'interviewer')).toBe(false);
    expect(canJoin('read', 'interviewer')).toBe(false);
    expect(canJoin('read', 'board')).toBe(true);
    expect(canWrite('interviewer', 'board')).toBe(true);
    expect(canWrite('edit', 'board')).toBe(true);
    expect(canWrite('read', 'board')).toBe(false);
    expect(canWrite('edit', 'interviewer')).toBe(false);
    expect(canWrite('interviewer', 'interviewer')).toBe(true);
  });

  it('everyone reads the control room; only the interviewer writes it', () => {
    for (const role of ['interviewer', 'edit', 'read'] as const) expect(canJoin(role, 'control')).toBe(true);
    expect(canWrite('interviewer', 'control')).toBe(true);
    expect(canWrite('edit', 'control')).toBe(false);
    expect(canWrite('read', 'control')).toBe(false);
  });

  it('room names: board, interviewer and control rooms; participant roles from token and board', () => {
    const board = newBoardId();
    for (const kind of ['board', 'interviewer', 'control'] as const) expect(parseRoomName(roomName(board, kind))).toEqual({ boardId: board, kind });
    expect(parseRoomName(board + '.control.control')).toBeNull();
    expect(parseRoomName('short.control')).toBeNull();
    expect(parseRoomName(board + '.other')).toBeNull();
    expect(participantRole('interviewer', true)).toBe('interviewer');
    expect(participantRole('interviewer', false)).toBe('interviewer');
    expect(participantRole('edit', true)).toBe('candidate');
    expect(participantRole('edit', false)).toBe('collaborator');
    expect(participantRole('read', true)).toBe('viewer');
  });
});

describe('secret', () => {
  it('is created once in DATA_DIR/secret and reused; BOARD_SECRET wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mldb-secret-'));
    try {
      const first = await loadOrCreateSecret(dir);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(await loadOrCreateSecret(dir)).toBe(first);
      expect(readFileSync(join(dir, 'secret'), 'utf8').trim()).toBe(first);
      expect(await loadOrCreateSecret(dir, 'configured secret value')).toBe('configured secret value');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
