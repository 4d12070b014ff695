import { readdirSync } from 'node:fs';
import { Pool, escapeIdentifier } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AppliedSequence } from '../fanout/sequence';
import { PostgresStorage, compactionLockKey } from '../storage/postgres';
import { DATABASE_URL, dropSchema, scaleOutAvailable, uniqueSchema } from './scaleoutEnv';

/** `count` edits of one document, each as its own update. */
function edits(count: number, prefix = 'n'): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) doc.getMap('nodes').set(`${prefix}${i}`, i);
  return { doc, updates };
}

function docOf(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

describe('AppliedSequence', () => {
  it('tracks the contiguous range and what was applied beyond it', () => {
    const applied = new AppliedSequence(2);
    expect([applied.contiguous, applied.next, applied.has(2), applied.has(3)]).toEqual([2, 3, true, false]);
    applied.add(5);
    applied.add(4);
    expect([applied.contiguous, applied.has(4), applied.has(5)]).toEqual([2, true, true]);
    applied.add(3);
    expect(applied.contiguous).toBe(5);
    applied.add(8);
    applied.addThrough(6);
    expect([applied.contiguous, applied.has(7), applied.has(8)]).toEqual([6, false, true]);
    applied.add(7);
    expect(applied.contiguous).toBe(8);
  });
});

describe.skipIf(!scaleOutAvailable)('PostgresStorage', () => {
  const schema = uniqueSchema();
  const opened: PostgresStorage[] = [];
  let admin: Pool;
  const open = async () => {
    const storage = await PostgresStorage.open(DATABASE_URL, { schema, poolSize: 4 });
    opened.push(storage);
    return storage;
  };

  beforeAll(() => {
    admin = new Pool({ connectionString: DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await Promise.all(opened.map((storage) => storage.close()));
    await admin.end();
    await dropSchema(schema);
  });

  it('creates its schema on open, once, when two processes start together', async () => {
    await Promise.all([open(), open()]);
    await open();
    const { rows } = await admin.query(`SELECT version FROM ${escapeIdentifier(schema)}.schema_migrations`);
    // Each migration file applied exactly once.
    const files = readdirSync(new URL('../migrations/', import.meta.url))
      .filter((file) => file.endsWith('.sql'))
      .map((file) => file.replace(/\.sql$/, ''));
    expect(rows.map((row) => row.version).sort()).toEqual(files.sort());
  });

  it('numbers the updates of a document 1, 2, 3... in commit order, also with two writers at once', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const { doc, updates } = edits(60);
    expect(await a.loadDocument('numbered')).toBeNull();
    // Two processes append every other update, all at once.
    const seqs = (await Promise.all(updates.map((update, i) => (i % 2 === 0 ? a : b).appendUpdate('numbered', update)))).map((span) => span.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(updates.map((_, i) => i + 1));
    const all = await b.updatesAfter('numbered', 0);
    expect(all.map((u) => u.seq)).toEqual(updates.map((_, i) => i + 1));
    // Each number holds the update that got it.
    for (let i = 0; i < updates.length; i++) expect(all[seqs[i]! - 1]!.update).toEqual(updates[i]);
    expect((await a.updatesAfter('numbered', 50)).map((u) => u.seq)).toEqual([51, 52, 53, 54, 55, 56, 57, 58, 59, 60]);
    expect(
      docOf([(await a.loadDocument('numbered'))!])
        .getMap('nodes')
        .toJSON(),
    ).toEqual(doc.getMap('nodes').toJSON());
    expect(await a.updateCount('numbered')).toBe(60);
    expect(await a.storedSize('numbered')).toBe(updates.reduce((n, u) => n + u.length, 0));
    expect(await a.lastSeqs(['numbered', 'nothing'])).toEqual(
      new Map([
        ['numbered', 60],
        ['nothing', 0],
      ]),
    );
    // Another document has its own sequence.
    expect((await a.appendUpdate('numbered.interviewer', updates[0]!)).seq).toBe(1);
  });

  it("stores each update's history rows with it, one per author, under the update's number, times never going back", async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const { updates } = edits(20);
    await Promise.all(updates.map((update, i) => (i % 2 === 0 ? a : b).appendUpdate('history', update, [{ at: 5_000 - i, clientId: 1 + (i % 2), name: i % 2 ? 'Bo' : null, update }])));
    const second = edits(2).updates;
    const span = await a.appendUpdate(
      'history',
      Y.mergeUpdates(second),
      second.map((update, i) => ({ at: 1, clientId: 10 + i, name: `P${i}`, update })),
    );
    await a.compact('history', Y.encodeStateAsUpdate(edits(20).doc));
    const entries = await b.history.entries('history', 0);
    const { seq } = span;
    expect(entries.map((e) => e.seq)).toEqual([...updates.map((_, i) => i + 1), seq, seq]);
    // The append resolves with its number and its rows' stored time (never earlier than the board's last).
    expect(span).toEqual({ previous: seq - 1, seq, at: entries.at(-1)!.at });
    expect(entries.slice(-2).map((e) => [e.clientId, e.name])).toEqual([
      [10, 'P0'],
      [11, 'P1'],
    ]);
    const times = entries.map((e) => e.at);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(times.at(-1)).toBeGreaterThanOrEqual(4_981);
  });

  it('compacts under the board lock: while another transaction holds it, a compactor gives up and changes nothing', async () => {
    const storage = await open();
    const { doc, updates } = edits(10);
    for (const update of updates) await storage.appendUpdate('locked', update);
    const state = Y.encodeStateAsUpdate(doc);

    const holder = await admin.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [compactionLockKey(schema, 'locked')]);
      expect(await storage.compactThrough('locked', state, 10)).toBe(false);
      expect(await storage.updateCount('locked')).toBe(10);
      await holder.query('COMMIT');
    } finally {
      holder.release();
    }
    expect(await storage.compactThrough('locked', state, 10)).toBe(true);
    expect(await storage.updateCount('locked')).toBe(1);

    // Catching up across the compaction: the snapshot first, numbered with the last update it holds.
    const { updates: later } = edits(2, 'later');
    expect((await storage.appendUpdate('locked', later[0]!)).seq).toBe(11);
    const caughtUp = await storage.updatesAfter('locked', 4);
    expect(caughtUp.map((u) => u.seq)).toEqual([10, 11]);
    expect(caughtUp[0]!.update).toEqual(state);
    expect((await storage.updatesAfter('locked', 10)).map((u) => u.seq)).toEqual([11]);

    // A late compaction through an older number never replaces the newer snapshot.
    const older = Y.encodeStateAsUpdate(docOf(updates.slice(0, 5)));
    expect(await storage.compactThrough('locked', older, 5)).toBe(true);
    expect((await storage.updatesAfter('locked', 0)).map((u) => u.seq)).toEqual([10, 11]);
    // compact() without a number holds everything stored.
    await storage.compact('locked', Y.encodeStateAsUpdate(docOf([state, later[0]!])));
    expect((await storage.updatesAfter('locked', 0)).map((u) => u.seq)).toEqual([11]);
    const loaded = docOf([(await storage.loadDocument('locked'))!]).getMap('nodes');
    expect(loaded.get('later0')).toBe(0);
    expect(loaded.get('n9')).toBe(9);
  });

  it('loses nothing with two processes compacting the same board while both append', async () => {
    const nodes = await Promise.all([open(), open()]);
    const { doc, updates } = edits(120);
    // Each process keeps a copy that catches up from storage, and compacts through what it holds.
    const copies = nodes.map(() => ({ doc: new Y.Doc(), applied: 0 }));
    let compacted = 0;
    let gaveUp = 0;
    const compactor = async (i: number) => {
      const storage = nodes[i]!;
      const copy = copies[i]!;
      for (let round = 0; round < 12; round++) {
        for (const { seq, update } of await storage.updatesAfter('contended', copy.applied)) {
          Y.applyUpdate(copy.doc, update);
          copy.applied = seq;
        }
        if (await storage.compactThrough('contended', Y.encodeStateAsUpdate(copy.doc), copy.applied)) compacted++;
        else gaveUp++;
      }
    };
    const writer = async (i: number) => {
      for (let j = i; j < updates.length; j += 2) await nodes[i]!.appendUpdate('contended', updates[j]!);
    };
    await Promise.all([writer(0), writer(1), compactor(0), compactor(1)]);
    console.log(`two compactors: ${compacted} compactions, ${gaveUp} gave up (lock held by the other)`);
    expect(compacted + gaveUp).toBe(24);
    const stored = docOf([(await nodes[0]!.loadDocument('contended'))!]);
    expect(stored.getMap('nodes').toJSON()).toEqual(doc.getMap('nodes').toJSON());
    expect((await nodes[1]!.lastSeqs(['contended'])).get('contended')).toBe(120);
  });

  it('reports a database it cannot reach, with the address but not the password', async () => {
    const url = new URL(DATABASE_URL);
    url.port = '1';
    url.password = 'secret-password';
    const error = await PostgresStorage.open(url.toString(), { schema }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^Cannot prepare the PostgreSQL database postgres:\/\/.*:1\//);
    expect((error as Error).message).not.toContain('secret-password');
  });
});
