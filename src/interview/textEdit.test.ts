import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextEdit, diffText, transformOffset, type TextDelta } from './textEdit';

describe('minimal text diff', () => {
  it('keeps the common prefix and suffix and replaces only the middle', () => {
    expect(diffText('abc', 'abc')).toBeNull();
    expect(diffText('QPS 20k', 'QPS 200k')).toEqual({ index: 6, remove: 0, insert: '0' });
    expect(diffText('hello world', 'hello')).toEqual({ index: 5, remove: 6, insert: '' });
    expect(diffText('recall@k', 'recall@500')).toEqual({ index: 7, remove: 1, insert: '500' });
    // A repeated letter: the edit lands at the end of the run, wherever the user typed it.
    expect(diffText('aa', 'aaa')).toEqual({ index: 2, remove: 0, insert: 'a' });
  });

  it('never splits an emoji (a surrogate pair)', () => {
    const edit = diffText('a😀b', 'a😃b')!;
    expect(edit).toEqual({ index: 1, remove: 2, insert: '😃' });
  });

  it('turns one text into the other when applied', () => {
    const pairs = [
      ['', 'abc'],
      ['abc', ''],
      ['the ranker scores 500', 'the multi-task ranker scores 500 videos'],
      ['x😀y😀z', 'x😀😀z'],
    ];
    for (const [before, after] of pairs) {
      const doc = new Y.Doc();
      const text = doc.getText('t');
      text.insert(0, before!);
      applyTextEdit(text, diffText(before!, after!)!);
      expect(text.toString()).toBe(after);
    }
  });
});

describe('caret under a remote edit', () => {
  /** The delta Yjs reports for a change made by someone else. */
  function remoteDelta(before: string, change: (text: Y.Text) => void): TextDelta {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, before);
    let delta: TextDelta = [];
    text.observe((event) => (delta = event.delta as TextDelta));
    change(text);
    return delta;
  }

  it('moves right for text inserted before it and stays for text inserted after it', () => {
    const delta = remoteDelta('abcdef', (t) => t.insert(2, 'XY'));
    expect(transformOffset(4, delta)).toBe(6);
    expect(transformOffset(1, delta)).toBe(1);
    // Inserted exactly at a collapsed caret: the caret keeps its place before the new text.
    expect(transformOffset(2, delta)).toBe(2);
    expect(transformOffset(2, delta, true)).toBe(4);
  });

  it('moves left for text deleted before it, and to the start of a deletion around it', () => {
    const delta = remoteDelta('abcdef', (t) => t.delete(1, 3));
    expect(transformOffset(5, delta)).toBe(2);
    expect(transformOffset(2, delta)).toBe(1);
    expect(transformOffset(0, delta)).toBe(0);
  });
});
