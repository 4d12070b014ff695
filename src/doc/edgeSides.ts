import { labelRect, overlaps, SIDES, type Point, type Rect, type Side } from './geometry';
import { edgeRoute, segmentsThrough } from './edgeRoute';

/**
 * Choosing the sides an edge leaves and enters by, so that it runs clear of the cards it does not
 * connect. The template builder gives every edge its sides this way; auto-layout does it for the
 * edges that would run through a card if their ends floated.
 *
 * Sides are chosen per edge by cost: running through another card costs most, then both ends on one
 * side (a loop round the cards), then a label on a card, then a side that points away from the other
 * end, then crossing an edge already placed, then a side that both sends and receives; then the
 * route's length. Edges placed earlier win ties, so
 * callers place the main flow first.
 */
const CROSSING_COST = 100_000;
const LABEL_ON_NODE_COST = 20_000;
/** Both ends on the same side: a loop round the cards, worth it only to keep clear of one. */
const SAME_SIDE_COST = 30_000;
const AWAY_COST = 2_000;
const EDGE_CROSSING_COST = 300;
const MIXED_HANDLE_COST = 250;

const OUTWARD: Record<Side, Point> = { top: { x: 0, y: -1 }, bottom: { x: 0, y: 1 }, left: { x: -1, y: 0 }, right: { x: 1, y: 0 } };

export interface SideRequest {
  source: string;
  target: string;
  label?: string;
  /** A side the edge must keep at that end. */
  sourceHandle?: Side;
  targetHandle?: Side;
}

export interface Sides {
  source: Side;
  target: Side;
}

/** Places edges one after another on a board of fixed cards (`rects` by id; `cards` are the ids routes must avoid). */
export class SidePlanner {
  private readonly routes: Point[][] = [];
  private readonly labels: Rect[] = [];
  /** Which way each side of a card is already used: `id:side` -> in or out. */
  private readonly use = new Map<string, 'in' | 'out'>();

  constructor(
    private readonly rects: ReadonlyMap<string, Rect>,
    private readonly cards: readonly string[],
  ) {}

  /** The cheapest sides for `edge`, recorded so later edges keep clear of it. */
  place(edge: SideRequest): Sides {
    const source = this.rects.get(edge.source);
    const target = this.rects.get(edge.target);
    if (!source || !target) throw new Error(`edge ${edge.source} -> ${edge.target} names a node that does not exist`);
    const others = this.cards.filter((id) => id !== edge.source && id !== edge.target).map((id) => this.rects.get(id)!);
    let best: (Sides & { cost: number }) | undefined;
    for (const from of edge.sourceHandle ? [edge.sourceHandle] : SIDES) {
      for (const to of edge.targetHandle ? [edge.targetHandle] : SIDES) {
        const { points: route, label: labelAt } = edgeRoute({ sourceHandle: from, targetHandle: to }, source, target);
        let cost = routeCost(route, others, source, target) + EDGE_CROSSING_COST * crossingsWith(route, this.routes);
        if (from === to && !(edge.sourceHandle && edge.targetHandle)) cost += SAME_SIDE_COST;
        const label = edge.label ? labelRect(edge.label, labelAt) : undefined;
        if (label && [...others, source, target, ...this.labels].some((r) => overlaps(label, r))) cost += LABEL_ON_NODE_COST;
        cost += facesAway(from, source, target) + facesAway(to, target, source);
        if (this.use.get(`${edge.source}:${from}`) === 'in') cost += MIXED_HANDLE_COST;
        if (this.use.get(`${edge.target}:${to}`) === 'out') cost += MIXED_HANDLE_COST;
        if (!best || cost < best.cost) best = { cost, source: from, target: to };
      }
    }
    this.keep(edge, best!);
    return { source: best!.source, target: best!.target };
  }

  /** Records an edge drawn between `sides` without choosing them. */
  keep(edge: Pick<SideRequest, 'source' | 'target' | 'label'>, sides: Sides): void {
    const route = edgeRoute({ sourceHandle: sides.source, targetHandle: sides.target }, this.rects.get(edge.source)!, this.rects.get(edge.target)!);
    this.routes.push(route.points);
    if (edge.label) this.labels.push(labelRect(edge.label, route.label));
    this.use.set(`${edge.source}:${sides.source}`, 'out');
    this.use.set(`${edge.target}:${sides.target}`, 'in');
  }
}

function centre(rect: Rect): Point {
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}

function facesAway(side: Side, own: Rect, other: Rect): number {
  const from = centre(own);
  const to = centre(other);
  const dot = OUTWARD[side].x * (to.x - from.x) + OUTWARD[side].y * (to.y - from.y);
  return dot < 0 ? AWAY_COST : 0;
}

function segmentsIntersect(a: Point, b: Point, c: Point, d: Point): boolean {
  const cross = (p: Point, q: Point, r: Point) => (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
  return cross(a, b, c) * cross(a, b, d) < 0 && cross(c, d, a) * cross(c, d, b) < 0;
}

/** How many times a route crosses the routes already placed (edges sharing a handle touch, not cross). */
function crossingsWith(route: Point[], placed: Point[][]): number {
  let count = 0;
  for (const other of placed) {
    for (let i = 1; i < route.length; i++) {
      for (let j = 1; j < other.length; j++) if (segmentsIntersect(route[i - 1], route[i], other[j - 1], other[j])) count++;
    }
  }
  return count;
}

function length(route: Point[]): number {
  let sum = 0;
  for (let i = 1; i < route.length; i++) sum += Math.hypot(route[i].x - route[i - 1].x, route[i].y - route[i - 1].y);
  return sum;
}

/** The route's length, its part between its ends' sides counted twice, and every segment through a card. */
function routeCost(route: Point[], others: Rect[], source: Rect, target: Rect): number {
  let crossings = 0;
  for (const rect of others) crossings += segmentsThrough(route, rect, false);
  for (const rect of [source, target]) crossings += segmentsThrough(route, rect, true);
  return length(route) + length(route.slice(1, -1)) + CROSSING_COST * crossings;
}
