import * as decoding from 'lib0/decoding';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { LocalFanout } from '../fanout/local';
import { RedisFanout } from '../fanout/redis';
import type { ClusterFanout, ClusterListener } from '../fanout/types';
import { RateLimitedLog } from '../limits';
import { Metrics } from '../metrics';
import { encodeAwareness, encodeSyncStep1, encodeUpdate } from '../protocol';
import { Rooms, type Peer } from '../rooms';
import { PostgresStorage } from '../storage/postgres';
import { DATABASE_URL, REDIS_URL, dropSchema, scaleOutAvailable, uniqueSchema } from './scaleoutEnv';
import { counted, waitFor } from './harness';

/**
 * Two or three "processes" in this test process, each with its own rooms, PostgreSQL pool and
 * Redis connections, sharing one schema. The fan-out of the receiving one can lose or hold back
 * chosen messages, to check how a room finds and fetches what it missed.
 */

/** Passes messages on, except the updates whose numbers are in `drop` (lost) or `hold` (delivered on release). */
class LossyFanout implements ClusterFanout {
  readonly drop = new Set<number>();
  readonly hold = new Set<number>();
  private readonly held: Array<() => void> = [];
  private readonly wrapped = new Map<ClusterListener, ClusterListener>();

  constructor(private readonly inner: ClusterFanout) {}

  subscribe(room: string, listener: ClusterListener): void {
    const wrapped: ClusterListener = {
      ...listener,
      update: (seq, update) => {
        if (this.drop.has(seq)) return;
        if (this.hold.has(seq)) this.held.push(() => listener.update(seq, update));
        else listener.update(seq, update);
      },
    };
    this.wrapped.set(listener, wrapped);
    this.inner.subscribe(room, wrapped);
  }

  unsubscribe(room: string, listener: ClusterListener): void {
    this.inner.unsubscribe(room, this.wrapped.get(listener)!);
  }

  release(): void {
    for (const deliver of this.held.splice(0)) deliver();
  }

  publishUpdate(room: string, seq: number, update: Uint8Array): void {
    this.inner.publishUpdate(room, seq, update);
  }

  publishAwareness(room: string, update: Uint8Array): void {
    this.inner.publishAwareness(room, update);
  }

  publishLinksRevoked(room: string, generation: number): void {
    this.inner.publishLinksRevoked(room, generation);
  }

  status() {
    return this.inner.status();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

interface TestPeer extends Peer {
  sent: Uint8Array[];
}

function peer(id: string): TestPeer {
  const sent: Uint8Array[] = [];
  return { id, canWrite: true, linkGeneration: 0, sent, send: (m) => sent.push(m), close: () => undefined };
}

/** The document updates (sync step 2 and update messages) a peer received. */
function updatesSentTo(p: TestPeer): Uint8Array[] {
  const updates: Uint8Array[] = [];
  for (const message of p.sent) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 0) continue;
    if (decoding.readVarUint(decoder) === 0) continue;
    updates.push(decoding.readVarUint8Array(decoder));
  }
  return updates;
}

function docOf(p: TestPeer): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updatesSentTo(p)) Y.applyUpdate(doc, update);
  return doc;
}

/** The awareness client ids whose states a peer received. */
function awarenessSeenBy(p: TestPeer): Set<number> {
  const seen = new Set<number>();
  for (const message of p.sent) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 1) continue;
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const count = decoding.readVarUint(update);
    for (let i = 0; i < count; i++) {
      const client = decoding.readVarUint(update);
      decoding.readVarUint(update);
      if (JSON.parse(decoding.readVarString(update)) !== null) seen.add(client);
    }
  }
  return seen;
}

