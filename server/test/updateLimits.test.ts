import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AWARENESS_LIMITS, LimitError, STORED_LIMITS, UPDATE_LIMITS, checkAwarenessUpdate, checkUpdate, salvageUpdate } from '../updateLimits';
import { typesAbove } from '../yjsInternals';
import { deepValueUpdate, nestedMapsUpdate } from './poison';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { v: value };
  return value;
}

function limitKind(f: () => void): string | null {
  try {
    f();
    return null;
  } catch (error) {
    if (error instanceof LimitError) return error.kind;
    throw error;
  }
}

/** One update using every kind of item content Yjs writes (maps, arrays, text with formats and embeds, XML, binary, subdocs, deletions). */
function everyContentUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    const map = doc.getMap('nodes');
    map.set('n1', { label: 'a', props: { qps: 1000, online: true, tags: ['x', 'y'], nested: nested(60) } });
    map.set('bin', new Uint8Array([1, 2, 3]));
    map.set('big', 2n ** 60n);
    map.set('float', 1.5);
    map.set('undef', undefined);
    map.set('nil', null);
    const inner = new Y.Map();
    map.set('inner', inner);
    inner.set('k', 'v');
    const list = new Y.Array();
    map.set('list', list);
    list.push([1, 'two', { three: 3 }]);
    const text = doc.getText('notes');
    text.insert(0, 'héllo wörld 😀');
    text.format(0, 5, { bold: true, color: { r: 1 } });
    text.insertEmbed(3, { image: 'x.png', size: [1, 2] });
    const xml = doc.getXmlFragment('xml');
    const element = new Y.XmlElement('p');
    element.setAttribute('class', 'c');
    element.insert(0, [new Y.XmlText('t')]);
    xml.insert(0, [element, new Y.XmlHook('hook') as unknown as Y.XmlElement]);
    map.set('sub', new Y.Doc({ guid: 'sub-guid', meta: { a: [1] } }));
  });
  doc.getMap('nodes').delete('float');
  doc.getText('notes').delete(1, 2);
  return Y.encodeStateAsUpdate(doc);
}

