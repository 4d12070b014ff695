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

/**
 * What a person is on a board, decided by the server from the token and whether the board is an
 * interview board: the interviewer token makes the interviewer; an edit token the candidate of an
 * interview board, a collaborator elsewhere; a read token a viewer.
 */
export const PARTICIPANT_ROLES = ['interviewer', 'candidate', 'collaborator', 'viewer'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export function participantRole(tokenRole: Role, interview: boolean): ParticipantRole {
  if (tokenRole === 'interviewer') return 'interviewer';
  if (tokenRole === 'read') return 'viewer';
  return interview ? 'candidate' : 'collaborator';
}

/**
 * A board has its shared document, for interview mode a private interviewer document, and the
 * interview's control room (timer, step, reveal), which everyone reads and only the interviewer writes.
 */
export type RoomKind = 'board' | 'interviewer' | 'control';
const SUFFIXES: Record<Exclude<RoomKind, 'board'>, string> = { interviewer: '.interviewer', control: '.control' };

export function isBoardId(value: string): boolean {
  return BOARD_ID_PATTERN.test(value);
}

export function newBoardId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return toBase64Url(bytes);
}

export function roomName(boardId: string, kind: RoomKind): string {
  return kind === 'board' ? boardId : boardId + SUFFIXES[kind];
}

/** Parses a WebSocket room name; returns null for anything that is not a valid room. */
export function parseRoomName(name: string): { boardId: string; kind: RoomKind } | null {
  for (const [kind, suffix] of Object.entries(SUFFIXES) as [RoomKind, string][]) {
    if (name.endsWith(suffix)) {
      const boardId = name.slice(0, -suffix.length);
      return isBoardId(boardId) ? { boardId, kind } : null;
    }
  }
  return isBoardId(name) ? { boardId: name, kind: 'board' } : null;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
