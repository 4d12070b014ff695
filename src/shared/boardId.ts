/**
 * Board ids and room names, shared by the app and the server.
 *
 * A board id carries 128 random bits written as 22 base64url characters. The id names a board;
 * it is not a capability by itself: the server hands out tokens (edit, read-only, interviewer)
 * derived from the id, and every connection presents one.
 */

export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** The roles a token can grant, from most to least powerful. */
export const ROLES = ['interviewer', 'edit', 'read'] as const;
export type Role = (typeof ROLES)[number];

/** A board has its shared document and, for interview mode, a private interviewer document. */
export type RoomKind = 'board' | 'interviewer';
const INTERVIEWER_SUFFIX = '.interviewer';

export function isBoardId(value: string): boolean {
  return BOARD_ID_PATTERN.test(value);
}

export function newBoardId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return toBase64Url(bytes);
}

export function roomName(boardId: string, kind: RoomKind): string {
  return kind === 'board' ? boardId : boardId + INTERVIEWER_SUFFIX;
}

/** Parses a WebSocket room name; returns null for anything that is not a valid room. */
export function parseRoomName(name: string): { boardId: string; kind: RoomKind } | null {
  const kind: RoomKind = name.endsWith(INTERVIEWER_SUFFIX) ? 'interviewer' : 'board';
  const boardId = kind === 'board' ? name : name.slice(0, -INTERVIEWER_SUFFIX.length);
  return isBoardId(boardId) ? { boardId, kind } : null;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
