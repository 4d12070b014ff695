/**
 * WebSocket close codes shared by the app and the collaboration server.
 *
 * The server closes a connection with one of the codes marked "sent". A connection refused before
 * it opens (bad room, bad token, board full) gets an HTTP status at the upgrade instead, which a
 * browser cannot read: the app sees close code 1006. To tell the person why, the app asks
 * `GET /api/rooms/<room>?token=<token>`, whose error answer carries `closeCode` from this list
 * (see closeCodeForHttpStatus for the mapping).
 */
export const CloseCode = {
  /** Sent: the server is shutting down or restarting. Reconnect. */
  GOING_AWAY: 1001,
  /** Sent: more messages per second than allowed (reason "rate limit"). Reconnect after a pause. */
  RATE_LIMITED: 1008,
  /** Sent by the WebSocket layer: one message was larger than the server accepts. */
  MESSAGE_TOO_BIG: 1009,
  /** Sent: the server could not load or store the document. Reconnect later. */
  INTERNAL_ERROR: 1011,
  /** Sent: the server holds too many unprocessed messages for this board (storage is slow). Reconnect. */
  TRY_AGAIN_LATER: 1013,
  /** Sent: a message could not be decoded. */
  MALFORMED: 4400,
  /** Refused upgrade: no token in the link. */
  MISSING_TOKEN: 4401,
  /** Refused upgrade: the token does not grant access to this board or room. */
  FORBIDDEN: 4403,
  /** Sent: edits kept referring to changes the server does not have after it asked the client for them; reconnecting resynchronises. */
  OUT_OF_SYNC: 4409,
  /** Sent, and for a refused upgrade: the board's owner replaced this edit or view link with a new one. */
  LINK_REVOKED: 4410,
  /** Sent: the board reached the server's size limit; further edits are refused. */
  DOCUMENT_TOO_LARGE: 4413,
  /** Sent: an edit or a presence state breaks the server's limits on nesting or size (server/README.md); it was refused. */
  BEYOND_LIMITS: 4422,
  /** Refused upgrade: the board has as many connections as the server allows. */
  BOARD_FULL: 4503,
} as const;

export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];

const MESSAGES: Record<CloseCodeValue, string> = {
  1001: 'The server is restarting. Reconnecting…',
  1008: 'You are sending changes faster than the server accepts. Reconnecting…',
  1009: 'That change is too large to send to the server.',
  1011: 'The server could not load or save this board. Retrying…',
  1013: 'The server is busy. Reconnecting…',
  4400: 'The server received a message it could not read. Reconnecting…',
  4401: 'This link has no access token. Ask the board owner for a full link.',
  4403: 'This link does not give access to this board.',
  4409: 'Your copy of the board was out of step with the server. Resynchronising…',
  4410: "This link was replaced by the board's owner. Ask them for the new link.",
  4413: 'This board has reached its size limit: new changes cannot be saved.',
  4422: 'A change was nested too deeply or was too large for the server, and was not saved.',
  4503: 'This board has too many people connected. Try again later.',
};

/** The message to show for a close code, or null for an ordinary close (1000, 1005, 1006...). */
export function closeMessage(code: number): string | null {
  return (MESSAGES as Record<number, string | undefined>)[code] ?? null;
}

/** Codes after which reconnecting with the same link cannot succeed: stop and show the message. */
export function isPermanentClose(code: number): boolean {
  return (
    code === CloseCode.MISSING_TOKEN ||
    code === CloseCode.FORBIDDEN ||
    code === CloseCode.LINK_REVOKED ||
    code === CloseCode.DOCUMENT_TOO_LARGE ||
    code === CloseCode.MESSAGE_TOO_BIG ||
    code === CloseCode.BEYOND_LIMITS
  );
}

/** The close code matching an HTTP status (and the server's reason) with which the server refused a WebSocket upgrade. */
export function closeCodeForHttpStatus(status: number, reason?: string): CloseCodeValue | null {
  if (status === 400) return CloseCode.MALFORMED;
  if (status === 403) return reason === 'missing_token' ? CloseCode.MISSING_TOKEN : reason === 'link_revoked' ? CloseCode.LINK_REVOKED : CloseCode.FORBIDDEN;
  if (status === 503) return CloseCode.BOARD_FULL;
  if (status === 429) return CloseCode.TRY_AGAIN_LATER;
  return null;
}
