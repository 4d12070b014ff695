import { getNodeType } from '../catalog';
import { COMPONENT_NODE_SIZE } from '../shared/catalog/nodeSize';
import type { BoardNode } from '../shared/format';

/**
 * Geometry computed from the document alone (no rendering): node sizes, absolute positions, which
 * frame a point falls in, and a free spot for a new node. Frames hold nodes one level deep only.
 */
export interface Point {
  x: number;
  y: number;
}
export interface Size {
  width: number;
  height: number;
}
export interface Rect extends Point, Size {}

type Placed = Pick<BoardNode, 'type' | 'position' | 'size' | 'parentId'>;

export function isFrameType(typeId: string): boolean {
  return getNodeType(typeId)?.variant === 'group';
}

/** Components have one fixed size; frames and notes carry theirs (or start at their type's default). */
export function nodeSize(node: Pick<BoardNode, 'type' | 'size'>): Size {
  const type = getNodeType(node.type);
  if (!type || type.variant === 'component') return COMPONENT_NODE_SIZE;
  return node.size ?? type.defaultSize ?? COMPONENT_NODE_SIZE;
}

export function absolutePosition(node: Placed, lookup: (id: string) => Placed | undefined): Point {
  const parent = node.parentId ? lookup(node.parentId) : undefined;
  if (!parent) return node.position;
  return { x: parent.position.x + node.position.x, y: parent.position.y + node.position.y };
}

export function absoluteRect(node: Placed, lookup: (id: string) => Placed | undefined): Rect {
  return { ...absolutePosition(node, lookup), ...nodeSize(node) };
}

export function contains(rect: Rect, point: Point): boolean {
  return point.x >= rect.x && point.x <= rect.x + rect.width && point.y >= rect.y && point.y <= rect.y + rect.height;
}

export function centre(rect: Rect): Point {
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}

/**
 * The frame a point lies in; when frames overlap, the smallest one (the one the user most likely
 * aimed at). Frames are top-level, so their position is absolute.
 */
export function frameAt(point: Point, nodes: Iterable<[string, Placed]>, exclude: ReadonlySet<string> = new Set()): string | undefined {
  let best: { id: string; area: number } | undefined;
  for (const [id, node] of nodes) {
    if (exclude.has(id) || !isFrameType(node.type) || node.parentId) continue;
    const rect = { ...node.position, ...nodeSize(node) };
    if (!contains(rect, point)) continue;
    const area = rect.width * rect.height;
    if (!best || area < best.area) best = { id, area };
  }
  return best?.id;
}

function overlaps(a: Rect, b: Rect, gap: number): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/**
 * The free spot nearest to `wanted` (a top-left corner) where a node of `size` overlaps no other
 * node, searched on a grid of node-sized steps, so repeated clicks in the palette fan new nodes out
 * instead of stacking them. Frames do not count as obstacles: nodes are meant to go inside them.
 */
export function freeSpot(wanted: Point, size: Size, obstacles: Rect[], gap = 24): Point {
  const stepX = size.width + gap;
  const stepY = size.height + gap;
  const candidates: Point[] = [];
  for (let ring = 0; ring <= 6; ring++) {
    for (let row = -ring; row <= ring; row++) {
      for (let col = -ring; col <= ring; col++) {
        if (Math.max(Math.abs(row), Math.abs(col)) !== ring) continue;
        candidates.push({ x: wanted.x + col * stepX, y: wanted.y + row * stepY });
      }
    }
  }
  // Prefer spots beside the wanted one over spots above or below: diagrams read left to right.
  const distance = (p: Point) => Math.hypot(p.x - wanted.x, (p.y - wanted.y) * 2.5);
  candidates.sort((a, b) => distance(a) - distance(b));
  return candidates.find((c) => !obstacles.some((o) => overlaps({ ...c, ...size }, o, gap / 2))) ?? wanted;
}
