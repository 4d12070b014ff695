import { facingSides, handlePoint, labelRect, SIDES, type Point, type Rect, type Side } from './geometry';
import { routedPath } from './edgePath';
import type { BoardEdge } from '../shared/format';

/**
 * How an edge runs on the board, computed from the document alone: the bezier curve React Flow draws
 * between its two handles, or, for an edge auto-layout routed round the cards, right angles through its
 * bends; and which cards a route runs through. Auto-layout, the side planner, the template rules and the
 * gallery previews read routes here, never the board itself, so this module stays out of the board's first
 * download. The board draws a routed edge from routedPath's own `d`, so what they check is what it draws.
 */
const ROUTE_SAMPLES = 24;

/** How an edge runs: a polyline along the line drawn, and where its label is drawn. */
export interface EdgeRoute {
  points: Point[];
  label: Point;
}

/**
 * The route of an edge: through its bends when it has bends that fit its ends (routedPath), else the
 * bezier curve React Flow draws between the two handles (its default edge), sampled as a polyline
 * precise enough to tell whether an edge runs through a node, with the label at its middle.
 */
export function edgeRoute(edge: Pick<BoardEdge, 'sourceHandle' | 'targetHandle' | 'bends' | 'label'>, source: Rect, target: Rect): EdgeRoute {
  const facing = facingSides(source, target);
  const sourceSide = asSide(edge.sourceHandle) ?? facing.source;
  const targetSide = asSide(edge.targetHandle) ?? facing.target;
  const start = handlePoint(source, sourceSide);
  const end = handlePoint(target, targetSide);
  const routed = edge.bends && routedPath(start, sourceSide, end, targetSide, edge.bends, edge.label ? labelRect(edge.label, start).width : 0);
  if (routed) return { points: routed.points, label: routed.label };
  const c1 = controlPoint(sourceSide, start, end);
  const c2 = controlPoint(targetSide, end, start);
  const points = Array.from({ length: ROUTE_SAMPLES + 1 }, (_, i) => {
    const t = i / ROUTE_SAMPLES;
    const u = 1 - t;
    return {
      x: u * u * u * start.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * end.x,
      y: u * u * u * start.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * end.y,
    };
  });
  return { points, label: points[ROUTE_SAMPLES / 2] };
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

/**
 * How many segments of an edge's route run through the inside of a card (2 px in from its border).
 * An edge leaves and enters its own ends (`ownEnd`) through their sides, so for them its first and
 * last segments do not count.
 */
export function segmentsThrough(route: readonly Point[], card: Rect, ownEnd: boolean): number {
  const inner = { x: card.x + 2, y: card.y + 2, width: card.width - 4, height: card.height - 4 };
  const [from, to] = ownEnd ? [1, route.length - 2] : [0, route.length - 1];
  let count = 0;
  for (let i = from; i < to; i++) if (segmentCrossesRect(route[i], route[i + 1], inner)) count++;
  return count;
}
