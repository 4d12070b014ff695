// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabTextarea } from './CollabTextarea';
import { applyTextEdit } from './textEdit';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let container: HTMLElement;
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

/** A field bound to a text of one document, and a second document (the other person) synced with it. */
function setup(initial: string) {
  const mine = new Y.Doc();
  const theirs = new Y.Doc();
  mine.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(theirs, u, 'remote'));
  theirs.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(mine, u, 'remote'));
  const text = mine.getText('notes');
  text.insert(0, initial);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root.render(<CollabTextarea aria-label="Notes" text={text} onEdit={(edit) => mine.transact(() => applyTextEdit(text, edit))} />));
  const field = container.querySelector('textarea')!;
  return { field, text, other: theirs.getText('notes') };
}

function type(field: HTMLTextAreaElement, value: string, caret: number) {
  field.value = value;
  field.setSelectionRange(caret, caret);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('a textarea bound to a shared text', () => {
  it('shows the text and writes each input as one minimal edit', () => {
    const { field, text, other } = setup('QPS 20k');
    expect(field.value).toBe('QPS 20k');
    type(field, 'QPS 200k', 6);
    expect(text.toString()).toBe('QPS 200k');
    expect(other.toString()).toBe('QPS 200k');
  });

  it('keeps the caret and selection in place when someone else types before or after it', () => {
    const { field, other } = setup('users 500M');
    field.focus();
    field.setSelectionRange(6, 6); // before "500M"
    act(() => other.insert(0, 'daily '));
    expect(field.value).toBe('daily users 500M');
    expect([field.selectionStart, field.selectionEnd]).toEqual([12, 12]);
    act(() => other.insert(field.value.length, ' peak 50k'));
    expect([field.selectionStart, field.selectionEnd]).toEqual([12, 12]);
    field.setSelectionRange(6, 11); // "users" selected
    act(() => other.delete(0, 6));
    expect(field.value.slice(field.selectionStart, field.selectionEnd)).toBe('users');
  });

  it('merges with what the other person typed meanwhile: both texts stay', () => {
    const { field, text, other } = setup('Scale: ');
    field.focus();
    type(field, 'Scale: 50k QPS', 14);
    act(() => other.insert(0, '500M users. '));
    type(field, field.value + '.', field.value.length + 1);
    expect(text.toString()).toBe('500M users. Scale: 50k QPS.');
    expect(other.toString()).toBe(text.toString());
  });
});
