import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { KEEPALIVE_MESSAGE, ProtocolError, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, parseMessage } from '../protocol';

describe('protocol', () => {
  const doc = new Y.Doc();
  doc.getMap('m').set('k', 'v');
  const update = Y.encodeStateAsUpdate(doc);

  it('parses every message type a client sends', () => {
    expect(parseMessage(encodeSyncStep1(doc))).toEqual({ type: 'sync-step1', stateVector: Y.encodeStateVector(doc) });
    expect(parseMessage(encodeSyncStep2(update))).toEqual({ type: 'sync-update', update, answer: true });
    expect(parseMessage(encodeUpdate(update))).toEqual({ type: 'sync-update', update, answer: false });
    expect(parseMessage(KEEPALIVE_MESSAGE)).toEqual({ type: 'awareness', update: new Uint8Array([0]) });
    expect(parseMessage(new Uint8Array([3]))).toEqual({ type: 'query-awareness' });
  });

  it('refuses unknown types, truncation, trailing bytes and lengths past the end', () => {
    const bad = [
      new Uint8Array([]),
      new Uint8Array([2]), // auth: not used
      new Uint8Array([9]),
      new Uint8Array([0, 7, 0]),
      encodeUpdate(update).slice(0, -1),
      Uint8Array.from([...encodeUpdate(update), 0]),
      new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]),
      new Uint8Array([0, 0, 2, 0x80, 0x80]), // malformed state vector
      encodeAwareness(new Uint8Array([1, 5, 1, 3, 0x7b, 0x7b, 0x7b])), // state is not JSON
      new Uint8Array([3, 0]),
    ];
    for (const data of bad) expect(() => parseMessage(data), `${Array.from(data)}`).toThrow(ProtocolError);
  });

  it('does not read past the message into a larger buffer around it', () => {
    const pool = new Uint8Array(64).fill(7);
    pool.set([0, 2, 10, 1, 2], 0); // claims 10 payload bytes, has 2
    expect(() => parseMessage(pool.subarray(0, 5))).toThrow(ProtocolError);
  });
});
