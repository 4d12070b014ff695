import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COMPONENT_NODE_SIZE } from '../shared/catalog/nodeSize';
import { BoardBinding } from './binding';
import { parseBoardValue } from '../shared/parseBoard';
import { boardMaps, readBoard } from '../shared/yjsBoard';

const REMOTE = 'remote-provider';

/** Two documents kept in sync the way a provider does it, remote updates tagged with a non-local origin. */
function connectedPair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(b, update, REMOTE));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(a, update, REMOTE));
  return { a: new BoardBinding(a), b: new BoardBinding(b) };
}

function added(result: { ok: boolean; value?: string; error?: string } | { ok: false; error: string }): string {
  if (!result.ok || !('value' in result)) throw new Error('error' in result ? result.error : 'no value');
  return result.value as string;
}

function node(binding: BoardBinding, id: string) {
  return binding.getSnapshot().nodes.find((n) => n.id === id);
}

describe('binding: document to React Flow', () => {
  it('turns a local addNode into a React Flow node with catalog defaults and the fixed component size', () => {
    const binding = new BoardBinding(new Y.Doc());
    const id = added(binding.addNode('model-server', { x: 0, y: 0 }));
    const flow = node(binding, id)!;
    expect(flow.type).toBe('model-server');
    expect(flow.data.title).toBe('Model server');
    expect(flow.data.props).toMatchObject({ mode: 'online', hardware: 'CPU' });
    expect({ width: flow.width, height: flow.height }).toEqual(COMPONENT_NODE_SIZE);
    expect(flow.position).toEqual({ x: -COMPONENT_NODE_SIZE.width / 2, y: -COMPONENT_NODE_SIZE.height / 2 });
    expect(flow.selected).toBe(true);
  });

  it('shows remote changes and rebuilds only the node that changed', () => {
    const { a, b } = connectedPair();
    const first = added(a.addNode('trainer', { x: 0, y: 0 }));
    const second = added(a.addNode('ranker', { x: 600, y: 0 }));
    expect(
      b
        .getSnapshot()
        .nodes.map((n) => n.id)
        .sort(),
    ).toEqual([first, second].sort());
    const untouched = node(b, second);
    a.setProp(first, 'loss', 'focal');
    expect(node(b, first)!.data.props.loss).toBe('focal');
    expect(node(b, second)).toBe(untouched);
  });

  it('shows remote edges, and keeps children whose frame a collaborator deleted as top-level nodes', () => {
    const { a, b } = connectedPair();
    const frame = added(a.addNode('group', { x: 0, y: 0 }));
    const inside = added(a.addNode('trainer', { x: 0, y: 0 }));
    const other = added(a.addNode('evaluation', { x: 900, y: 0 }));
    expect(node(b, inside)!.parentId).toBe(frame);
    // Parents come before their children, as React Flow requires.
    const order = b.getSnapshot().nodes.map((n) => n.id);
    expect(order.indexOf(frame)).toBeLessThan(order.indexOf(inside));
    const edge = added(a.connect({ source: inside, target: other }));
    expect(b.getSnapshot().edges.map((e) => e.id)).toEqual([edge]);
    // A concurrent edit can leave a child pointing at a frame that is gone; it must not reach React Flow.
    boardMaps(a.doc).nodes.delete(frame);
    expect(node(b, frame)).toBeUndefined();
    expect(node(b, inside)!.parentId).toBeUndefined();
  });

  it('never writes selection, measured size or in-flight drag positions to the document', () => {
    const binding = new BoardBinding(new Y.Doc());
    const id = added(binding.addNode('cache', { x: 0, y: 0 }));
    const before = Y.encodeStateAsUpdate(binding.doc);
    binding.applyNodeChanges([
      { type: 'select', id, selected: false },
      { type: 'dimensions', id, dimensions: { width: 240, height: 120 } },
      { type: 'position', id, position: { x: 500, y: 500 }, dragging: true },
    ]);
    expect(node(binding, id)!.position).toEqual({ x: 500, y: 500 });
    expect(node(binding, id)!.measured).toEqual({ width: 240, height: 120 });
    expect(Y.encodeStateAsUpdate(binding.doc)).toEqual(before);
  });

  it('keeps the same edges array while the edges do not change, and gives a new one when one does', () => {
    const binding = new BoardBinding(new Y.Doc());
    const source = added(binding.addNode('trainer', { x: 0, y: 0 }));
    const target = added(binding.addNode('ranker', { x: 600, y: 0 }));
    const edge = added(binding.connect({ source, target }));
    const edges = binding.getSnapshot().edges;
    binding.applyNodeChanges([{ type: 'position', id: source, position: { x: 40, y: 40 }, dragging: true }]);
    binding.setBoardTitle('Moved');
    expect(binding.getSnapshot().edges).toBe(edges);
    binding.setEdgeLabel(edge, 'features');
    const relabelled = binding.getSnapshot().edges;
    expect(relabelled).not.toBe(edges);
    expect(relabelled[0]!.data!.label).toBe('features');
  });

  it('keeps a dragged node where the local user holds it while a remote change to it arrives', () => {
    const { a, b } = connectedPair();
    const id = added(a.addNode('cache', { x: 0, y: 0 }));
    b.applyNodeChanges([{ type: 'position', id, position: { x: 900, y: 900 }, dragging: true }]);
    a.setTitle(id, 'Redis');
    expect(node(b, id)!.position).toEqual({ x: 900, y: 900 });
    expect(node(b, id)!.data.title).toBe('Redis');
  });
});

