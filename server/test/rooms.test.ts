import * as decoding from 'lib0/decoding';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../src/shared/closeCodes';
import { LocalFanout } from '../fanout/local';
import { RateLimitedLog } from '../limits';
import { Metrics } from '../metrics';
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../protocol';
import { Rooms, type Peer, type RoomConnection } from '../rooms';
import { FakeStorage } from './fakes';
import { counted } from './harness';

interface TestPeer extends Peer {
  sent: Uint8Array[];
  closes: Array<{ code: number; reason: string }>;
}

function peer(id: string, canWrite = true): TestPeer {
  const sent: Uint8Array[] = [];
  const closes: Array<{ code: number; reason: string }> = [];
  return { id, canWrite, linkGeneration: 0, sent, closes, send: (m) => sent.push(m), close: (code, reason) => closes.push({ code, reason }) };
}

function setup(options: { maxDocumentBytes?: number } = {}) {
  const storage = new FakeStorage();
  const metrics = new Metrics();
  const log = pino({ level: 'silent' });
  const rooms = new Rooms({
    storage,
    fanout: new LocalFanout(),
    metrics,
    log,
    rlog: new RateLimitedLog(log, 10, undefined, null),
    maxDocumentBytes: options.maxDocumentBytes ?? 1024 * 1024,
    compactEveryUpdates: 1000,
  });
  return { storage, metrics, rooms };
}

/** Decodes a server message into [type, sync type?, payload]. */
function decode(message: Uint8Array): { kind: string; payload: Uint8Array } {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  if (type === 1) return { kind: 'awareness', payload: decoding.readVarUint8Array(decoder) };
  const syncType = decoding.readVarUint(decoder);
  return { kind: ['step1', 'step2', 'update'][syncType]!, payload: decoding.readVarUint8Array(decoder) };
}

/** Applies every document update a peer received to a fresh doc. */
function received(p: TestPeer): Y.Doc {
  const doc = new Y.Doc();
  for (const m of p.sent.map(decode)) if (m.kind === 'step2' || m.kind === 'update') Y.applyUpdate(doc, m.payload);
  return doc;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await tick();
  expect(condition()).toBe(true);
};
const emptyStep1 = encodeSyncStep1(new Y.Doc());
/** Answers the server's sync requests to `p` not answered yet, as a client does: what `doc` has beyond each state vector. */
const answered = new WeakMap<TestPeer, number>();
async function answer(p: TestPeer, conn: RoomConnection, doc: Y.Doc): Promise<void> {
  const requests = p.sent.map(decode).filter((m) => m.kind === 'step1');
  for (const request of requests.slice(answered.get(p) ?? 0)) conn.receive(encodeSyncStep2(Y.encodeStateAsUpdate(doc, request.payload)));
  answered.set(p, requests.length);
  await tick();
}
const updateOf = (edit: (doc: Y.Doc) => void, doc = new Y.Doc()) => {
  const before = Y.encodeStateVector(doc);
  edit(doc);
  return Y.encodeStateAsUpdate(doc, before);
};

