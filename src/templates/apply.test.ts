import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardBinding } from '../doc/binding';
import { boardMaps, readBoard } from '../shared/yjsBoard';
import { parseBoardText } from '../shared/parseBoard';
import { applyTemplate, BESIDE_GAP, fillNewBoard, loadTemplateIntoNewBoard } from './apply';

/** A template as its file holds it, follow-up questions included (the server's answer leaves them out). */
function template(id: string) {
  const result = parseBoardText(readFileSync(`templates/${id}.json`, 'utf8'));
  if (!result.ok) throw new Error(result.error);
  return result.board;
}

function freshBinding() {
  return new BoardBinding(new Y.Doc());
}

describe('using a template on an open board', () => {
  it('replaces the content in one undoable step, without the follow-up questions', async () => {
    const binding = freshBinding();
    binding.addNode('monitor', { x: 0, y: 0 });
    const board = template('news-feed');
    expect(applyTemplate(binding, board, 'replace')).toEqual({ ok: true });
    const after = readBoard(binding.doc);
    expect(after.nodes).toHaveLength(board.nodes.length);
    expect(after.title).toBe('Personalised news feed');
    expect(after.template?.prompt).toBe(board.template?.prompt);
    expect(after.template).not.toHaveProperty('followUps');
    expect(JSON.stringify(binding.doc.toJSON())).not.toContain(board.template!.followUps![0]);
    binding.undo();
    expect(readBoard(binding.doc).nodes.map((n) => n.type)).toEqual(['monitor']);
  });

  it('adds the diagram beside the existing nodes, with fresh ids', async () => {
    const binding = freshBinding();
    const first = binding.addNode('monitor', { x: 100, y: 50 });
    const board = template('fraud-detection');
    applyTemplate(binding, board, 'beside');
    const nodes = readBoard(binding.doc).nodes;
    expect(nodes).toHaveLength(board.nodes.length + 1);
    const existing = binding.nodeRect(first.ok ? first.value : '')!;
    const added = nodes.filter((n) => n.type === 'group').map((n) => n.position.x);
    expect(Math.min(...added)).toBe(existing.x + existing.width + BESIDE_GAP);
    expect(nodes.some((n) => n.id === 'stage-data')).toBe(false);
    expect(readBoard(binding.doc).template).toBeUndefined();
  });

  it('sets only the case study for "prompt only", and undo clears it', async () => {
    const binding = freshBinding();
    const board = template('visual-search');
    applyTemplate(binding, board, 'prompt');
    expect(readBoard(binding.doc).nodes).toHaveLength(0);
    expect(binding.getTemplateInfo()).toMatchObject({ id: 'visual-search', title: 'Visual search' });
    expect(boardMaps(binding.doc).meta.get('template')).not.toHaveProperty('followUps');
    binding.undo();
    expect(binding.getTemplateInfo()).toBeUndefined();
  });

  it('refuses every use on a read-only board', async () => {
    const binding = freshBinding();
    binding.setReadOnly(true);
    const board = template('visual-search');
    for (const use of ['replace', 'beside', 'prompt'] as const) expect(applyTemplate(binding, board, use).ok).toBe(false);
    expect(readBoard(binding.doc).nodes).toHaveLength(0);
  });

  it('fills a new board that cannot be undone back to empty, and leaves unknown ids to others', async () => {
    const binding = freshBinding();
    expect(fillNewBoard(binding, template('ad-click-prediction'))).toEqual({ ok: true });
    expect(readBoard(binding.doc).template?.id).toBe('ad-click-prediction');
    expect(binding.getSnapshot().canUndo).toBe(false);
    expect(await loadTemplateIntoNewBoard('no-such-case', freshBinding())).toBeNull();
  });
});
