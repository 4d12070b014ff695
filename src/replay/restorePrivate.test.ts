import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardBinding } from '../doc/binding';
import { readPrivateNotes } from './privateNotes';
import type { BoardFile } from '../shared/format';
import { readBoard } from '../shared/yjsBoard';
import { editPrivateText, interviewerTypes, restorePrivateContent, setAsked, setGrade, type InterviewerTypes } from '../interview/interviewerDoc';

/** A board with one node and private notes, kept as they were (the moment a restore goes back to). */
function interview() {
  const binding = new BoardBinding(new Y.Doc());
  const privateDoc = new Y.Doc();
  const types = interviewerTypes(privateDoc);
  binding.addNode('trainer', { x: 0, y: 0 });
  setGrade(types, 'data', 'weak');
  setAsked(types, 'video-recommendation:0', true);
  editPrivateText(types, types.notes, { index: 0, remove: 0, insert: 'Clear about the product' });
  const then = { board: readBoard(binding.doc) as BoardFile, notes: readPrivateNotes(privateDoc) };
  return { binding, privateDoc, types, then };
}

/** What happens after that moment: another node, other grades and notes. */
function laterChanges(binding: BoardBinding, types: InterviewerTypes) {
  binding.addNode('monitor', { x: 300, y: 0 });
  setGrade(types, 'data', 'strong');
  setGrade(types, 'serving', 'adequate');
  setAsked(types, 'video-recommendation:0', false);
  editPrivateText(types, types.notes, { index: 0, remove: 5, insert: 'Vague' });
}

const titles = (binding: BoardBinding) => readBoard(binding.doc).nodes.map((n) => n.title);

describe('restoring a version with the private notes', () => {
  it('brings back the board and the private notes, and one undo and one redo take both', () => {
    const { binding, privateDoc, types, then } = interview();
    laterChanges(binding, types);
    const now = { titles: titles(binding), notes: readPrivateNotes(privateDoc) };
    expect(now.notes).not.toEqual(then.notes);

    binding.replaceBoard(then.board, restorePrivateContent(types, then.notes));
    expect(titles(binding)).toEqual(['Trainer']);
    expect(readPrivateNotes(privateDoc)).toEqual(then.notes);

    binding.undo();
    expect(titles(binding)).toEqual(now.titles);
    expect(readPrivateNotes(privateDoc)).toEqual(now.notes);

    binding.redo();
    expect(titles(binding)).toEqual(['Trainer']);
    expect(readPrivateNotes(privateDoc)).toEqual(then.notes);

    binding.undo();
    expect(readPrivateNotes(privateDoc)).toEqual(now.notes);
  });

  it('leaves the private notes alone when an earlier board step is undone, and when the private room is gone', () => {
    const { binding, privateDoc, types, then } = interview();
    laterChanges(binding, types);
    binding.replaceBoard(then.board, restorePrivateContent(types, then.notes));
    binding.undo();
    const now = readPrivateNotes(privateDoc);
    // The step before the restore: the monitor added. The private notes are not part of it.
    binding.undo();
    expect(titles(binding)).toEqual(['Trainer']);
    expect(readPrivateNotes(privateDoc)).toEqual(now);

    binding.redo();
    privateDoc.destroy();
    // The room was closed: the board's redo still works.
    binding.redo();
    expect(titles(binding)).toEqual(['Trainer']);
    binding.destroy();
  });
});
