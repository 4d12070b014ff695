import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardBinding } from '../doc/binding';
import { editText, readCovered, setCovered } from './interviewDoc';
import { interviewTypes, metricText, noteText } from '../shared/interviewLayout';
import { diffText } from './textEdit';

/** Two clients syncing through updates, as the WebSocket provider does; the link can drop and come back. */
function connected() {
  const docs = [new Y.Doc(), new Y.Doc()] as const;
  let open = true;
  const held: [Y.Doc, Uint8Array][] = [];
  const relay = (to: Y.Doc) => (update: Uint8Array, origin: unknown) => {
    if (origin === 'remote') return;
    if (open) Y.applyUpdate(to, update, 'remote');
    else held.push([to, update]);
  };
  docs[0].on('update', relay(docs[1]));
  docs[1].on('update', relay(docs[0]));
  return {
    a: new BoardBinding(docs[0]),
    b: new BoardBinding(docs[1]),
    disconnect: () => void (open = false),
    reconnect: () => {
      open = true;
      for (const [to, update] of held.splice(0)) Y.applyUpdate(to, update, 'remote');
    },
  };
}

/** Types `after` into a text the way the notes field does: one minimal edit from what the text holds. */
function typeInto(binding: BoardBinding, text: Y.Text, after: string) {
  const edit = diffText(text.toString(), after);
  if (edit) editText(binding, text, edit);
}

describe('shared notes', () => {
  it('merges what two people type at once into one step note, both texts kept', () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const a = new BoardBinding(docA);
    const b = new BoardBinding(docB);
    // Both open the fresh board before they ever sync: each seeds the interview map on its own.
    const notesA = noteText(a.openInterview(), 'clarify');
    const notesB = noteText(b.openInterview(), 'clarify');
    typeInto(a, notesA, 'QPS 20k');
    typeInto(b, notesB, '500M users');
    typeInto(b, notesB, '500M daily users');
    Y.applyUpdate(docA, Y.encodeStateAsUpdate(docB));
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
    const merged = noteText(interviewTypes(docA), 'clarify').toString();
    expect(noteText(interviewTypes(docB), 'clarify').toString()).toBe(merged);
    expect(merged).toContain('QPS 20k');
    expect(merged).toContain('500M daily users');
    expect(merged.length).toBe('QPS 20k'.length + '500M daily users'.length);
  });

  it('keeps concurrent edits in the middle of a shared text', () => {
    const { a, b, disconnect, reconnect } = connected();
    const text = metricText(a.openInterview(), 'offline');
    typeInto(a, text, 'AUC, recall');
    const textB = metricText(b.openInterview(), 'offline');
    expect(textB.toString()).toBe('AUC, recall');
    // Apart for a moment, both change the same line; then they sync.
    disconnect();
    typeInto(a, text, 'ROC-AUC, recall');
    typeInto(b, textB, 'AUC, recall@500');
    reconnect();
    expect(text.toString()).toBe('ROC-AUC, recall@500');
    expect(textB.toString()).toBe('ROC-AUC, recall@500');
  });

  it("ticks covered steps; undo reverts only this person's own notes and ticks", () => {
    const { a, b } = connected();
    const typesA = a.openInterview();
    const typesB = b.openInterview();
    typeInto(b, noteText(typesB, 'data'), 'positives: watched > 50%');
    a.undoManager.stopCapturing();
    setCovered(a, typesA, 'data', true);
    expect(readCovered(typesB)).toEqual(new Set(['data']));
    a.undo();
    expect(readCovered(typesB)).toEqual(new Set());
    expect(a.undoManager.canUndo()).toBe(false);
    expect(noteText(typesA, 'data').toString()).toBe('positives: watched > 50%');
  });

  it('refuses every change on a read-only board', () => {
    const binding = new BoardBinding(new Y.Doc());
    const types = binding.openInterview();
    binding.setReadOnly(true);
    expect(editText(binding, noteText(types, 'clarify'), { index: 0, remove: 0, insert: 'x' })).toBe(false);
    expect(setCovered(binding, types, 'clarify', true)).toBe(false);
    expect(noteText(types, 'clarify').toString()).toBe('');
  });
});