/** A value from the metrics text (`name{labels}` as written there). */
async function metricValue(metrics: Metrics, name: string): Promise<number> {
  const line = (await metrics.render()).split('\n').find((l) => l.startsWith(name + ' '));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

describe.skipIf(!scaleOutAvailable)('rooms in scale-out mode (in-process, real PostgreSQL and Redis)', () => {
  const schema = uniqueSchema();
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await dropSchema(schema);
  });

  async function node(options: { lossy?: boolean; catchUpIntervalMs?: number } = {}) {
    const log = pino({ level: 'silent' });
    const metrics = new Metrics();
    const rlog = new RateLimitedLog(log, 10, undefined, null);
    const storage = await PostgresStorage.open(DATABASE_URL, { schema, poolSize: 3 });
    const redis = await RedisFanout.open(REDIS_URL, { channelPrefix: `mldb:${schema}:`, metrics, rlog });
    const fanout = options.lossy ? new LossyFanout(redis) : redis;
    const rooms = new Rooms({
      storage,
      fanout: new LocalFanout(),
      metrics,
      log,
      rlog,
      maxDocumentBytes: 1024 * 1024,
      compactEveryUpdates: 1000,
      cluster: { storage, fanout, catchUpIntervalMs: options.catchUpIntervalMs ?? 60_000 },
    });
    closers.push(async () => {
      await rooms.close(1001, 'test over');
      await fanout.close();
      await storage.close();
    });
    const catchUps = (reason: string) => metricValue(metrics, `mldb_fanout_catchups_total{reason="${reason}"}`);
    return { storage, rooms, metrics, fanout, catchUps };
  }

  it('applies updates in order, fetches a lost one at the next message or the next check, and never applies or stores one twice', async () => {
    const room = `gaps-${schema}`;
    const a = await node();
    // B only learns of a gap from the next message; C compares with storage every 150 ms.
    const b = await node({ lossy: true });
    const c = await node({ lossy: true, catchUpIntervalMs: 150 });
    const pa = peer('a1');
    const pb = peer('b1');
    const pc = peer('c1');
    const connA = a.rooms.join(room, pa);
    b.rooms.join(room, pb);
    c.rooms.join(room, pc);
    await waitFor(async () => (await b.catchUps('resync')) >= 1 && (await c.catchUps('resync')) >= 1, 'B and C to load and subscribe');
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => connA.receive(encodeUpdate(update)));
    /** One edit on A, stored as its own update (the next number) before the next edit. */
    const edit = async (key: string) => {
      const stored = await counted(a.metrics.updatesStored);
      doc.getMap('nodes').set(key, key);
      await waitFor(async () => (await counted(a.metrics.updatesStored)) === stored + 1, `A to store ${key}`);
    };
    const has = (p: TestPeer, key: string) => docOf(p).getMap('nodes').has(key);

    await edit('k1');
    await waitFor(() => has(pb, 'k1') && has(pc, 'k1'), 'k1 to reach B and C');
    (b.fanout as LossyFanout).drop.add(2);
    await edit('k2');
    await edit('k3');
    await waitFor(() => has(pb, 'k3') && has(pb, 'k2'), 'B to fetch the lost k2 when k3 reveals the gap');
    expect(await b.catchUps('gap')).toBe(1);

    // The last message is lost and none follows: C's periodic check finds it.
    (c.fanout as LossyFanout).drop.add(4);
    await edit('k4');
    await waitFor(() => has(pc, 'k4'), 'the check to fetch k4');
    expect(await c.catchUps('check')).toBeGreaterThanOrEqual(1);
    expect(await c.catchUps('gap')).toBe(0);

    // k5's message comes late, after k6's revealed the gap and a catch-up fetched both: skipped.
    (b.fanout as LossyFanout).hold.add(5);
    await edit('k5');
    await edit('k6');
    await waitFor(() => has(pb, 'k5') && has(pb, 'k6'), 'B to fetch k5 and k6');
    (b.fanout as LossyFanout).release();
    await edit('k7');
    await waitFor(() => has(pb, 'k7') && has(pc, 'k7'), 'k7 to reach B and C');

    // Each edit reached each peer once (7 edits are 7 items: no item was sent twice), and only A stored anything.
    const itemsSentTo = (p: TestPeer) => updatesSentTo(p).reduce((n, update) => n + Y.decodeUpdate(update).structs.reduce((m, struct) => m + struct.length, 0), 0);
    expect([itemsSentTo(pb), itemsSentTo(pc)]).toEqual([7, 7]);
    expect(docOf(pb).getMap('nodes').toJSON()).toEqual(doc.getMap('nodes').toJSON());
    expect(docOf(pc).getMap('nodes').toJSON()).toEqual(doc.getMap('nodes').toJSON());
    expect(await a.storage.updateCount(room)).toBe(7);
    expect([await counted(b.metrics.updatesStored), await counted(c.metrics.updatesStored)]).toEqual([0, 0]);
  });

  it('a process compacts the updates others stored when its last client leaves; numbering goes on after the snapshot', async () => {
    const room = `compact-${schema}`;
    const a = await node();
    const b = await node();
    const connA = a.rooms.join(room, peer('a1'));
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => connA.receive(encodeUpdate(update)));
    for (let i = 0; i < 5; i++) {
      doc.getMap('nodes').set(`k${i}`, i);
      await waitFor(async () => (await counted(a.metrics.updatesStored)) === i + 1, `A to store k${i}`);
    }
    const pb = peer('b1');
    const connB = b.rooms.join(room, pb);
    connB.receive(encodeSyncStep1(new Y.Doc()));
    await waitFor(() => docOf(pb).getMap('nodes').size === 5, 'B to load the board');
    connB.leave();
    await waitFor(async () => (await a.storage.updateCount(room)) === 1, 'B to compact the five updates when its client leaves');
    expect([await counted(a.metrics.compactions), await counted(b.metrics.compactions)]).toEqual([0, 1]);

    doc.getMap('nodes').set('after', true);
    await waitFor(async () => (await counted(a.metrics.updatesStored)) === 6, 'A to store one more');
    expect((await a.storage.updatesAfter(room, 0)).map((u) => u.seq)).toEqual([5, 6]);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await b.storage.loadDocument(room))!);
    expect(stored.getMap('nodes').toJSON()).toEqual(doc.getMap('nodes').toJSON());
  });

  it('relays presence between processes; a process that joins later asks the others for theirs', async () => {
    const room = `presence-${schema}`;
    const a = await node();
    const b = await node();
    const pa = peer('a1');
    const pb = peer('b1');
    const connA = a.rooms.join(room, pa);
    b.rooms.join(room, pb);
    await waitFor(async () => (await b.catchUps('resync')) >= 1 && (await a.catchUps('resync')) >= 1, 'both to subscribe');
    const presence = new awarenessProtocol.Awareness(new Y.Doc());
    presence.setLocalState({ user: { name: 'Ada' } });
    connA.receive(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(presence, [presence.clientID])));
    await waitFor(() => awarenessSeenBy(pb).has(presence.clientID), "B's peer to see Ada");

    // A third process holds no state yet: subscribing asks A, which answers with its connections' states.
    const c = await node();
    const pc = peer('c1');
    c.rooms.join(room, pc);
    await waitFor(() => awarenessSeenBy(pc).has(presence.clientID), "C's peer to see Ada without her announcing again");
    presence.destroy();
  });
});