describe('update limits', () => {
  it('reads every kind of content Yjs writes, and salvage leaves a good update as it is', () => {
    const update = everyContentUpdate();
    expect(() => checkUpdate(update)).not.toThrow();
    expect(() => checkUpdate(new Uint8Array([0, 0]))).not.toThrow();
    expect(salvageUpdate(update)).toEqual({ update, problems: [] });
  });

  it('allows 64 levels of nesting and refuses 65, in values and in JSON text', () => {
    expect(limitKind(() => checkUpdate(deepValueUpdate(64)))).toBeNull();
    expect(limitKind(() => checkUpdate(deepValueUpdate(65)))).toBe('depth');
    const doc = new Y.Doc();
    doc.getText('t').insertEmbed(0, { deep: nested(64) });
    expect(limitKind(() => checkUpdate(Y.encodeStateAsUpdate(doc)))).toBe('depth');
  });

  it('refuses an array nested 100,000 deep without overflowing the stack (Yjs itself cannot read it)', () => {
    const poison = deepValueUpdate(100_000);
    expect(() => Y.applyUpdate(new Y.Doc(), poison)).toThrow(RangeError);
    expect(limitKind(() => checkUpdate(poison))).toBe('depth');
    expect(limitKind(() => checkUpdate(poison, STORED_LIMITS))).toBe('depth');
  });

  it('bounds how deep shared types nest: within one update, one level per update, and placed beside other items', () => {
    const against = (doc: Y.Doc) => (client: number, clock: number) => typesAbove(doc, client, clock);
    const empty = new Y.Doc();
    expect(limitKind(() => checkUpdate(nestedMapsUpdate(64), UPDATE_LIMITS, against(empty)))).toBeNull();
    expect(limitKind(() => checkUpdate(nestedMapsUpdate(65), UPDATE_LIMITS, against(empty)))).toBe('depth');
    expect(limitKind(() => checkUpdate(nestedMapsUpdate(10_000), UPDATE_LIMITS, against(empty)))).toBe('depth');
    // Without the document only values are read (as for stored updates).
    expect(limitKind(() => checkUpdate(nestedMapsUpdate(10_000)))).toBeNull();

    // Each level a separate update, checked against the server's copy that applied the ones before.
    const levelByLevel = (nest: (parent: Y.Map<unknown> | Y.Array<unknown>) => Y.Map<unknown> | Y.Array<unknown>, root: (doc: Y.Doc) => Y.Map<unknown> | Y.Array<unknown>) => {
      const author = new Y.Doc();
      const server = new Y.Doc();
      const updates: Uint8Array[] = [];
      author.on('update', (update: Uint8Array) => updates.push(update));
      let parent = root(author);
      for (let level = 1; level <= 70; level++) {
        parent = nest(parent);
        for (const update of updates.splice(0)) {
          if (limitKind(() => checkUpdate(update, UPDATE_LIMITS, against(server))) !== null) return level;
          Y.applyUpdate(server, update);
        }
      }
      return null;
    };
    expect(
      levelByLevel(
        (parent) => ((parent as Y.Map<unknown>).set('c', new Y.Map()), (parent as Y.Map<unknown>).get('c') as Y.Map<unknown>),
        (doc) => doc.getMap('nodes'),
      ),
    ).toBe(65);
    // In arrays each new level goes after an item already there: Yjs places it by its origin, not its parent.
    expect(
      levelByLevel(
        (parent) => {
          const list = parent as Y.Array<unknown>;
          list.push(['x']);
          list.push([new Y.Array()]);
          return list.get(1) as Y.Array<unknown>;
        },
        (doc) => doc.getArray('list'),
      ),
    ).toBe(65);
  });

  it('refuses strings and collections over their limits, and malformed updates', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(UPDATE_LIMITS.maxStringBytes + 1));
    expect(limitKind(() => checkUpdate(Y.encodeStateAsUpdate(doc)))).toBe('string');
    expect(limitKind(() => checkUpdate(Y.encodeStateAsUpdate(doc), STORED_LIMITS))).toBeNull();
    const wide = new Y.Doc();
    wide.getMap('m').set(
      'k',
      Array.from({ length: UPDATE_LIMITS.maxItems + 1 }, () => 0),
    );
    expect(limitKind(() => checkUpdate(Y.encodeStateAsUpdate(wide)))).toBe('items');
    const good = everyContentUpdate();
    expect(limitKind(() => checkUpdate(good.subarray(0, good.length - 7)))).toBe('malformed');
    expect(limitKind(() => checkUpdate(new Uint8Array([1, 1, 5, 0, 0b0010_1111])))).toBe('malformed');
  });

  it('salvage turns only the offending item into a deletion: every other edit, and later edits built on it, still load', () => {
    const author = new Y.Doc();
    author.clientID = 666_666;
    const updates: Uint8Array[] = [];
    author.on('update', (u: Uint8Array) => updates.push(u));
    author.getMap('nodes').set('before', 1);
    for (let i = 0; i < 20; i++) author.getMap('nodes').set(`n${i}`, { i });
    // The deep value, written by a client whose clock is already at 21, then an edit of that client after it.
    const poison = deepValueUpdate(5000, { client: 777_777, map: 'nodes' });
    const later = (() => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint(encoder, 777_777);
      encoding.writeVarUint(encoder, 1);
      encoding.writeUint8(encoder, 8 | 0b1000_0000); // ContentAny with an origin: continues after the poisoned item
      encoding.writeVarUint(encoder, 777_777);
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 1);
      encoding.writeUint8(encoder, 119);
      encoding.writeVarString(encoder, 'after');
      encoding.writeVarUint(encoder, 0);
      return encoding.toUint8Array(encoder);
    })();
    const merged = new Uint8Array([...Y.mergeUpdates(updates)]);
    const salvaged = salvageUpdate(poison)!;
    expect(salvaged.problems.map((p) => p.kind)).toEqual(['depth']);
    expect(salvaged.update.length).toBeLessThan(40);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, merged);
    Y.applyUpdate(doc, salvaged.update);
    Y.applyUpdate(doc, later);
    expect(doc.store.pendingStructs).toBeNull();
    // 21 edits of the author, and the later edit that replaced the deep value under its key.
    expect(doc.getMap('nodes').size).toBe(22);
    expect(doc.getMap('nodes').get('poison')).toBe('after');
    const withoutLater = new Y.Doc();
    Y.applyUpdate(withoutLater, salvaged.update);
    expect(withoutLater.getMap('nodes').has('poison')).toBe(false);
    expect(Y.getState(doc.store, 777_777)).toBe(2);
    expect(salvageUpdate(new Uint8Array([9, 9, 9]))).toBeNull();
  });

  it('checks awareness states for size and nesting before parsing them', () => {
    const state = (json: string) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint(encoder, 42);
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, json);
      return encoding.toUint8Array(encoder);
    };
    expect(limitKind(() => checkAwarenessUpdate(state(JSON.stringify({ user: { name: 'Ada' }, cursor: { x: 1, y: 2 } })), AWARENESS_LIMITS))).toBeNull();
    expect(limitKind(() => checkAwarenessUpdate(state(`{"d":${'['.repeat(8000)}${']'.repeat(8000)}}`), AWARENESS_LIMITS))).toBe('depth');
    expect(limitKind(() => checkAwarenessUpdate(state(JSON.stringify({ big: 'x'.repeat(AWARENESS_LIMITS.maxStateBytes) })), AWARENESS_LIMITS))).toBe('string');
    expect(limitKind(() => checkAwarenessUpdate(state('{not json'), AWARENESS_LIMITS))).toBe('malformed');
    expect(limitKind(() => checkAwarenessUpdate(new Uint8Array([1, 42]), AWARENESS_LIMITS))).toBe('malformed');
    // Brackets inside strings are not nesting.
    expect(limitKind(() => checkAwarenessUpdate(state(JSON.stringify({ name: '['.repeat(500) + '"\\' })), AWARENESS_LIMITS))).toBeNull();
  });
});
