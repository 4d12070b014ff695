import { handlePoint, SIDES, type Point, type Rect, type Side } from './geometry';
import { segmentCrossesRect } from './edgeRoute';

/**
 * A right-angled route for an edge through the gaps between cards, for an edge no curve keeps clear of
 * them (auto-layout asks for one; ./edgePath.ts draws it). The route runs on lines a clearance away from
 * every card's sides and through the middle of the gaps between them, leaves its source straight out of
 * one of its sides and enters its target straight into one; of those, the shortest, each turn counting
 * as a stretch of BEND_COST, and a side turned away from the other end as AWAY_COST more.
 */
const CLEARANCE = 24;
const BEND_COST = 160;
const AWAY_COST = 400;

/** The way out of each side, in SIDES order: up, right, down, left. */
const STEPS: readonly Point[] = [
  { x: 0, y: -1 },
  { x: 1, y: 0 },
  { x: 0, y: 1 },
  { x: -1, y: 0 },
];

export interface EdgeRouteAround {
  source: Side;
  target: Side;
  /** The corners between the two ends. */
  bends: Point[];
}

/** The route from `source` to `target` clear of `others` (and of its own two cards but where it leaves and enters them), if there is one. */
export function routeAround(source: Rect, target: Rect, others: readonly Rect[]): EdgeRouteAround | undefined {
  const obstacles = [source, target, ...others].map((r) => inflate(r, CLEARANCE - 1));
  const blocked = (p: Point) => obstacles.some((r) => strictlyInside(p, r));
  // Each end's handles, and the points a clearance straight out of them, where the route proper begins and ends.
  const stub = (rect: Rect, side: number) => {
    const p = handlePoint(rect, SIDES[side]);
    return { x: p.x + STEPS[side].x * CLEARANCE, y: p.y + STEPS[side].y * CLEARANCE };
  };
  const starts = SIDES.map((_, side) => stub(source, side));
  const goals = SIDES.map((_, side) => stub(target, side));
  const xs = gridLines([source, target, ...others], 'x', [...starts, ...goals]);
  const ys = gridLines([source, target, ...others], 'y', [...starts, ...goals]);
  const width = xs.length;
  const cellOf = (p: Point) => ys.indexOf(p.y) * width + xs.indexOf(p.x);
  const goalAt = new Map(goals.map((p, side) => [cellOf(p), side]));
  const towards = (from: Rect, to: Rect, side: number) => {
    const [a, b] = [centreOf(from), centreOf(to)];
    return STEPS[side].x * (b.x - a.x) + STEPS[side].y * (b.y - a.y) >= 0;
  };

  // States: a grid point and the way the route came into it (cell * 4 + direction).
  const cost = new Map<number, number>();
  const previous = new Map<number, number>();
  const queue = new Heap();
  for (const [side, p] of starts.entries()) {
    if (blocked(p)) continue;
    const state = (cellOf(p) << 2) | side;
    const initial = towards(source, target, side) ? 0 : AWAY_COST;
    cost.set(state, initial);
    queue.push(state, initial);
  }
  while (queue.size) {
    const [state, spent] = queue.pop();
    if (spent > cost.get(state)!) continue;
    const dir = state & 3;
    const cell = state >> 2;
    const [i, j] = [cell % width, Math.floor(cell / width)];
    const here = { x: xs[i], y: ys[j] };
    const goal = goalAt.get(cell);
    // At a target's stub, the route turns into its card, unless that means turning back.
    if (goal !== undefined && dir !== goal) {
      const path = stepsTo(state, previous, xs, ys, width);
      return {
        source: SIDES[path[0].dir],
        target: SIDES[goal],
        bends: corners([{ p: handlePoint(source, SIDES[path[0].dir]), dir: path[0].dir }, ...path, { p: handlePoint(target, SIDES[goal]), dir: (goal + 2) % 4 }]),
      };
    }
    for (let turn = 0; turn < 4; turn++) {
      if (turn === (dir + 2) % 4) continue;
      const [ni, nj] = [i + STEPS[turn].x, j + STEPS[turn].y];
      if (ni < 0 || nj < 0 || ni >= width || nj >= ys.length) continue;
      const there = { x: xs[ni], y: ys[nj] };
      if (blocked(there) || obstacles.some((r) => segmentCrossesRect(here, there, r))) continue;
      const arriving = goalAt.get(nj * width + ni);
      const entry = arriving === undefined ? 0 : (turn === (arriving + 2) % 4 ? 0 : BEND_COST) + (towards(target, source, arriving) ? 0 : AWAY_COST);
      const next = ((nj * width + ni) << 2) | turn;
      const total = spent + Math.abs(there.x - here.x) + Math.abs(there.y - here.y) + (turn === dir ? 0 : BEND_COST) + entry;
      if (total < (cost.get(next) ?? Infinity)) {
        cost.set(next, total);
        previous.set(next, state);
        queue.push(next, total);
      }
    }
  }
  return undefined;
}

