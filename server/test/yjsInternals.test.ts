import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate } from '../updateLimits';
import { IntegratedUpdates, dropPending, firstGap, mergeUpdates, typesAbove } from '../yjsInternals';

/** Two updates of one client: the second builds on the first. */
function twoUpdates(): { first: Uint8Array; second: Uint8Array; both: Y.Doc } {
  const both = new Y.Doc();
  const updates: Uint8Array[] = [];
  both.on('update', (update: Uint8Array) => updates.push(update));
  both.getMap('m').set('a', 1);
  both.getMap('m').set('b', 2);
  return { first: updates[0]!, second: updates[1]!, both };
}

describe('the Yjs internals the server relies on', () => {
  it('firstGap: null for an update that builds on the document, the client and clock where one starts past it', () => {
    const { first, second, both } = twoUpdates();
    const doc = new Y.Doc();
    const starts = (update: Uint8Array) => Y.parseUpdateMeta(update).from;
    expect(firstGap(doc, starts(first))).toBeNull();
    expect(firstGap(doc, starts(second))).toEqual({ client: both.clientID, clock: 1 });
    Y.applyUpdate(doc, first);
    expect(firstGap(doc, starts(second))).toBeNull();
  });

  it("the writers and start clocks the update check reads are Yjs's parseUpdateMeta(update).from", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const updates: Uint8Array[] = [];
    a.on('update', (update: Uint8Array) => updates.push(update));
    a.getMap('m').set('x', 1);
    a.getText('t').insert(0, 'hello');
    a.getMap('m').set('x', 2);
    a.getText('t').delete(1, 3);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    b.getArray('list').insert(0, [new Y.Map(), 'item']);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    const samples = [
      ...updates,
      // Several writers, garbage-collected deletions, a delete set alone, a skip between two parts of one writer, nothing.
      Y.encodeStateAsUpdate(a),
      Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)),
      updates[3]!,
      Y.mergeUpdates([updates[0]!, updates[2]!]),
      Y.mergeUpdates([]),
    ];
    for (const update of samples) expect(checkUpdate(update).starts).toEqual(Y.parseUpdateMeta(update).from);
  });

  it('dropPending: clears what waits for missing data, so a later update does not resurrect it', () => {
    const { first, second } = twoUpdates();
    const doc = new Y.Doc();
    expect(dropPending(doc)).toBe(false);
    Y.applyUpdate(doc, second);
    expect(doc.store.pendingStructs).not.toBeNull();
    expect(dropPending(doc)).toBe(true);
    expect(dropPending(doc)).toBe(false);
    Y.applyUpdate(doc, first);
    expect(doc.getMap('m').toJSON()).toEqual({ a: 1 });
  });

  it('IntegratedUpdates: returns what the document integrated, nothing for what it had, and what the function threw', () => {
    const { first, second } = twoUpdates();
    const doc = new Y.Doc();
    const integrated = new IntegratedUpdates(doc);
    const once = integrated.during(() => Y.applyUpdate(doc, first));
    expect(once.failure).toBeNull();
    expect(once.updates).toHaveLength(1);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, once.updates[0]!);
    expect(copy.getMap('m').toJSON()).toEqual({ a: 1 });
    expect(integrated.during(() => Y.applyUpdate(doc, first)).updates).toEqual([]);
    const thrown = new Error('boom');
    const failed = integrated.during(() => {
      Y.applyUpdate(doc, second);
      throw thrown;
    });
    expect(failed.updates).toHaveLength(1);
    expect(failed.failure).toEqual({ error: thrown });
    doc.getMap('m').set('c', 3);
    expect(failed.updates).toHaveLength(1);
  });

  it('typesAbove: how many shared types hold an item, null for an id the document lacks', () => {
    const doc = new Y.Doc();
    const outer = new Y.Map<unknown>();
    doc.getMap('m').set('outer', outer); // clock 0
    const inner = new Y.Array<unknown>();
    outer.set('inner', inner); // clock 1
    inner.push(['leaf']); // clock 2
    expect([0, 1, 2].map((clock) => typesAbove(doc, doc.clientID, clock))).toEqual([0, 1, 2]);
    expect(typesAbove(doc, doc.clientID, 3)).toBeNull();
    expect(typesAbove(doc, doc.clientID + 1, 0)).toBeNull();
  });

  it('mergeUpdates: one update is returned as it is; several become one holding them all', () => {
    const { first, second } = twoUpdates();
    expect(mergeUpdates([first])).toBe(first);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, mergeUpdates([first, second]));
    expect(doc.getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
  });
});
