import { afterEach, describe, expect, it } from 'vitest';
import { LeveldbPersistence, getLevelUpdates } from 'y-leveldb';
import * as Y from 'yjs';
import { LeveldbStorage } from '../storage/leveldb';
import type { StoredSpan } from '../history/types';
import type { BadStoredUpdate } from '../storage/recovery';
import { removeDir, tempDir } from './harness';
import { deepValueUpdate } from './poison';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});
const newDir = () => {
  const dir = tempDir('mldb-storage-');
  dirs.push(dir);
  return dir;
};

/** A document with the first `count` of `updates`. */
function editsThrough(updates: Uint8Array[], count: number): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates.slice(0, count)) Y.applyUpdate(doc, update);
  return doc;
}

const nodesOf = (state: Uint8Array | null) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state!);
  return doc.getMap('nodes').toJSON();
};

function edits(count: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) doc.getMap('nodes').set(`n${i % 10}`, i);
  return { doc, updates };
}

describe('LeveldbStorage', () => {
  it('appends, loads the merged state, and compacts to one update', async () => {
    const dir = newDir();
    const storage = await LeveldbStorage.open(dir);
    expect(await storage.loadDocument('a')).toBeNull();
    const { doc, updates } = edits(100);
    for (const update of updates) await storage.appendUpdate('a', update);
    expect(await storage.updateCount('a')).toBe(100);
    const bytesBefore = await storage.storedSize('a');
    await storage.compact('a', Y.encodeStateAsUpdate(doc));
    expect(await storage.updateCount('a')).toBe(1);
    expect(await storage.storedSize('a')).toBeLessThan(bytesBefore);
    await storage.appendUpdate('a', updates[0]!);
    expect(await storage.updateCount('a')).toBe(2);
    await storage.close();

    const reopened = await LeveldbStorage.open(dir);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, (await reopened.loadDocument('a'))!);
    expect(loaded.getMap('nodes').toJSON()).toEqual(doc.getMap('nodes').toJSON());
    // Loading several updates compacts them.
    expect(await reopened.updateCount('a')).toBe(1);
    expect(await reopened.loadDocument('b')).toBeNull();
    await reopened.close();
    expect(reopened.status()).toMatchObject({ ok: false, error: 'closed' });
  });

  it('commits appends that arrive together in groups, each document in order', async () => {
    const dir = newDir();
    const storage = await LeveldbStorage.open(dir);
    // Count LevelDB transactions: y-leveldb runs them one at a time, so grouping is what saves time.
    const ldb = (storage as unknown as { ldb: { _transact: (f: unknown) => Promise<unknown> } }).ldb;
    const transact = ldb._transact;
    let transactions = 0;
    ldb._transact = (f) => (transactions++, transact(f));
    const docs = Array.from({ length: 20 }, (_, i) => ({ name: `board-${i}`, ...edits(10) }));
    // Interleaved, all in one tick: 200 appends across 20 documents.
    const appends: Array<Promise<StoredSpan>> = [];
    for (let round = 0; round < 10; round++) for (const doc of docs) appends.push(storage.appendUpdate(doc.name, doc.updates[round]!));
    await Promise.all(appends);
    expect(transactions).toBeLessThanOrEqual(2);
    for (const doc of docs) expect(await storage.updateCount(doc.name)).toBe(10);
    await storage.close();

    // Each document loads with every update, in order.
    const reopened = await LeveldbStorage.open(dir);
    for (const doc of docs) {
      const loaded = new Y.Doc();
      Y.applyUpdate(loaded, (await reopened.loadDocument(doc.name))!);
      expect(loaded.getMap('nodes').toJSON()).toEqual(doc.doc.getMap('nodes').toJSON());
    }
    await reopened.close();
  });

  it("writes the appends of one turn of the event loop in one batch, those made after the turn's first write was asked for too", async () => {
    const storage = await LeveldbStorage.open(newDir());
    const ldb = (storage as unknown as { ldb: { _transact: (f: unknown) => Promise<unknown> } }).ldb;
    const transact = ldb._transact;
    let transactions = 0;
    ldb._transact = (f) => (transactions++, transact(f));
    const docs = Array.from({ length: 4 }, (_, i) => ({ name: `board-${i}`, ...edits(2) }));
    // As a room's pump does: its append comes a few promise steps after the message that made it.
    const appends = docs.map(async (doc, i) => {
      for (let step = 0; step < i * 3; step++) await Promise.resolve();
      await storage.appendUpdate(doc.name, doc.updates[0]!);
    });
    await Promise.all(appends);
    expect(transactions).toBe(1);
    for (const doc of docs) expect(await storage.updateCount(doc.name)).toBe(1);
    await storage.close();
  });

  it('runs what is asked for after an append after it, though the append waits for the end of the turn', async () => {
    const storage = await LeveldbStorage.open(newDir());
    const { doc, updates } = edits(3);
    const stored = updates.map((update) => storage.appendUpdate('board', update));
    const loaded = storage.loadDocument('board');
    expect(nodesOf(await loaded)).toEqual(doc.getMap('nodes').toJSON());
    await Promise.all(stored);
    await storage.close();
  });

  it("writes each update's history in the same group batch: numbered in order, times never going back, kept through compaction", async () => {
    const dir = newDir();
    let storage = await LeveldbStorage.open(dir);
    const ldb = (storage as unknown as { ldb: { _transact: (f: unknown) => Promise<unknown> } }).ldb;
    const transact = ldb._transact;
    let transactions = 0;
    ldb._transact = (f) => (transactions++, transact(f));
    const docs = Array.from({ length: 5 }, (_, i) => ({ name: `board-${i}`, ...edits(10) }));
    const appends: Array<Promise<StoredSpan>> = [];
    // Times given out of order (two processes' clocks, a clock stepped back): stored never decreasing.
    for (let round = 0; round < 10; round++)
      for (const doc of docs) appends.push(storage.appendUpdate(doc.name, doc.updates[round]!, [{ at: 1_000 + (round % 3) * 10, clientId: 7, name: 'Ada', update: doc.updates[round]! }]));
    const spans = await Promise.all(appends);
    expect(transactions).toBeLessThanOrEqual(2);
    for (const [i, doc] of docs.entries()) {
      const entries = await storage.history.entries(doc.name, 0);
      // Each append resolves with the number and the stored time its entry took.
      expect(spans.filter((_, j) => j % docs.length === i)).toEqual(entries.map((e) => ({ previous: e.seq - 1, seq: e.seq, at: e.at })));
      expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(entries.map((e) => e.at)).toEqual([1_000, 1_010, 1_020, 1_020, 1_020, 1_020, 1_020, 1_020, 1_020, 1_020]);
      expect(entries.map((e) => [...e.update])).toEqual(doc.updates.map((u) => [...u]));
      expect(entries[0]).toMatchObject({ clientId: 7, name: 'Ada' });
      await storage.compact(doc.name, Y.encodeStateAsUpdate(doc.doc));
    }
    await storage.close();
    storage = await LeveldbStorage.open(dir);
    // Without authors, the server is the author; the numbering continues after a restart.
    await storage.appendUpdate('board-0', docs[0]!.updates[0]!);
    const entries = await storage.history.entries('board-0', 9);
    expect(entries).toMatchObject([{ seq: 10 }, { seq: 11, clientId: 0, name: null }]);
    expect(entries[1]!.at).toBeGreaterThan(1_020);
    await storage.close();
  });

  it('reads back each history entry as written: any time, client id, name and update', async () => {
    const storage = await LeveldbStorage.open(newDir());
    const update = Y.encodeStateAsUpdate(edits(300).doc);
    const records = [
      { at: 1_765_000_000_123, clientId: 0xffffffff, name: 'Zoë 🦊', update },
      { at: 1_765_000_000_124, clientId: 0, name: null, update: update.subarray(0, 0) },
      { at: 1_765_000_000_125, clientId: 128, name: 'x'.repeat(200), update },
    ];
    await storage.appendUpdate('board', update, records);
    expect(await storage.history.entries('board', 0)).toEqual(records.map((record, i) => ({ ...record, seq: i + 1 })));
    await storage.close();
  });

  it('fails waiting appends with a message when the storage is closed', async () => {
    const storage = await LeveldbStorage.open(newDir());
    await storage.close();
    await expect(storage.appendUpdate('a', edits(1).updates[0]!)).rejects.toThrow(/closed/);
    await expect(storage.appendUpdate('a', edits(1).updates[0]!)).rejects.toThrow(/closed/);
  });

  it('keeps documents apart', async () => {
    const storage = await LeveldbStorage.open(newDir());
    await storage.appendUpdate('a', edits(3).updates[0]!);
    await storage.appendUpdate('a.interviewer', edits(5).updates[0]!);
    expect(await storage.updateCount('a')).toBe(1);
    expect(await storage.updateCount('a.interviewer')).toBe(1);
    await storage.compact('a', Y.encodeStateAsUpdate(new Y.Doc()));
    expect(await storage.updateCount('a.interviewer')).toBe(1);
    await storage.close();
  });

  it('writes compacted states y-leveldb itself can read, with the number of the newest entry they hold', async () => {
    const dir = newDir();
    let storage = await LeveldbStorage.open(dir);
    const { doc, updates } = edits(25);
    for (const update of updates.slice(0, 15)) await storage.appendUpdate('doc', update);
    await storage.compact('doc', Y.encodeStateAsUpdate(editsThrough(updates, 15)));
    await storage.close();
    let ldb = new LeveldbPersistence(dir);
    expect((await ldb.getYDoc('doc')).getMap('nodes').toJSON()).toEqual(editsThrough(updates, 15).getMap('nodes').toJSON());
    expect(await ldb.getAllDocNames()).toEqual(['doc']);
    expect(await ldb.getMeta('doc', 'historySeq')).toBe(15);
    await ldb.destroy();

    // Appended after the compaction: history entries alone, which the next load compacts.
    storage = await LeveldbStorage.open(dir);
    for (const update of updates.slice(15)) await storage.appendUpdate('doc', update);
    await storage.close();
    storage = await LeveldbStorage.open(dir);
    await storage.loadDocument('doc');
    await storage.close();
    ldb = new LeveldbPersistence(dir);
    expect((await ldb.getYDoc('doc')).getMap('nodes').toJSON()).toEqual(doc.getMap('nodes').toJSON());
    expect(await ldb.getMeta('doc', 'historySeq')).toBe(25);
    await ldb.destroy();
  });

  it('stores each update once, as its history entry: the document is its compacted state and the entries after it', async () => {
    const dir = newDir();
    let storage = await LeveldbStorage.open(dir);
    const { doc, updates } = edits(30);
    for (const update of updates.slice(0, 10)) await storage.appendUpdate('doc', update);
    await storage.compact('doc', Y.encodeStateAsUpdate(editsThrough(updates, 10)));
    for (const update of updates.slice(10)) await storage.appendUpdate('doc', update);
    expect(await storage.updateCount('doc')).toBe(21);
    await storage.close();

    // One compacted state in y-leveldb's update keys; the 20 updates after it only in the history.
    const ldb = new LeveldbPersistence(dir);
    expect(await ldb._transact((db) => getLevelUpdates(db, 'doc'))).toHaveLength(1);
    expect((await ldb.getYDoc('doc')).getMap('nodes').toJSON()).toEqual(editsThrough(updates, 10).getMap('nodes').toJSON());
    await ldb.destroy();

    storage = await LeveldbStorage.open(dir);
    expect(await storage.updateCount('doc')).toBe(21);
    expect(nodesOf(await storage.loadDocument('doc'))).toEqual(doc.getMap('nodes').toJSON());
    expect(await storage.updateCount('doc')).toBe(1);
    expect((await storage.history.entries('doc', 0)).map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await storage.close();
  });

  it('loads a database written before the compacted state kept its number (every update in its update keys and a copy in its history), and the updates stored after', async () => {
    const dir = newDir();
    const { doc, updates } = edits(20);
    let storage = await LeveldbStorage.open(dir);
    for (const update of updates.slice(0, 10)) await storage.appendUpdate('doc', update);
    await storage.close();
    // As that server left it: the same updates under y-leveldb's keys, no number.
    const ldb = new LeveldbPersistence(dir);
    for (const update of updates.slice(0, 10)) await ldb.storeUpdate('doc', update);
    await ldb.delMeta('doc', 'historySeq');
    await ldb.destroy();

    storage = await LeveldbStorage.open(dir);
    expect(await storage.updateCount('doc')).toBe(10);
    for (const update of updates.slice(10)) await storage.appendUpdate('doc', update);
    await storage.close();
    storage = await LeveldbStorage.open(dir);
    expect(nodesOf(await storage.loadDocument('doc'))).toEqual(doc.getMap('nodes').toJSON());
    await storage.close();
  });

  it("folds the history only through the entries the document's compacted state holds: a fold past them compacts the document first", async () => {
    const dir = newDir();
    let storage = await LeveldbStorage.open(dir);
    const { doc, updates } = edits(20);
    for (const update of updates) await storage.appendUpdate('doc', update);
    const at = (await storage.history.entries('doc', 14, 15))[0]!.at;
    await storage.history.fold('doc', { seq: 15, at, state: Y.encodeStateAsUpdate(editsThrough(updates, 15)), authors: [] });
    expect((await storage.history.entries('doc', 0)).map((e) => e.seq)).toEqual([16, 17, 18, 19, 20]);
    await storage.close();
    storage = await LeveldbStorage.open(dir);
    expect(nodesOf(await storage.loadDocument('doc'))).toEqual(doc.getMap('nodes').toJSON());
    await storage.close();
  });

  it('moves aside a history entry after the compacted state that cannot be read; the rest of the board loads', async () => {
    const dir = newDir();
    const bad: BadStoredUpdate[] = [];
    let storage = await LeveldbStorage.open(dir, { onBadUpdate: (event) => bad.push(event) });
    const { doc, updates } = edits(6);
    await storage.appendUpdate('doc', updates[0]!);
    await storage.compact('doc', Y.encodeStateAsUpdate(editsThrough(updates, 1)));
    const poison = deepValueUpdate(6000, { key: 'poison' });
    for (const update of [updates[1]!, poison, ...updates.slice(2)]) await storage.appendUpdate('doc', update);
    await storage.close();

    storage = await LeveldbStorage.open(dir, { onBadUpdate: (event) => bad.push(event) });
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, (await storage.loadDocument('doc'))!);
    expect(loaded.getMap('nodes').toJSON()).toEqual(doc.getMap('nodes').toJSON());
    expect(bad).toMatchObject([{ name: 'doc', position: 3, snapshot: false, outcome: 'salvaged' }]);
    expect(await storage.movedAside('doc')).toEqual([poison]);
    // Compacted past it: the next load finds nothing to move aside.
    await storage.close();
    storage = await LeveldbStorage.open(dir, { onBadUpdate: (event) => bad.push(event) });
    expect(nodesOf(await storage.loadDocument('doc'))).toEqual(doc.getMap('nodes').toJSON());
    expect(bad).toHaveLength(1);
    await storage.close();
  });

  it('refuses to open a directory another process holds', async () => {
    const dir = newDir();
    const first = await LeveldbStorage.open(dir);
    await expect(LeveldbStorage.open(dir)).rejects.toThrow(/another server/);
    await first.close();
  });
});
