import type { Point, Side } from './geometry';

/**
 * How the board draws an edge auto-layout routed round the cards: right angles through its bends. The
 * routes auto-layout and the checks read (./edgeRoute.ts) take their points from here too, so what they
 * check is what the board draws.
 */

/** A routed edge: right angles through its bends, with rounded corners; `points` are sampled from the same corners as `d`. */
export interface RoutedPath {
  d: string;
  points: Point[];
  /**
   * Where the label goes: the middle of the longest level stretch as wide as the label, else of the
   * longest stretch. A label is wider than it is tall, and the level stretches run along the gaps between
   * rows, where the cards leave it room above and below.
   */
  label: Point;
}

const CORNER_RADIUS = 10;
/** How far a bend may stand off its end's line and still count as on it (positions are whole pixels). */
const ALIGNED = 1;
const CORNER_SAMPLES = 4;

/**
 * The path through `bends` from `source` (on its card's `sourceSide`) to `target`, or undefined when the
 * bends no longer fit the ends: a card moved since the route was made, so its first or last stretch would
 * not leave straight out of its side. The edge is then drawn as a curve again.
 */
export function routedPath(source: Point, sourceSide: Side, target: Point, targetSide: Side, bends: readonly Point[], labelWidth = 0): RoutedPath | undefined {
  if (!bends.length) return undefined;
  const inner = [...bends];
  const first = alignedTo(source, sourceSide, inner[0]);
  if (!first) return undefined;
  inner[0] = first;
  const last = alignedTo(target, targetSide, inner[inner.length - 1]);
  // One bend must lie on both ends' lines.
  if (!last || (inner.length === 1 && !alignedTo(source, sourceSide, last))) return undefined;
  inner[inner.length - 1] = last;
  const corners = [source, ...inner, target];
  let d = `M${source.x},${source.y}`;
  const points: Point[] = [source];
  for (let i = 1; i < corners.length - 1; i++) {
    const [a, b, c] = [corners[i - 1], corners[i], corners[i + 1]];
    const size = Math.min(distance(a, b) / 2, distance(b, c) / 2, CORNER_RADIUS);
    const before = towards(b, a, size);
    const after = towards(b, c, size);
    d += ` L${before.x},${before.y} Q${b.x},${b.y} ${after.x},${after.y}`;
    for (let s = 0; s <= CORNER_SAMPLES; s++) {
      const t = s / CORNER_SAMPLES;
      const u = 1 - t;
      points.push({ x: u * u * before.x + 2 * u * t * b.x + t * t * after.x, y: u * u * before.y + 2 * u * t * b.y + t * t * after.y });
    }
  }
  d += ` L${target.x},${target.y}`;
  points.push(target);
  const stretches = corners.slice(1).map((end, i) => ({ start: corners[i], end, length: distance(corners[i], end), level: corners[i].y === end.y }));
  const longest = (candidates: typeof stretches) => candidates.reduce((a, b) => (b.length > a.length ? b : a), candidates[0]);
  const roomy = stretches.filter((s) => s.level && s.length >= labelWidth);
  const { start, end } = longest(roomy.length ? roomy : stretches);
  const label = { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 };
  return { d, points, label };
}

/** The bend moved onto the line out of `side` from `end`, if it lies on it (within a pixel) and beyond the card. */
function alignedTo(end: Point, side: Side, bend: Point): Point | undefined {
  const vertical = side === 'top' || side === 'bottom';
  const across = vertical ? bend.x - end.x : bend.y - end.y;
  const along = side === 'top' ? end.y - bend.y : side === 'bottom' ? bend.y - end.y : side === 'left' ? end.x - bend.x : bend.x - end.x;
  if (Math.abs(across) > ALIGNED || along <= 0) return undefined;
  return vertical ? { x: end.x, y: bend.y } : { x: bend.x, y: end.y };
}

function distance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

function towards(from: Point, to: Point, by: number): Point {
  const length = distance(from, to);
  return length ? { x: from.x + ((to.x - from.x) * by) / length, y: from.y + ((to.y - from.y) * by) / length } : from;
}
