import { getNodeType, variantOf } from '../catalog';
import { COMPONENT_NODE_SIZE } from '../shared/catalog/nodeSize';
import type { BoardEdge, BoardNode } from '../shared/format';

/**
 * The board's geometry, computed from the document alone (no rendering): node sizes, absolute
 * positions, which frame a point falls in, a free spot for a new node, the sides and handles edges
 * attach to and the boxes of their labels (how an edge runs between them: ./edgeRoute.ts, and the path the board draws for a routed one: ./edgePath.ts). The binding,
 * auto-layout, the edges on the canvas, template checks and the gallery previews all read it here, so a
 * template is checked at the size the board draws it. Frames hold nodes one level deep only.
 */
/** The background grid and the snap step share one size, so snapped nodes sit on the dots. */
export const GRID_SIZE = 20;

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
  return variantOf(typeId) === 'group';
}

/** Components have one fixed size; frames and notes carry theirs (or start at their type's default). */
export function nodeSize(node: Pick<BoardNode, 'type' | 'size'>): Size {
  const type = getNodeType(node.type);
  if (!type || type.variant === 'component') return COMPONENT_NODE_SIZE;
  return node.size ?? type.defaultSize ?? COMPONENT_NODE_SIZE;
}

/** Frames do not nest: a node's absolute position is its own plus its frame's. */
export function absolutePosition(node: Pick<Placed, 'position' | 'parentId'>, lookup: (id: string) => Pick<Placed, 'position'> | undefined): Point {
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

/** Whether two rectangles overlap, or come closer than `gap`. */
export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
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

// ---- edges between handles, labels, bounds ----

export type Side = 'top' | 'right' | 'bottom' | 'left';
export const SIDES: readonly Side[] = ['top', 'right', 'bottom', 'left'];

type Positioned = Pick<BoardNode, 'id' | 'type' | 'position' | 'size' | 'parentId'>;

export function isFrame(node: Pick<BoardNode, 'type'>): boolean {
  return isFrameType(node.type);
}

/** Absolute rectangles of all nodes by id: a child's position is relative to its frame. */
export function absoluteRects(nodes: readonly Positioned[]): Map<string, Rect> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return new Map(nodes.map((node) => [node.id, absoluteRect(node, (id) => byId.get(id))]));
}

export function boundsOf(rects: Iterable<Rect>): Rect {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  if (minX === Infinity) return { x: 0, y: 0, width: 0, height: 0 };
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

export function handlePoint(rect: Rect, side: Side): Point {
  switch (side) {
    case 'top':
      return { x: rect.x + rect.width / 2, y: rect.y };
    case 'bottom':
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height };
    case 'left':
      return { x: rect.x, y: rect.y + rect.height / 2 };
    case 'right':
      return { x: rect.x + rect.width, y: rect.y + rect.height / 2 };
  }
}

/**
 * The sides an edge leaves and enters by when the file names none: the pair facing each other across
 * the wider gap between the two nodes, so most edges run straight.
 */
export function facingSides(source: Rect, target: Rect): { source: Side; target: Side } {
  const gapX = Math.max(target.x - (source.x + source.width), source.x - (target.x + target.width));
  const gapY = Math.max(target.y - (source.y + source.height), source.y - (target.y + target.height));
  if (gapX >= gapY) return target.x >= source.x ? { source: 'right', target: 'left' } : { source: 'left', target: 'right' };
  return target.y >= source.y ? { source: 'bottom', target: 'top' } : { source: 'top', target: 'bottom' };
}

/** `.edge-label`'s max-width, and what its padding and border take of it (src/styles/board.css). */
const LABEL_MAX_WIDTH = 180;
const LABEL_FRAME = 20;
const LABEL_LINE = 16;

/**
 * The box an edge label takes, centred on the curve, as Chromium draws `.edge-label` (13 px bold, 8 px
 * padding each side, 16 px lines): about 8 px per character, wrapped within its max-width of 180 px
 * onto at most three lines.
 */
export function labelRect(text: string, at: Point): Rect {
  const textWidth = text.length * 8;
  const width = Math.min(LABEL_MAX_WIDTH, textWidth + LABEL_FRAME);
  const lines = Math.min(3, Math.max(1, Math.ceil(textWidth / (LABEL_MAX_WIDTH - LABEL_FRAME))));
  const height = lines * LABEL_LINE + 6;
  return { x: at.x - width / 2, y: at.y - height / 2, width, height };
}

/** How far apart, along the side they share, the edges joining the same two cards are drawn. */
export const LANE_GAP = 16;

/**
 * The lane of each edge that shares its two cards with another (either way round; an edge to itself
 * has none): lanes are spread around the middle, -0.5 and 0.5 for two edges, -1, 0 and 1 for three,
 * in the order of the edges' ids, so every client draws them alike.
 */
export function edgeLanes(edges: readonly Pick<BoardEdge, 'id' | 'source' | 'target'>[]): Map<string, number> {
  const pairs = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.source === edge.target) continue;
    const key = edge.source < edge.target ? `${edge.source}\n${edge.target}` : `${edge.target}\n${edge.source}`;
    pairs.set(key, [...(pairs.get(key) ?? []), edge.id]);
  }
  const lanes = new Map<string, number>();
  for (const ids of pairs.values()) {
    if (ids.length < 2) continue;
    ids.sort().forEach((id, i) => lanes.set(id, i - (ids.length - 1) / 2));
  }
  return lanes;
}

/** An edge's end moved to its lane: along the side it attaches to. */
export function inLane(point: Point, side: Side, lane: number): Point {
  const shift = lane * LANE_GAP;
  return side === 'left' || side === 'right' ? { x: point.x, y: point.y + shift } : { x: point.x + shift, y: point.y };
}