describe('rooms', () => {
  it('answers nothing until the document is loaded, then serves it whole', async () => {
    const { storage, rooms } = setup();
    storage.docs.set('room', [updateOf((d) => d.getMap('nodes').set('stored', 1))]);
    storage.hold();
    const p = peer('p');
    const conn = rooms.join('room', p);
    conn.receive(emptyStep1);
    await tick();
    expect(p.sent).toEqual([]);
    storage.release();
    await until(() => p.sent.length === 2);
    const [step1, step2] = p.sent.map(decode);
    expect(step1!.kind).toBe('step1');
    expect(Y.decodeStateVector(step1!.payload).size).toBe(1);
    expect(step2!.kind).toBe('step2');
    expect(received(p).getMap('nodes').get('stored')).toBe(1);
  });

  it('answers requests for the whole document with the document as it is now, after every change', async () => {
    const { rooms } = setup();
    const writer = peer('writer');
    const writes = rooms.join('room', writer);
    const author = new Y.Doc();
    writes.receive(encodeUpdate(updateOf((d) => d.getMap('nodes').set('a', 1), author)));
    const asker = peer('asker');
    const asks = rooms.join('room', asker);
    const wholeDocuments = () => asker.sent.map(decode).filter((m) => m.kind === 'step2');
    asks.receive(emptyStep1);
    asks.receive(emptyStep1);
    await until(() => wholeDocuments().length === 2);
    writes.receive(encodeUpdate(updateOf((d) => d.getMap('nodes').delete('a'), author)));
    writes.receive(encodeUpdate(updateOf((d) => d.getMap('nodes').set('b', 2), author)));
    asks.receive(emptyStep1);
    await until(() => wholeDocuments().length === 3);
    const states = wholeDocuments().map(({ payload }) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, payload);
      return doc.getMap('nodes').toJSON();
    });
    expect(states).toEqual([{ a: 1 }, { a: 1 }, { b: 2 }]);
  });

  it('counts a sync request as asking for content when it lacks more than edits on their way to the client', async () => {
    const { rooms } = setup();
    const writes = rooms.join('room', peer('writer'));
    const asker = peer('asker');
    const asks = rooms.join('room', asker);
    const author = new Y.Doc();
    const text = author.getText('notes');
    const relayed = () => asker.sent.map(decode).filter((m) => m.kind === 'update').length;
    const write = async (edit: () => void) => {
      const before = relayed();
      writes.receive(encodeUpdate(updateOf(edit, author)));
      await until(() => relayed() === before + 1);
    };
    await write(() => text.insert(0, 'x'.repeat(2000)));
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(author));
    const known = Y.encodeStateVector(client);
    expect(asks.asksForContent(known)).toBe(false);
    expect(asks.asksForContent(Y.encodeStateVector(new Y.Doc()))).toBe(true);
    // 1,024 items written since: others' edits crossing the request, not asked for; one more is.
    await write(() => text.insert(0, 'y'.repeat(1024)));
    expect(asks.asksForContent(known)).toBe(false);
    await write(() => text.insert(0, 'z'));
    expect(asks.asksForContent(known)).toBe(true);
    expect(asks.asksForContent(Y.encodeStateVector(author))).toBe(false);
  });

  it('stores an update before any peer receives it', async () => {
    const { storage, rooms } = setup();
    const a = peer('a');
    const b = peer('b');
    const connA = rooms.join('room', a);
    rooms.join('room', b);
    await until(() => a.sent.length === 1 && b.sent.length === 1);
    storage.hold();
    connA.receive(encodeUpdate(updateOf((d) => d.getMap('nodes').set('k', 'v'))));
    await tick();
    expect(b.sent).toHaveLength(1);
    expect(storage.docs.get('room')).toBeUndefined();
    storage.release();
    await until(() => b.sent.length === 2);
    expect(decode(b.sent[1]!).kind).toBe('update');
    expect(storage.stored('room').getMap('nodes').get('k')).toBe('v');
    expect(a.sent).toHaveLength(1); // not echoed to its sender
  });

  it('stores one history entry per run of updates by one author in a batch, with that author and exactly those updates', async () => {
    const { storage, rooms } = setup();
    const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness');
    const { encodeAwareness } = await import('../protocol');
    const [ada, bo] = ['Ada', 'Bo'].map((name) => {
      const p = peer(name);
      const conn = rooms.join('room', p);
      const doc = new Y.Doc();
      const awareness = new Awareness(doc);
      awareness.setLocalState({ user: { name } });
      conn.receive(encodeAwareness(encodeAwarenessUpdate(awareness, [doc.clientID])));
      awareness.destroy();
      return { p, conn, doc };
    }) as [{ p: TestPeer; conn: ReturnType<Rooms['join']>; doc: Y.Doc }, { p: TestPeer; conn: ReturnType<Rooms['join']>; doc: Y.Doc }];
    await until(() => ada.p.sent.length > 1 && bo.p.sent.length > 1);
    const edit = (writer: typeof ada, key: string) => writer.conn.receive(encodeUpdate(updateOf((d) => d.getMap('nodes').set(key, 1), writer.doc)));
    const entries = () => storage.history.rooms.get('room')?.entries ?? [];
    /** The edits after the first are stored in one batch: they arrive while the first is being stored. */
    const batch = async (first: [typeof ada, string], rest: Array<[typeof ada, string]>) => {
      const before = storage.docs.get('room')?.length ?? 0;
      storage.hold();
      edit(...first);
      await tick();
      for (const next of rest) edit(...next);
      storage.release();
      await until(() => storage.docs.get('room')?.length === before + 2);
    };
    await batch(
      [ada, 'a1'],
      [
        [ada, 'a2'],
        [ada, 'a3'],
        [bo, 'b1'],
        [ada, 'a4'],
        [bo, 'b2'],
      ],
    );
    await batch(
      [bo, 'b3'],
      [
        [bo, 'b4'],
        [bo, 'b5'],
      ],
    );
    // Applied in order, each entry adds exactly its author's edits.
    const rebuilt = new Y.Doc();
    const keys = (update: Uint8Array) => {
      const before = new Set(rebuilt.getMap('nodes').keys());
      Y.applyUpdate(rebuilt, update);
      return [...rebuilt.getMap('nodes').keys()].filter((key) => !before.has(key)).sort();
    };
    expect(entries().map((e) => ({ clientId: e.clientId, name: e.name, keys: keys(e.update) }))).toEqual([
      { clientId: ada.doc.clientID, name: 'Ada', keys: ['a1'] },
      { clientId: ada.doc.clientID, name: 'Ada', keys: ['a2', 'a3'] },
      { clientId: bo.doc.clientID, name: 'Bo', keys: ['b1'] },
      { clientId: ada.doc.clientID, name: 'Ada', keys: ['a4'] },
      { clientId: bo.doc.clientID, name: 'Bo', keys: ['b2'] },
      { clientId: bo.doc.clientID, name: 'Bo', keys: ['b3'] },
      { clientId: bo.doc.clientID, name: 'Bo', keys: ['b4', 'b5'] },
    ]);
    // Every entry of a batch has the batch's time.
    expect(
      new Set(
        entries()
          .slice(1, 5)
          .map((e) => e.at),
      ).size,
    ).toBe(1);
  });

  it("names each entry's author as its awareness shows them when the update arrives: a new name, then none once the state is removed", async () => {
    const { storage, rooms } = setup();
    const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness');
    const { encodeAwareness } = await import('../protocol');
    const p = peer('writer');
    const conn = rooms.join('room', p);
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    const announce = (state: Record<string, unknown> | null) => {
      awareness.setLocalState(state);
      conn.receive(encodeAwareness(encodeAwarenessUpdate(awareness, [doc.clientID])));
    };
    const entries = () => storage.history.rooms.get('room')?.entries ?? [];
    const edit = async (key: string) => {
      const before = entries().length;
      conn.receive(encodeUpdate(updateOf((d) => d.getMap('nodes').set(key, 1), doc)));
      await until(() => entries().length === before + 1);
    };
    announce({ user: { name: 'Ada' } });
    await edit('a');
    await edit('b');
    announce({ user: { name: ' Ada L. ' } });
    await edit('c');
    announce({ user: { name: ' Ada L. ' }, cursor: { x: 1, y: 2 } });
    await edit('d');
    announce(null);
    await edit('e');
    awareness.destroy();
    expect(entries().map((e) => [e.clientId, e.name])).toEqual([
      [doc.clientID, 'Ada'],
      [doc.clientID, 'Ada'],
      [doc.clientID, 'Ada L.'],
      [doc.clientID, 'Ada L.'],
      [doc.clientID, null],
    ]);
  });

  it('asks a client that reconnects with offline edits for them when an edit sent before its sync answer depends on them', async () => {
    const { storage, rooms, metrics } = setup();
    const client = new Y.Doc();
    storage.docs.set('room', [updateOf((d) => d.getMap('nodes').set('stored', 1), client)]);
    // Offline: a new frame, then (the moment the connection opens) an edit inside it: past what the server holds of this client.
    updateOf((d) => d.getMap('nodes').set('frame', new Y.Map()), client);
    const onOpen = updateOf((d) => (d.getMap('nodes').get('frame') as Y.Map<number>).set('inside', 1), client);
    const a = peer('a');
    const conn = rooms.join('room', a);
    conn.receive(encodeSyncStep1(client));
    conn.receive(encodeUpdate(onOpen));
    await until(() => a.sent.some((m) => decode(m).kind === 'step1'));
    await answer(a, conn, client);
    await until(() => storage.docs.get('room')?.length === 2);
    expect(a.closes).toEqual([]);
    expect(storage.stored('room').getMap('nodes').toJSON()).toEqual(client.getMap('nodes').toJSON());
    expect(Y.encodeStateVector(storage.stored('room'))).toEqual(Y.encodeStateVector(client));
    expect(await counted(metrics.resyncs, { request: 'awaiting' })).toBe(1);
    expect(await counted(metrics.resyncs, { request: 'sent' })).toBe(0);
  });

  it('sends a sync request for an edit that depends on data the server lacks once the join was answered, and the answer carries it', async () => {
    const { storage, rooms, metrics } = setup();
    const client = new Y.Doc();
    const a = peer('a');
    const conn = rooms.join('room', a);
    await until(() => a.sent.length === 1);
    await answer(a, conn, client);
    // Edits this connection never sent (as another tab's, through a BroadcastChannel), then one that depends on them.
    const other = new Y.Doc();
    Y.applyUpdate(
      client,
      updateOf((d) => d.getMap('nodes').set('frame', new Y.Map()), other),
    );
    conn.receive(encodeUpdate(updateOf((d) => (d.getMap('nodes').get('frame') as Y.Map<number>).set('inside', 1), client)));
    await until(() => a.sent.filter((m) => decode(m).kind === 'step1').length === 2);
    expect(await counted(metrics.resyncs, { request: 'sent' })).toBe(1);
    await answer(a, conn, client);
    await until(() => storage.docs.get('room')?.length === 1);
    expect(a.closes).toEqual([]);
    expect(storage.stored('room').getMap('nodes').toJSON()).toEqual(client.getMap('nodes').toJSON());
  });

  it('closes only a peer whose updates still refer to missing data after its sync requests, storing nothing', async () => {
    const { storage, rooms, metrics } = setup();
    const source = new Y.Doc();
    updateOf((d) => d.getMap('nodes').set('first', 1), source);
    const second = updateOf((d) => d.getMap('nodes').set('second', 2), source);
    const a = peer('a');
    const b = peer('b');
    const conn = rooms.join('room', a);
    rooms.join('room', b);
    // Each sync request answered with nothing, each answer followed by the same update with a gap.
    let requests = 0;
    while (a.closes.length === 0) {
      conn.receive(encodeUpdate(second));
      await until(() => a.closes.length === 1 || a.sent.filter((m) => decode(m).kind === 'step1').length > requests);
      if (a.closes.length > 0) break;
      requests++;
      conn.receive(encodeSyncStep2(new Uint8Array([0, 0])));
    }
    expect(a.closes[0]!.code).toBe(CloseCode.OUT_OF_SYNC);
    expect(requests).toBe(4); // the join's and three more
    expect(b.closes).toEqual([]);
    expect(storage.docs.get('room')).toBeUndefined();
    expect(await counted(metrics.messagesRefused, { reason: 'out_of_sync' })).toBe(1);
    expect(await counted(metrics.resyncs, { request: 'sent' })).toBe(3);
  });

  it('drops an update that depends on another client’s missing data, and does not keep it pending', async () => {
    const { storage, rooms } = setup();
    // Client Y creates a nested map; client X writes into it.
    const y = new Y.Doc();
    const fromY = updateOf((d) => d.getMap('nodes').set('frame', new Y.Map()), y);
    const x = new Y.Doc();
    Y.applyUpdate(x, fromY);
    const fromX = updateOf((d) => (d.getMap('nodes').get('frame') as Y.Map<number>).set('inside', 1), x);
    expect(Y.parseUpdateMeta(fromX).from.get(x.clientID)).toBe(0); // passes the clock check alone

    rooms.join('room', peer('keeps the room loaded'));
    const a = peer('a');
    const connA = rooms.join('room', a);
    connA.receive(encodeUpdate(fromX));
    await until(() => a.sent.length > 0);
    expect(a.closes).toEqual([]);
    // Y's update arrives later: X's edit must not come back from a pending queue.
    const b = peer('b');
    rooms.join('room', b).receive(encodeUpdate(fromY));
    await until(() => storage.docs.get('room')?.length === 1);
    const stored = storage.stored('room');
    expect((stored.getMap('nodes').get('frame') as Y.Map<number>).toJSON()).toEqual({});
    const c = peer('c');
    rooms.join('room', c).receive(emptyStep1);
    await until(() => c.sent.length === 2);
    expect((received(c).getMap('nodes').get('frame') as Y.Map<number>).toJSON()).toEqual({});
    expect(rooms.loaded).toBe(1);
  });

  it('drops and counts read-only updates without closing the connection', async () => {
    const { storage, rooms, metrics } = setup();
    const reader = peer('r', false);
    const other = peer('o');
    const conn = rooms.join('room', reader);
    rooms.join('room', other);
    conn.receive(encodeUpdate(updateOf((d) => d.getMap('nodes').set('x', 1))));
    conn.receive(encodeUpdate(new Uint8Array([0, 0]))); // an empty step 2 is not a refusal
    conn.receive(emptyStep1);
    await until(() => reader.sent.length === 2);
    expect(await counted(metrics.messagesRefused, { reason: 'read_only' })).toBe(1);
    expect(reader.closes).toEqual([]);
    expect(other.sent).toHaveLength(1);
    expect(storage.docs.get('room')).toBeUndefined();
  });

  it('closes the sender of a malformed message with 4400, and only it', async () => {
    const { rooms } = setup();
    const bad = peer('bad');
    const good = peer('good');
    rooms.join('room', bad).receive(new Uint8Array([0, 2, 200, 1]));
    const goodConn = rooms.join('room', good);
    goodConn.receive(encodeUpdate(updateOf((d) => d.getMap('m').set('a', 1))));
    await until(() => bad.closes.length === 1 && good.sent.length === 1);
    expect(bad.closes[0]!.code).toBe(CloseCode.MALFORMED);
    expect(good.closes).toEqual([]);
  });

  it('refuses updates once the document reaches MAX_DOCUMENT_BYTES (4413)', async () => {
    const { storage, rooms, metrics } = setup({ maxDocumentBytes: 2000 });
    const p = peer('p');
    const conn = rooms.join('room', p);
    conn.receive(encodeUpdate(updateOf((d) => d.getText('t').insert(0, 'x'.repeat(1500)))));
    conn.receive(encodeUpdate(updateOf((d) => d.getText('u').insert(0, 'y'.repeat(1000)))));
    await until(() => p.closes.length === 1);
    expect(p.closes[0]!.code).toBe(CloseCode.DOCUMENT_TOO_LARGE);
    expect(await counted(metrics.messagesRefused, { reason: 'too_large_document' })).toBe(1);
    const stored = storage.stored('room');
    expect(stored.getText('t').length).toBe(1500);
    expect(stored.getText('u').length).toBe(0);
  });

  it('closes every peer with 1011 when a write fails, and reloads from storage afterwards', async () => {
    const { storage, rooms, metrics } = setup();
    storage.docs.set('room', [updateOf((d) => d.getMap('nodes').set('kept', 1))]);
    const a = peer('a');
    const b = peer('b');
    const connA = rooms.join('room', a);
    rooms.join('room', b);
    await until(() => b.sent.length === 1);
    storage.failAppends = true;
    connA.receive(encodeUpdate(updateOf((d) => d.getMap('nodes').set('lost', 1))));
    await until(() => a.closes.length === 1 && b.closes.length === 1);
    expect(a.closes[0]!.code).toBe(CloseCode.INTERNAL_ERROR);
    expect(b.sent).toHaveLength(1); // never received the unstored edit
    expect(rooms.loaded).toBe(0);
    expect(await counted(metrics.storageErrors, { operation: 'append' })).toBe(1);
    storage.failAppends = false;
    const c = peer('c');
    rooms.join('room', c).receive(emptyStep1);
    await until(() => c.sent.length === 2);
    expect(received(c).getMap('nodes').toJSON()).toEqual({ kept: 1 });
  });

  it('compacts and frees the document when the last peer leaves', async () => {
    const { storage, rooms } = setup();
    const p = peer('p');
    const conn = rooms.join('room', p);
    for (let i = 0; i < 5; i++) conn.receive(encodeUpdate(updateOf((d) => d.getMap('m').set(`k${i}`, i))));
    await until(() => (storage.docs.get('room')?.length ?? 0) >= 1);
    expect(rooms.loaded).toBe(1);
    conn.leave();
    await until(() => rooms.loaded === 0);
    expect(storage.compactions).toEqual(['room']);
    expect(storage.docs.get('room')).toHaveLength(1);
    expect(storage.stored('room').getMap('m').size).toBe(5);
  });

  it('relays awareness to other peers; an id belongs to the connection that first announced it until that one leaves', async () => {
    const { rooms } = setup();
    const { Awareness, encodeAwarenessUpdate, applyAwarenessUpdate } = await import('y-protocols/awareness');
    const { encodeAwareness } = await import('../protocol');
    const a = peer('a');
    const b = peer('b', false);
    const connA = rooms.join('room', a);
    rooms.join('room', b);
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalState({ name: 'Ada' });
    connA.receive(encodeAwareness(encodeAwarenessUpdate(awareness, [doc.clientID])));
    const view = new Awareness(new Y.Doc());
    const apply = () => {
      for (const m of b.sent.map(decode)) if (m.kind === 'awareness') applyAwarenessUpdate(view, m.payload, null);
    };
    await until(() => (apply(), view.getStates().get(doc.clientID)?.name === 'Ada'));
    // The same client reconnects on a new connection before the old one is dropped: the id is still
    // the old connection's (presence cannot be taken over), so the new one shows once the old one is gone.
    const a2 = peer('a2');
    const connA2 = rooms.join('room', a2);
    awareness.setLocalState({ name: 'Ada again' });
    connA2.receive(encodeAwareness(encodeAwarenessUpdate(awareness, [doc.clientID])));
    await tick();
    apply();
    expect(view.getStates().get(doc.clientID)?.name).toBe('Ada');
    connA.leave();
    await until(() => (apply(), !view.getStates().has(doc.clientID)));
    awareness.setLocalState({ name: 'Ada again' });
    connA2.receive(encodeAwareness(encodeAwarenessUpdate(awareness, [doc.clientID])));
    await until(() => (apply(), view.getStates().get(doc.clientID)?.name === 'Ada again'));
    connA2.leave();
    await until(() => (apply(), !view.getStates().has(doc.clientID)));
    awareness.destroy();
    view.destroy();
  });
});
