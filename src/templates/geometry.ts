import { absoluteRect, isFrameType, type Point, type Rect } from '../doc/bindingGeometry';
import type { BoardEdge, BoardNode } from '../shared/format';

/**
 * Board geometry computed from the data alone (no rendering): where each node sits on the board and
 * how an edge runs between its handles. Template checks, the template generator and the gallery
 * previews all read boards through these functions. Node sizes and positions are the binding's own
 * (../doc/bindingGeometry.ts), so a template is checked at the size the board draws it.
 */
export { nodeSize } from '../doc/bindingGeometry';
export type { Point, Rect };

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

export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
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

function asSide(handle: string | undefined): Side | undefined {
  return SIDES.includes(handle as Side) ? (handle as Side) : undefined;
}

/** How far a control point sits from its handle, as React Flow computes it for bezier edges. */
function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
}

function controlPoint(side: Side, from: Point, to: Point): Point {
  switch (side) {
    case 'left':
      return { x: from.x - controlOffset(from.x - to.x), y: from.y };
    case 'right':
      return { x: from.x + controlOffset(to.x - from.x), y: from.y };
    case 'top':
      return { x: from.x, y: from.y - controlOffset(from.y - to.y) };
    case 'bottom':
      return { x: from.x, y: from.y + controlOffset(to.y - from.y) };
  }
}

const ROUTE_SAMPLES = 24;

/**
 * The route of an edge as a polyline sampled from the bezier curve React Flow draws between the two
 * handles (its default edge), precise enough to tell whether an edge runs through a node.
 */
export function edgeRoute(edge: Pick<BoardEdge, 'sourceHandle' | 'targetHandle'>, source: Rect, target: Rect): Point[] {
  const facing = facingSides(source, target);
  const sourceSide = asSide(edge.sourceHandle) ?? facing.source;
  const targetSide = asSide(edge.targetHandle) ?? facing.target;
  const start = handlePoint(source, sourceSide);
  const end = handlePoint(target, targetSide);
  const c1 = controlPoint(sourceSide, start, end);
  const c2 = controlPoint(targetSide, end, start);
  return Array.from({ length: ROUTE_SAMPLES + 1 }, (_, i) => {
    const t = i / ROUTE_SAMPLES;
    const u = 1 - t;
    return {
      x: u * u * u * start.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * end.x,
      y: u * u * u * start.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * end.y,
    };
  });
}

/** The middle of an edge's curve, where its label is drawn. */
export function edgeMidpoint(route: Point[]): Point {
  return route[Math.floor(route.length / 2)];
}

/** The box an edge label takes, centred on the curve: about 7 px per character at the board's label size. */
export function labelRect(text: string, at: Point): Rect {
  const width = text.length * 7 + 16;
  return { x: at.x - width / 2, y: at.y - 11, width, height: 22 };
}

/** Whether the segment a-b passes through the inside of the rectangle (Liang-Barsky clipping). */
export function segmentCrossesRect(a: Point, b: Point, rect: Rect): boolean {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  const clips: [number, number][] = [
    [-dx, a.x - rect.x],
    [dx, rect.x + rect.width - a.x],
    [-dy, a.y - rect.y],
    [dy, rect.y + rect.height - a.y],
  ];
  for (const [p, q] of clips) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  return true;
}