/**
 * The lines a route may run on along one axis: a clearance out from each card's sides, through each
 * end's handles, and halfway across each gap between card sides wide enough for two clearances.
 */
function gridLines(rects: readonly Rect[], axis: 'x' | 'y', handles: readonly Point[]): number[] {
  const size = axis === 'x' ? 'width' : 'height';
  const sides = [...new Set(rects.flatMap((r) => [r[axis], r[axis] + r[size]]))].sort((a, b) => a - b);
  const lines = new Set(handles.map((p) => p[axis]));
  for (const r of rects) {
    lines.add(r[axis] - CLEARANCE);
    lines.add(r[axis] + r[size] + CLEARANCE);
  }
  for (let k = 1; k < sides.length; k++) if (sides[k] - sides[k - 1] > 2 * CLEARANCE) lines.add((sides[k] + sides[k - 1]) / 2);
  return [...lines].sort((a, b) => a - b);
}

/** The grid points from the route's start to `state`, each with the way the route came into it (the start: out of its side). */
function stepsTo(state: number, previous: ReadonlyMap<number, number>, xs: number[], ys: number[], width: number): Step[] {
  const path: Step[] = [];
  for (let s: number | undefined = state; s !== undefined; s = previous.get(s)) path.unshift({ p: { x: xs[(s >> 2) % width], y: ys[Math.floor((s >> 2) / width)] }, dir: s & 3 });
  return path;
}

interface Step {
  p: Point;
  dir: number;
}

/** The points where the route turns, without its two ends. */
function corners(path: Step[]): Point[] {
  return path.filter((step, k) => k > 0 && k < path.length - 1 && path[k + 1].dir !== step.dir).map((step) => step.p);
}

function inflate(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by };
}

function strictlyInside(p: Point, r: Rect): boolean {
  return p.x > r.x && p.x < r.x + r.width && p.y > r.y && p.y < r.y + r.height;
}

function centreOf(r: Rect): Point {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

/** A binary min-heap of states by cost. */
class Heap {
  private readonly items: [number, number][] = [];
  get size(): number {
    return this.items.length;
  }
  push(state: number, cost: number): void {
    const items = this.items;
    items.push([state, cost]);
    for (let k = items.length - 1; k > 0;) {
      const parent = (k - 1) >> 1;
      if (items[parent][1] <= items[k][1]) break;
      [items[parent], items[k]] = [items[k], items[parent]];
      k = parent;
    }
  }
  pop(): [number, number] {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length) {
      items[0] = last;
      for (let k = 0; ;) {
        const [l, r] = [2 * k + 1, 2 * k + 2];
        let least = k;
        if (l < items.length && items[l][1] < items[least][1]) least = l;
        if (r < items.length && items[r][1] < items[least][1]) least = r;
        if (least === k) break;
        [items[least], items[k]] = [items[k], items[least]];
        k = least;
      }
    }
    return top;
  }
}
