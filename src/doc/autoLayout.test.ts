import { describe, expect, it } from 'vitest';
import { nodeSize, type Rect } from './geometry';
import type { BoardFile } from '../shared/format';
import { computeLayout } from './autoLayout';

const at = { x: 0, y: 0 };
const board: Pick<BoardFile, 'nodes' | 'edges'> = {
  nodes: [
    { id: 'offline', type: 'group', title: 'Offline', position: { x: 100, y: 50 }, size: { width: 300, height: 200 }, props: { stage: 'training' } },
    { id: 'logs', type: 'data-source', title: 'Logs', position: at, parentId: 'offline', props: {} },
    { id: 'train', type: 'trainer', title: 'Train', position: at, parentId: 'offline', props: {} },
    { id: 'registry', type: 'model-registry', title: 'Registry', position: at, parentId: 'offline', props: {} },
    { id: 'server', type: 'model-server', title: 'Serve', position: { x: 900, y: 900 }, props: {} },
    { id: 'note', type: 'sticky-note', title: 'Note', position: { x: 400, y: 400 }, size: { width: 200, height: 140 }, props: {} },
  ],
  edges: [
    { id: 'e1', source: 'logs', target: 'train', kind: 'batch' },
    { id: 'e2', source: 'train', target: 'registry', kind: 'batch' },
    { id: 'e3', source: 'registry', target: 'server', kind: 'batch' },
  ],
};

function overlap(a: Rect, b: Rect) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('auto-layout', () => {
  it('lays out children inside their frame left to right, frames as blocks, keeping the top-left corner', async () => {
    const placements = new Map((await computeLayout(board)).map((p) => [p.id, p]));
    expect(placements.size).toBe(6);
    const frame = placements.get('offline')!;
    expect(frame.size).toBeDefined();
    const children = ['logs', 'train', 'registry'].map((id) => placements.get(id)!);
    // Left to right along the flow, all inside the frame.
    expect(children[0].position.x).toBeLessThan(children[1].position.x);
    expect(children[1].position.x).toBeLessThan(children[2].position.x);
    for (const child of children) {
      const size = nodeSize({ type: 'trainer' });
      expect(child.position.x).toBeGreaterThanOrEqual(0);
      expect(child.position.y).toBeGreaterThanOrEqual(0);
      expect(child.position.x + size.width).toBeLessThanOrEqual(frame.size!.width);
      expect(child.position.y + size.height).toBeLessThanOrEqual(frame.size!.height);
    }
    // The server comes after the frame it is fed from; nothing overlaps at the top level.
    const server = placements.get('server')!;
    expect(server.position.x).toBeGreaterThan(frame.position.x + frame.size!.width - 1);
    const tops: Rect[] = ['offline', 'server', 'note'].map((id) => {
      const p = placements.get(id)!;
      const original = board.nodes.find((n) => n.id === id)!;
      return { ...p.position, ...(p.size ?? nodeSize(original)) };
    });
    for (let i = 0; i < tops.length; i++) for (let j = i + 1; j < tops.length; j++) expect(overlap(tops[i], tops[j])).toBe(false);
    expect(Math.min(...tops.map((r) => r.x))).toBe(100);
    expect(Math.min(...tops.map((r) => r.y))).toBe(50);
  });
});
