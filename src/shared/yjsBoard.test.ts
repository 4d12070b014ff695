import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseBoardValue } from './parseBoard';
import { boardMaps, changedKeys, insertBoard, mirrorBoard, readBoard, replaceBoard } from './yjsBoard';

const file = {
  format: 'ml-design-board',
  version: 2,
  title: 'Fraud',
  nodes: [
    { id: 'f', type: 'group', title: 'Serving', position: { x: 0, y: 0 }, size: { width: 600, height: 300 }, props: { stage: 'serving' } },
    { id: 'a', type: 'rules-engine', title: 'Rules', position: { x: 20, y: 40 }, parentId: 'f', props: { thresholds: 'p > 0.9' } },
    { id: 'b', type: 'model-server', title: 'GBDT', position: { x: 300, y: 40 }, parentId: 'f', props: { latencyBudgetMs: 30 } },
  ],
  edges: [
    {
      id: 'e',
      source: 'a',
      target: 'b',
      sourceHandle: 'top',
      targetHandle: 'top',
      kind: 'online',
      label: 'score',
      bends: [
        { x: 140, y: 36 },
        { x: 420, y: 36 },
      ],
    },
  ],
};

function parsed() {
  const result = parseBoardValue(file);
  if (!result.ok) throw new Error(result.error);
  return result.board;
}

describe('Yjs board document', () => {
  it('writes a board and reads the same board back', () => {
    const doc = new Y.Doc();
    replaceBoard(doc, parsed());
    expect(readBoard(doc)).toEqual(parsed());
  });

  it('survives an encode / apply round trip to another document', () => {
    const doc = new Y.Doc();
    replaceBoard(doc, parsed());
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(readBoard(copy)).toEqual(readBoard(doc));
  });

  it('inserts a second copy with fresh ids, offsetting the top-level nodes and the routes of edges', () => {
    const doc = new Y.Doc();
    replaceBoard(doc, parsed());
    const added = insertBoard(doc, parsed(), { freshIds: true, offset: { x: 1000, y: 0 } });
    expect(added).toHaveLength(3);
    const board = readBoard(doc);
    expect(board.nodes).toHaveLength(6);
    expect(board.edges).toHaveLength(2);
    const newFrame = board.nodes.find((n) => n.id === added[0])!;
    expect(newFrame.position).toEqual({ x: 1000, y: 0 });
    const children = board.nodes.filter((n) => n.parentId === newFrame.id);
    expect(children.map((c) => c.position.x).sort()).toEqual([20, 300]);
    const newEdge = board.edges.find((e) => e.id !== 'e')!;
    expect(added).toContain(newEdge.source);
    // The route round the cards is in board coordinates: it moves with the copy, or the copy's edge falls back to a curve.
    expect(newEdge.bends).toEqual([
      { x: 1140, y: 36 },
      { x: 1420, y: 36 },
    ]);
  });

  it('stores a dragged position in one key, so a hundred moves cost a few bytes', () => {
    const doc = new Y.Doc();
    replaceBoard(doc, parsed());
    const before = Y.encodeStateAsUpdate(doc).byteLength;
    const node = boardMaps(doc).nodes.get('a')!;
    for (let i = 0; i < 100; i++) node.set('position', { x: i, y: i });
    const growth = Y.encodeStateAsUpdate(doc).byteLength - before;
    expect(growth).toBeLessThan(200);
  });

  it('keeps only the shared part of a template in the document', () => {
    const doc = new Y.Doc();
    const board = parsed();
    replaceBoard(doc, { ...board, template: { followUps: ['secret question'] } as never });
    expect(JSON.stringify(boardMaps(doc).meta.toJSON())).not.toContain('secret question');
  });

  it('mirrors another document by writing only what differs, back in time included', () => {
    const source = new Y.Doc();
    replaceBoard(source, parsed());
    const shown = new Y.Doc();
    mirrorBoard(shown, source);
    expect(readBoard(shown)).toEqual(readBoard(source));
    // An earlier moment of the board: another document, one node renamed, one prop gone, an edge less, a new title.
    const earlier = new Y.Doc();
    replaceBoard(earlier, parsed());
    const { nodes, edges, meta } = boardMaps(earlier);
    nodes.get('a')!.set('title', 'Rules v0');
    (nodes.get('b')!.get('props') as Y.Map<unknown>).delete('latencyBudgetMs');
    edges.delete('e');
    meta.set('title', 'Fraud, early');
    const touched: string[] = [];
    boardMaps(shown).nodes.observeDeep((events) => touched.push(...changedKeys(events, boardMaps(shown).nodes)));
    boardMaps(shown).edges.observe((event) => touched.push(...[...event.keys.keys()].map((id) => `edge ${id}`)));
    mirrorBoard(shown, earlier);
    expect(readBoard(shown)).toEqual(readBoard(earlier));
    expect(touched.sort()).toEqual(['a', 'b', 'edge e']);
    // Told which ids changed, it compares only those.
    nodes.get('f')!.set('title', 'Serving path');
    mirrorBoard(shown, earlier, { nodes: [], edges: [] });
    expect(readBoard(shown).nodes.find((n) => n.id === 'f')!.title).toBe('Serving');
    mirrorBoard(shown, earlier, { nodes: ['f'], edges: [] });
    expect(readBoard(shown)).toEqual(readBoard(earlier));
  });
});