describe('binding: mutations', () => {
  it('commits a drag in one position write and drops the node into the frame under it, then out again', () => {
    const binding = new BoardBinding(new Y.Doc());
    const frame = added(binding.addNode('group', { x: 1000, y: 1000 }));
    const frameRect = binding.nodeRect(frame)!;
    const id = added(binding.addNode('ranker', { x: 0, y: 0 }));
    binding.applyNodeChanges([{ type: 'position', id, position: { x: frameRect.x + 20, y: frameRect.y + 60 }, dragging: true }]);
    binding.commitLocalGeometry({ reparent: true });
    expect(binding.getNode(id)).toMatchObject({ parentId: frame, position: { x: 20, y: 60 } });
    expect(node(binding, id)!.parentId).toBe(frame);

    binding.applyNodeChanges([{ type: 'position', id, position: { x: -3000, y: 0 }, dragging: true }]);
    binding.commitLocalGeometry({ reparent: true });
    const out = binding.getNode(id)!;
    expect(out.parentId).toBeUndefined();
    expect(out.position).toEqual({ x: frameRect.x - 3000, y: frameRect.y });
  });

  it('refuses invalid property values with the schema message and writes nothing', () => {
    const binding = new BoardBinding(new Y.Doc());
    const id = added(binding.addNode('model-server', { x: 0, y: 0 }));
    expect(binding.setProp(id, 'latencyBudgetMs', 'fast')).toEqual({ ok: false, error: 'Must be a number' });
    expect(binding.setProp(id, 'latencyBudgetMs', -5)).toEqual({ ok: false, error: 'Must be at least 0' });
    expect(binding.setProp(id, 'mode', 'sometimes')).toMatchObject({ ok: false, error: expect.stringMatching(/one of: online, batch/) });
    expect(binding.setProp(id, 'colour', 'red')).toMatchObject({ ok: false, error: expect.stringMatching(/no property "colour"/) });
    expect(binding.getNode(id)!.props.latencyBudgetMs).toBeUndefined();
    expect(binding.setProp(id, 'latencyBudgetMs', 50)).toEqual({ ok: true });
    expect(binding.getNode(id)!.props.latencyBudgetMs).toBe(50);
    expect(binding.setProp(id, 'latencyBudgetMs', undefined)).toEqual({ ok: true });
    expect(binding.getNode(id)!.props).not.toHaveProperty('latencyBudgetMs');
  });

  it('connects with the suggested edge kind, changes kind and label, refuses unknown kinds and self-loops', () => {
    const binding = new BoardBinding(new Y.Doc());
    const app = added(binding.addNode('client-app', { x: 0, y: 0 }));
    const candidates = added(binding.addNode('candidate-generation', { x: 400, y: 0 }));
    const edge = added(binding.connect({ source: app, target: candidates, sourceHandle: 'right', targetHandle: 'left' }));
    expect(binding.getEdge(edge)).toMatchObject({ kind: 'online', sourceHandle: 'right', targetHandle: 'left' });
    expect(binding.getSnapshot().edges[0]).toMatchObject({ id: edge, type: 'flow', data: { kind: 'online' } });
    expect(binding.setEdgeKind(edge, 'telepathy').ok).toBe(false);
    expect(binding.setEdgeKind(edge, 'feedback').ok).toBe(true);
    binding.setEdgeLabel(edge, 'request');
    expect(binding.getEdge(edge)).toMatchObject({ kind: 'feedback', label: 'request' });
    expect(binding.connect({ source: app, target: app }).ok).toBe(false);
  });

  it("routes the board's edges right-angled for everyone, undoably, kept in its file and put back by a file", () => {
    const { a, b } = connectedPair();
    expect(a.getSnapshot().edgeRouting).toBe('curved');
    expect(a.setEdgeRouting('orthogonal').ok).toBe(true);
    expect(b.getSnapshot().edgeRouting).toBe('orthogonal');
    const file = a.toBoardFile();
    expect(file.edgeRouting).toBe('orthogonal');
    expect(parseBoardValue(JSON.parse(JSON.stringify(file))).ok).toBe(true);
    a.undo();
    expect(b.getSnapshot().edgeRouting).toBe('curved');
    // A curved board's file says nothing of routing, as files did before the option.
    expect('edgeRouting' in a.toBoardFile()).toBe(false);
    a.replaceBoard(file);
    expect(b.getSnapshot().edgeRouting).toBe('orthogonal');
  });

  it('deletes a frame with its content and every attached edge', () => {
    const binding = new BoardBinding(new Y.Doc());
    const frame = added(binding.addNode('group', { x: 0, y: 0 }));
    const inside = added(binding.addNode('trainer', { x: 0, y: 0 }));
    const outside = added(binding.addNode('model-registry', { x: 2000, y: 0 }));
    added(binding.connect({ source: inside, target: outside }));
    expect(binding.getNode(inside)!.parentId).toBe(frame);
    expect(binding.deleteElements([frame], [])).toEqual({ nodes: 2, edges: 1 });
    expect(readBoard(binding.doc).nodes.map((n) => n.id)).toEqual([outside]);
    expect(binding.getSnapshot().edges).toEqual([]);
  });

  it('duplicates a frame with its content and the edges inside, and selects the copies', () => {
    const binding = new BoardBinding(new Y.Doc());
    const frame = added(binding.addNode('group', { x: 0, y: 0 }));
    const one = added(binding.addNode('trainer', { x: 0, y: 0 }));
    const two = added(binding.addNode('evaluation', { x: 0, y: 0 }));
    binding.connect({ source: one, target: two });
    const copies = binding.duplicate([frame]);
    expect(copies).toHaveLength(3);
    const board = readBoard(binding.doc);
    expect(board.nodes).toHaveLength(6);
    expect(board.edges).toHaveLength(2);
    expect(binding.getSelection().nodes.sort()).toEqual([...copies].sort());
    expect(parseBoardValue(binding.toBoardFile()).ok).toBe(true);
  });
});

