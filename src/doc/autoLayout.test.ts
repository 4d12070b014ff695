import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { absoluteRects, boundsOf, isFrame, labelRect, nodeSize, overlaps, type Rect } from './geometry';
import { edgeRoute, segmentsThrough } from './edgeRoute';
import type { BoardFile } from '../shared/format';
import type { Layout } from './boardWrites';
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

/** Ten cards in a chain with one edge skipping ahead and one feeding back, all labelled: the board the issue asks to look at. */
const TYPES = ['data-source', 'data-pipeline', 'feature-store', 'trainer', 'evaluation', 'model-registry', 'model-server', 'client-app', 'monitor', 'labeling'];
const LABELS = ['raw events', 'clean rows', 'training set', 'candidate model', 'passes offline bar', 'deploy', 'predictions', 'impressions, clicks', 'drift alerts'];
const chain: Pick<BoardFile, 'nodes' | 'edges'> = {
  nodes: TYPES.map((type, i) => ({ id: `n${i}`, type, title: type, position: { x: (i % 3) * 50, y: i * 30 }, props: {} })),
  edges: [
    ...TYPES.slice(1).map((_, i) => ({ id: `c${i}`, source: `n${i}`, target: `n${i + 1}`, kind: 'batch' as const, label: LABELS[i] })),
    { id: 'skip', source: 'n2', target: 'n5', kind: 'online' as const, label: 'features at request time' },
    { id: 'back', source: 'n8', target: 'n3', kind: 'feedback' as const, label: 'labels from outcomes' },
  ],
};

/** The board after the layout: nodes at their new places and sizes, edges with the layout's sides. */
function laidOut(before: Pick<BoardFile, 'nodes' | 'edges'>, layout: Layout): Pick<BoardFile, 'nodes' | 'edges'> {
  const places = new Map(layout.nodes.map((p) => [p.id, p]));
  const sides = new Map(layout.edges.map((e) => [e.id, e]));
  return {
    nodes: before.nodes.map((n) => ({ ...n, position: places.get(n.id)?.position ?? n.position, size: places.get(n.id)?.size ?? n.size })),
    edges: before.edges.map(({ sourceHandle: _s, targetHandle: _t, ...e }) => ({ ...e, ...sides.get(e.id) })),
  };
}

/** Each edge that runs through a card other than its ends (or through its ends anywhere but its sides). */
function edgesThroughCards(result: Pick<BoardFile, 'nodes' | 'edges'>): string[] {
  const rects = absoluteRects(result.nodes);
  const cards = result.nodes.filter((n) => !isFrame(n));
  return result.edges.flatMap((edge) => {
    const route = edgeRoute(edge, rects.get(edge.source)!, rects.get(edge.target)!).points;
    return cards.filter((c) => segmentsThrough(route, rects.get(c.id)!, c.id === edge.source || c.id === edge.target) > 0).map((c) => `${edge.id} through ${c.id}`);
  });
}

/** Each edge label that lies on a card: `own` the cards of its edge, `other` the rest. */
function labelsOnCards(result: Pick<BoardFile, 'nodes' | 'edges'>, which: 'own' | 'other'): string[] {
  const rects = absoluteRects(result.nodes);
  const cards = result.nodes.filter((n) => !isFrame(n));
  return result.edges.flatMap((edge) => {
    if (!edge.label) return [];
    const box = labelRect(edge.label, edgeRoute(edge, rects.get(edge.source)!, rects.get(edge.target)!).label);
    const own = (id: string) => id === edge.source || id === edge.target;
    return cards.filter((c) => own(c.id) === (which === 'own') && overlaps(box, rects.get(c.id)!)).map((c) => `label of ${edge.id} on ${c.id}`);
  });
}

function topLevelOverlaps(result: Pick<BoardFile, 'nodes'>): string[] {
  const rects = absoluteRects(result.nodes);
  const tops = result.nodes.filter((n) => !n.parentId);
  return tops.flatMap((a, i) =>
    tops
      .slice(i + 1)
      .filter((b) => overlaps(rects.get(a.id)!, rects.get(b.id)!))
      .map((b) => `${a.id} and ${b.id}`),
  );
}

