import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { AWARENESS_LIMITS, LimitError, checkAwarenessUpdate, type AwarenessLimits } from './updateLimits';

/**
 * The y-websocket wire protocol (as y-protocols and @y/websocket-server speak it). Every WebSocket
 * message is one binary frame: varUint(message type), then the type's content.
 *   0 sync:           varUint(sync type) varUint8Array(payload)
 *                       0 step 1: payload = the sender's state vector ("send me what I lack")
 *                       1 step 2: payload = an update answering a step 1
 *                       2 update: payload = an update
 *   1 awareness:      varUint8Array(awareness update)
 *   2 auth:           not used (access is decided at the upgrade)
 *   3 queryAwareness: no content; answered with every awareness state
 * Parsing is strict: an unknown type, a truncated field or trailing bytes is a ProtocolError.
 */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

export class ProtocolError extends Error {}

/** `answer`: the update is a sync step 2, the sender's answer to a sync request of the server. */
export type ClientMessage =
  { type: 'sync-step1'; stateVector: Uint8Array } | { type: 'sync-update'; update: Uint8Array; answer: boolean } | { type: 'awareness'; update: Uint8Array } | { type: 'query-awareness' };

function readBytes(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder);
  if (length > decoder.arr.length - decoder.pos) throw new ProtocolError('field longer than the message');
  return decoding.readUint8Array(decoder, length);
}

/** One parser per message type (the types a client may send). */
const handlers: Record<number, (decoder: decoding.Decoder, limits: AwarenessLimits) => ClientMessage> = {
  [MessageType.sync]: (decoder) => {
    const syncType = decoding.readVarUint(decoder);
    const payload = readBytes(decoder);
    switch (syncType) {
      case SyncType.step1:
        Y.decodeStateVector(payload); // throws on a malformed state vector
        return { type: 'sync-step1', stateVector: payload };
      case SyncType.step2:
      case SyncType.update:
        return { type: 'sync-update', update: payload, answer: syncType === SyncType.step2 };
      default:
        throw new ProtocolError(`unknown sync message type ${syncType}`);
    }
  },
  [MessageType.awareness]: (decoder, limits) => {
    const update = readBytes(decoder);
    checkAwarenessUpdate(update, limits);
    return { type: 'awareness', update };
  },
  [MessageType.queryAwareness]: () => ({ type: 'query-awareness' }),
};

/**
 * Parses one client message; throws ProtocolError if it is not exactly one well-formed message, and
 * LimitError for an awareness state beyond `limits` (checked before anything parses the state).
 */
export function parseMessage(data: Uint8Array, limits: AwarenessLimits = AWARENESS_LIMITS): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    const handler = handlers[type];
    if (!handler) throw new ProtocolError(`unknown message type ${type}`);
    const message = handler(decoder, limits);
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the message');
    return message;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    if (error instanceof LimitError && error.kind !== 'malformed') throw error;
    throw new ProtocolError(`malformed message: ${(error as Error)?.message ?? String(error)}`);
  }
}

/**
 * Whether a raw frame is a sync step 1 (a request for everything the sender lacks, which can cost
 * a whole document to answer), read from its first two bytes without parsing the rest.
 */
export function isSyncRequest(data: Uint8Array): boolean {
  return data.length >= 2 && data[0] === MessageType.sync && data[1] === SyncType.step1;
}

/** The state vector a sync request carries, or null where the frame cannot be read as one. */
export function syncRequestStateVector(data: Uint8Array): Uint8Array | null {
  if (!isSyncRequest(data)) return null;
  try {
    const decoder = decoding.createDecoder(data.subarray(2));
    const stateVector = decoding.readVarUint8Array(decoder);
    return decoding.hasContent(decoder) ? null : stateVector;
  } catch {
    return null;
  }
}

/** A sync answer (sync step 2): what the receiver lacks of the document, the whole board for a new client. */
export function isSyncAnswer(data: Uint8Array): boolean {
  return data.length >= 2 && data[0] === MessageType.sync && data[1] === SyncType.step2;
}

/** A presence (awareness) message. */
export function isAwarenessMessage(data: Uint8Array): boolean {
  return data.length >= 1 && data[0] === MessageType.awareness;
}

/** An update that changes nothing (no structs, no deletions), as clients send in an empty step 2. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step2);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.update);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });
}

/**
 * An awareness message with no states: clients apply it as a no-op, but it counts as a message
 * received, which keeps y-websocket from reconnecting an idle connection.
 */
export const KEEPALIVE_MESSAGE = encodeAwareness(new Uint8Array([0]));