describe('binding: read-only boards', () => {
  it('refuses every change and leaves the document as it was', () => {
    const binding = new BoardBinding(new Y.Doc());
    const one = added(binding.addNode('ranker', { x: 0, y: 0 }));
    const two = added(binding.addNode('cache', { x: 600, y: 0 }));
    binding.setReadOnly(true);
    expect(binding.getSnapshot().readOnly).toBe(true);
    const before = Y.encodeStateAsUpdate(binding.doc);
    expect(binding.addNode('trainer', { x: 0, y: 0 })).toMatchObject({ ok: false, error: expect.stringMatching(/read-only/) });
    expect(binding.setProp(one, 'model', 'GBDT').ok).toBe(false);
    expect(binding.connect({ source: one, target: two }).ok).toBe(false);
    expect(binding.deleteElements([one], [])).toEqual({ nodes: 0, edges: 0 });
    expect(binding.duplicate([one])).toEqual([]);
    binding.applyNodeChanges([{ type: 'position', id: one, position: { x: 999, y: 999 }, dragging: true }]);
    binding.commitLocalGeometry({ reparent: true });
    binding.undo();
    expect(Y.encodeStateAsUpdate(binding.doc)).toEqual(before);
    // The refused drag snaps back to the stored position.
    expect(node(binding, one)!.position).toEqual(binding.getNode(one)!.position);
    binding.setSelection([one]);
    expect(node(binding, one)!.selected).toBe(true);
  });
});

