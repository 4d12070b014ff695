import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardBinding } from '../doc/binding';
import { parseBoardText } from '../shared/parseBoard';
import { boardToJson } from '../export/boardJson';
import { editText, setCovered } from './interviewDoc';
import { metricText, noteText, readInterviewContent, type InterviewTypes } from '../shared/interviewLayout';

/** Types a whole text into an empty field, the way the notes field writes (through interviewDoc). */
function type(binding: BoardBinding, text: Y.Text, value: string) {
  editText(binding, text, { index: text.length, remove: 0, insert: value });
}

/** A board with a node, notes typed in two steps, requirements, one metric, two ticks and the timer an older app kept in the board document. */
function boardWithInterview() {
  const binding = new BoardBinding(new Y.Doc());
  binding.setBoardTitle('Feed ranking');
  binding.addNode('ranker', { x: 0, y: 0 });
  const types = binding.openInterview();
  type(binding, types.requirements, '300M daily users, 50k QPS at peak, 200 ms p99');
  type(binding, noteText(types, 'clarify'), 'Goal: meaningful engagement.\nNo ads in scope.');
  type(binding, noteText(types, 'serving'), 'Two stages: retrieval then ranking — “heavy” ranker on 500.');
  type(binding, metricText(types, 'online'), 'Time spent, DAU');
  setCovered(binding, types, 'clarify', true);
  setCovered(binding, types, 'serving', true);
  types.root.set('timer', { durationMs: 45 * 60_000, startedAt: 1_000, elapsedBeforeMs: 0 });
  return { binding, types };
}

/** Import as a new board, as openAsNewBoard does it: a fresh document, written through the binding. */
function openAsNew(json: string) {
  const parsed = parseBoardText(json);
  if (!parsed.ok) throw new Error(parsed.error);
  const binding = new BoardBinding(new Y.Doc());
  binding.replaceBoard(parsed.board);
  return binding;
}

const texts = (types: InterviewTypes) => ({
  requirements: types.requirements.toString(),
  clarify: noteText(types, 'clarify').toString(),
  serving: noteText(types, 'serving').toString(),
  online: metricText(types, 'online').toString(),
  covered: [...types.covered.keys()].sort(),
});

describe('interview notes in the board file', () => {
  it('round-trips through the JSON export and import as a new board', () => {
    const { binding, types } = boardWithInterview();
    const json = boardToJson(binding.toBoardFile({ interview: true }));
    expect(JSON.parse(json).interview).toEqual({
      requirements: '300M daily users, 50k QPS at peak, 200 ms p99',
      metrics: { online: 'Time spent, DAU' },
      notes: { clarify: 'Goal: meaningful engagement.\nNo ads in scope.', serving: 'Two stages: retrieval then ranking — “heavy” ranker on 500.' },
      covered: ['clarify', 'serving'],
    });

    const copy = openAsNew(json);
    const copied = copy.openInterview();
    expect(texts(copied)).toEqual(texts(types));
    expect(copy.toBoardFile({ interview: true })).toEqual(binding.toBoardFile({ interview: true }));
    // The timer is not carried: the new board's interview has not started.
    expect(copied.root.get('timer')).toBeUndefined();
    // Undoing the import empties the notes but keeps the seeded texts (the seed is nobody's edit).
    copy.undo();
    expect(texts(copy.openInterview())).toEqual({ requirements: '', clarify: '', serving: '', online: '', covered: [] });
    expect(noteText(copied, 'clarify')).toBe(noteText(copy.openInterview(), 'clarify'));
  });

  it('leaves the interview out of the other exports, and out of a board that has none', () => {
    const { binding } = boardWithInterview();
    expect(binding.toBoardFile()).not.toHaveProperty('interview');
    const blank = new BoardBinding(new Y.Doc());
    blank.openInterview();
    expect(blank.toBoardFile({ interview: true })).not.toHaveProperty('interview');
  });

  it('reads without writing: exporting a board whose interview was never opened changes nothing', () => {
    const doc = new Y.Doc();
    const binding = new BoardBinding(doc);
    binding.addNode('ranker', { x: 0, y: 0 });
    const before = Y.encodeStateVector(doc);
    expect(readInterviewContent(doc)).toBeUndefined();
    binding.toBoardFile({ interview: true });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('imports the notes into the seeded texts, so a collaborator who opens the board at once types into the same ones', () => {
    const { binding } = boardWithInterview();
    const imported = openAsNew(boardToJson(binding.toBoardFile({ interview: true })));
    // A second person whose browser seeded the interview before the imported content reached it.
    const other = new BoardBinding(new Y.Doc());
    const theirs = other.openInterview();
    type(other, theirs.requirements, 'Also: 10 regions. ');
    Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(imported.doc));
    Y.applyUpdate(imported.doc, Y.encodeStateAsUpdate(other.doc));
    const requirements = imported.openInterview().requirements.toString();
    expect(requirements).toContain('300M daily users, 50k QPS at peak, 200 ms p99');
    expect(requirements).toContain('Also: 10 regions. ');
    expect(theirs.requirements.toString()).toBe(requirements);
  });

  it('replaces the notes in one undo step with the board; a file without notes (a template) leaves them', () => {
    const { binding } = boardWithInterview();
    const file = binding.toBoardFile({ interview: true });
    const target = boardWithInterview();
    const types = target.types;
    target.binding.replaceBoard({ ...file, interview: { notes: { data: 'Logs only' }, covered: ['data'] } });
    expect(texts(types)).toEqual({ requirements: '', clarify: '', serving: '', online: '', covered: ['data'] });
    expect(noteText(types, 'data').toString()).toBe('Logs only');
    target.binding.undo();
    expect(noteText(types, 'data').toString()).toBe('');
    expect(texts(types).covered).toEqual(['clarify', 'serving']);
    expect(texts(types).clarify).toBe('Goal: meaningful engagement.\nNo ads in scope.');

    const { interview: _notes, ...template } = file;
    target.binding.replaceBoard(template);
    expect(texts(types).clarify).toBe('Goal: meaningful engagement.\nNo ads in scope.');
  });
});