describe('auto-layout', () => {
  it('lays out children inside their frame left to right, frames as blocks, keeping the top-left corner', async () => {
    const placements = new Map((await computeLayout(board)).nodes.map((p) => [p.id, p]));
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
    for (let i = 0; i < tops.length; i++) for (let j = i + 1; j < tops.length; j++) expect(overlaps(tops[i], tops[j])).toBe(false);
    expect(Math.min(...tops.map((r) => r.x))).toBe(100);
    expect(Math.min(...tops.map((r) => r.y))).toBe(50);
  });

  it('wraps a chain too wide for the canvas into rows no wider than it, taken in order, with no edge through a card and no label on one', async () => {
    const unwrapped = laidOut(chain, await computeLayout(chain));
    expect(boundsOf(absoluteRects(unwrapped.nodes).values()).width).toBeGreaterThan(3000);
    const maxWidth = 1300;
    const result = laidOut(chain, await computeLayout(chain, { maxWidth }));
    const rects = absoluteRects(result.nodes);
    const bounds = boundsOf(rects.values());
    expect(bounds.width).toBeLessThanOrEqual(maxWidth);
    // Rows: bands of cards whose vertical extents overlap. The chain goes down them in order.
    const bands: { top: number; bottom: number }[] = [];
    for (const r of [...rects.values()].sort((a, b) => a.y - b.y)) {
      const last = bands[bands.length - 1];
      if (last && r.y < last.bottom) last.bottom = Math.max(last.bottom, r.y + r.height);
      else bands.push({ top: r.y, bottom: r.y + r.height });
    }
    expect(bands.length).toBeGreaterThanOrEqual(3);
    const rowOf = (id: string) => bands.findIndex((band) => rects.get(id)!.y < band.bottom);
    for (let i = 1; i < TYPES.length; i++) expect(rowOf(`n${i}`)).toBeGreaterThanOrEqual(rowOf(`n${i - 1}`));
    expect(topLevelOverlaps(result)).toEqual([]);
    expect(edgesThroughCards(result)).toEqual([]);
    expect([...labelsOnCards(result, 'own'), ...labelsOnCards(result, 'other')]).toEqual([]);
  });

  const templatesDir = join(import.meta.dirname, '../../templates');
  const templates = readdirSync(templatesDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(templatesDir, f), 'utf8')) as BoardFile);
  // The widths a 1440 px window gives auto-layout (legibleWidth): the canvas beside both panels, without
  // one, without either. An edge between stages in different rows that no curve keeps clear of the cards
  // is routed round them (14, 5 and 2 edges of 233). Labels: drawn halfway along long curves, a few still
  // fall on a card between the edge's two.
  const labelsLeftOnCards = { 1300: 0, 1800: 2, 2400: 0 };
  it.each(Object.entries(labelsLeftOnCards))(
    'lays out every template as stage blocks in rows within %s px, every edge and most labels clear of the cards',
    async (width, most) => {
      const maxWidth = Number(width);
      const through: string[] = [];
      let labelsOnOtherCards = 0;
      let labelsOnOwnCards = 0;
      let edges = 0;
      for (const template of templates) {
        const result = laidOut(template, await computeLayout(template, { maxWidth }));
        const rects = absoluteRects(result.nodes);
        expect(boundsOf(rects.values()).width).toBeLessThanOrEqual(maxWidth);
        expect(topLevelOverlaps(result)).toEqual([]);
        // Every card stays inside its frame, clear of the other cards there.
        for (const node of result.nodes.filter((n) => n.parentId)) {
          const [card, frame] = [rects.get(node.id)!, rects.get(node.parentId!)!];
          expect(card.x >= frame.x && card.y >= frame.y && card.x + card.width <= frame.x + frame.width && card.y + card.height <= frame.y + frame.height).toBe(true);
          const neighbours = result.nodes.filter((n) => n.parentId === node.parentId && n.id !== node.id);
          expect(neighbours.filter((n) => overlaps(card, rects.get(n.id)!)).map((n) => n.id)).toEqual([]);
        }
        through.push(...edgesThroughCards(result).map((found) => `${template.title}: ${found}`));
        labelsOnOtherCards += new Set(labelsOnCards(result, 'other').map((found) => found.split(' ')[2])).size;
        labelsOnOwnCards += new Set(labelsOnCards(result, 'own').map((found) => found.split(' ')[2])).size;
        edges += template.edges.length;
      }
      expect(edges).toBe(233);
      expect(through).toEqual([]);
      expect(labelsOnOtherCards).toBeLessThanOrEqual(most);
      expect(labelsOnOwnCards).toBeLessThanOrEqual(2);
    },
    120_000,
  );
});