describe('binding: undo and redo', () => {
  it('undoes the last change only, and redoes it', () => {
    const binding = new BoardBinding(new Y.Doc());
    const id = added(binding.addNode('ranker', { x: 0, y: 0 }));
    binding.setProp(id, 'model', 'GBDT');
    binding.undo();
    expect(binding.getNode(id)).toBeDefined();
    expect(binding.getNode(id)!.props.model).toBe('');
    binding.redo();
    expect(binding.getNode(id)!.props.model).toBe('GBDT');
    binding.undo();
    binding.undo();
    expect(binding.getNode(id)).toBeUndefined();
    expect(binding.getSnapshot().canUndo).toBe(false);
  });

  it("never undoes a collaborator's change", () => {
    const { a, b } = connectedPair();
    const id = added(a.addNode('ranker', { x: 0, y: 0 }));
    b.setTitle(id, 'Heavy ranker');
    expect(b.getSnapshot().canUndo).toBe(true);
    a.undo();
    // a's own add is undone, and with it the node; b's title change was never on a's stack.
    expect(a.getNode(id)).toBeUndefined();
    a.redo();
    expect(a.getNode(id)).toBeDefined();
    const other = added(b.addNode('trainer', { x: 900, y: 0 }));
    a.setProp(id, 'model', 'DCN');
    a.undo();
    expect(a.getNode(id)!.props.model).toBe('');
    expect(a.getNode(other)).toBeDefined();
    expect(b.getNode(other)).toBeDefined();
  });

  it('undoes an auto-layout (places, edge sides and bends) in one step', () => {
    const binding = new BoardBinding(new Y.Doc());
    const ids = ['data-source', 'data-pipeline', 'trainer'].map((type, i) => added(binding.addNode(type, { x: 0, y: i * 500 })));
    const before = ids.map((id) => binding.getNode(id)!.position);
    const drawn = added(binding.connect({ source: ids[0]!, target: ids[1]!, sourceHandle: 'bottom', targetHandle: 'top' }));
    const floating = added(binding.connect({ source: ids[1]!, target: ids[2]! }));
    const nodes = ids.map((id, i) => ({ id, position: { x: i * 300, y: 0 } }));
    binding.applyLayout({
      nodes,
      edges: [
        { id: drawn },
        {
          id: floating,
          sourceHandle: 'top',
          targetHandle: 'top',
          bends: [
            { x: 420, y: -24 },
            { x: 720, y: -24 },
          ],
        },
      ],
    });
    expect(binding.getNode(ids[2])!.position).toEqual({ x: 600, y: 0 });
    // Laid out side by side, the first edge no longer keeps the bottom and top it was drawn from; the second takes the layout's sides.
    expect(binding.getEdge(drawn)).not.toHaveProperty('sourceHandle');
    expect(binding.getEdge(drawn)).not.toHaveProperty('targetHandle');
    expect(binding.getEdge(floating)).toMatchObject({
      sourceHandle: 'top',
      targetHandle: 'top',
      bends: [
        { x: 420, y: -24 },
        { x: 720, y: -24 },
      ],
    });
    binding.undo();
    expect(binding.getEdge(drawn)).toMatchObject({ sourceHandle: 'bottom', targetHandle: 'top' });
    expect(binding.getEdge(floating)).not.toHaveProperty('sourceHandle');
    expect(binding.getEdge(floating)).not.toHaveProperty('bends');
    expect(ids.map((id) => binding.getNode(id)!.position)).toEqual(before);
    expect(ids.every((id) => binding.getNode(id))).toBe(true);
  });

  it('makes one undo step of a committed drag and of typing in one field', () => {
    const binding = new BoardBinding(new Y.Doc());
    const id = added(binding.addNode('cache', { x: 0, y: 0 }));
    const start = binding.getNode(id)!.position;
    for (let i = 1; i <= 10; i++) binding.applyNodeChanges([{ type: 'position', id, position: { x: i * 10, y: 0 }, dragging: true }]);
    binding.commitLocalGeometry({ reparent: true });
    for (const ttl of ['1', '1 h', '1 ho', '1 hour']) binding.setProp(id, 'ttl', ttl);
    binding.undo();
    expect(binding.getNode(id)!.props.ttl).toBe('1 day');
    expect(binding.getNode(id)!.position).toEqual({ x: 100, y: 0 });
    binding.undo();
    expect(binding.getNode(id)!.position).toEqual(start);
  });
});

describe('binding: clipboard', () => {
  it('pastes the selection of another board with fresh ids at the given point', async () => {
    const source = new BoardBinding(new Y.Doc());
    const one = added(source.addNode('data-source', { x: 0, y: 0 }));
    const two = added(source.addNode('data-pipeline', { x: 400, y: 0 }));
    source.connect({ source: one, target: two });
    const text = JSON.stringify(source.selectionToBoard([one, two]));

    const target = new BoardBinding(new Y.Doc());
    const result = await target.pasteBoard(text, { x: 5000, y: 5000 });
    expect(result.ok).toBe(true);
    const board = readBoard(target.doc);
    expect(board.nodes).toHaveLength(2);
    expect(board.nodes.map((n) => n.id)).not.toContain(one);
    expect(Math.min(...board.nodes.map((n) => n.position.x))).toBe(5000);
    expect(board.edges).toHaveLength(1);
    expect(board.nodes.map((n) => n.id)).toContain(board.edges[0].source);
  });

  it('refuses text that is not a board and leaves the board as it was', async () => {
    const binding = new BoardBinding(new Y.Doc());
    added(binding.addNode('monitor', { x: 0, y: 0 }));
    const before = Y.encodeStateAsUpdate(binding.doc);
    const cases: [string, RegExp][] = [
      ['hello world', /not valid JSON/],
      [JSON.stringify({ format: 'excalidraw', elements: [] }), /format is "excalidraw"/],
      [
        JSON.stringify({ format: 'ml-design-board', version: 2, title: 'x', nodes: [{ id: 'a', type: 'blockchain', title: '', position: { x: 0, y: 0 }, props: {} }], edges: [] }),
        /unknown node type "blockchain"/,
      ],
    ];
    for (const [text, message] of cases) {
      const result = await binding.pasteBoard(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(message);
    }
    expect(Y.encodeStateAsUpdate(binding.doc)).toEqual(before);
    expect(boardMaps(binding.doc).nodes.size).toBe(1);
  });
});
