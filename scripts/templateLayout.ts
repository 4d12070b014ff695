import { FORMAT_NAME, FORMAT_VERSION, type BoardEdge, type BoardNode } from '../src/shared/format';
import { COMPONENT_NODE_SIZE } from '../src/shared/catalog/nodeSize';
import { absoluteRects, edgeMidpoint, edgeRoute, isFrame, labelRect, overlaps, segmentCrossesRect, SIDES, type Point, type Rect, type Side } from '../src/doc/geometry';
import type { CaseStudy, EdgeSpec, NodeSpec, StageId } from './caseStudies/types';

/**
 * Turns a case-study description into a template board: nodes on a cell grid inside their stage
 * frame, frames on a grid of stages (frames sharing a grid column share its width, frames in a row
 * share its height), and each edge given the pair of handles that face each other.
 */
export const GRID = {
  gapX: 140,
  gapY: 70,
  padX: 40,
  padTop: 64,
  padBottom: 40,
  frameGap: 120,
} as const;

const CELL_W = COMPONENT_NODE_SIZE.width + GRID.gapX;
const CELL_H = COMPONENT_NODE_SIZE.height + GRID.gapY;

const STAGE_TITLES: Record<StageId, string> = {
  data: 'Data',
  training: 'Offline training',
  serving: 'Online serving',
  monitoring: 'Monitoring',
};

export const DEFAULT_ARRANGEMENT: StageId[][] = [
  ['data', 'training'],
  ['serving', 'monitoring'],
];

const frameId = (stage: StageId) => `stage-${stage}`;

function sizeOf(spec: NodeSpec) {
  if (!spec.cells) return COMPONENT_NODE_SIZE;
  const [w, h] = spec.cells;
  return { width: w * CELL_W - GRID.gapX, height: h * CELL_H - GRID.gapY };
}

function contentSize(nodes: NodeSpec[]) {
  let width = 0;
  let height = 0;
  for (const spec of nodes) {
    const size = sizeOf(spec);
    width = Math.max(width, spec.at[0] * CELL_W + size.width);
    height = Math.max(height, spec.at[1] * CELL_H + size.height);
  }
  return { width: width + 2 * GRID.padX, height: height + GRID.padTop + GRID.padBottom };
}

export function layoutCaseStudy(study: CaseStudy) {
  const arrangement = study.arrangement ?? DEFAULT_ARRANGEMENT;
  const sizes = new Map((Object.keys(study.stages) as StageId[]).map((stage) => [stage, contentSize(study.stages[stage].nodes)]));
  const columns = Math.max(...arrangement.map((row) => row.length));
  // A frame that spans to the right edge does not set its column's width.
  const spans = (row: StageId[], c: number) => row.length < columns && c === row.length - 1;
  const colWidths = Array.from({ length: columns }, (_, c) => Math.max(0, ...arrangement.map((row) => (row[c] && !spans(row, c) ? sizes.get(row[c])!.width : 0))));
  const rowHeights = arrangement.map((row) => Math.max(...row.map((stage) => sizes.get(stage)!.height)));

  const xOf = (c: number) => colWidths.slice(0, c).reduce((sum, w) => sum + w + GRID.frameGap, 0);
  const totalWidth = Math.max(xOf(columns) - GRID.frameGap, ...arrangement.flatMap((row) => row.map((stage, c) => (spans(row, c) ? xOf(c) + sizes.get(stage)!.width : 0))));

  const nodes: BoardNode[] = [];
  arrangement.forEach((row, r) => {
    const y = rowHeights.slice(0, r).reduce((sum, h) => sum + h + GRID.frameGap, 0);
    row.forEach((stage, c) => {
      const x = xOf(c);
      // The last frame of a row with fewer frames than the widest row spans the remaining width.
      const width = spans(row, c) ? totalWidth - x : colWidths[c];
      const spec = study.stages[stage];
      nodes.push({
        id: frameId(stage),
        type: 'group',
        title: spec.title ?? STAGE_TITLES[stage],
        position: { x, y },
        size: { width, height: rowHeights[r] },
        props: { stage },
      });
      for (const child of spec.nodes) {
        nodes.push({
          id: child.id,
          type: child.type,
          title: child.title,
          position: { x: GRID.padX + child.at[0] * CELL_W, y: GRID.padTop + child.at[1] * CELL_H },
          ...(child.cells ? { size: sizeOf(child) } : {}),
          parentId: frameId(stage),
          props: child.props ?? {},
        });
      }
    });
  });

  const rects = absoluteRects(nodes);
  const obstacles = nodes.filter((n) => !isFrame(n)).map((n) => ({ id: n.id, rect: rects.get(n.id)! }));
  // Which way each handle is already used, so one side does not both send and receive.
  const handleUse = new Map<string, 'in' | 'out'>();
  const usedIds = new Set<string>();
  const ids = study.edges.map((spec) => {
    let id = `${spec.source}--${spec.target}`;
    for (let n = 2; usedIds.has(id); n++) id = `${spec.source}--${spec.target}-${n}`;
    usedIds.add(id);
    return id;
  });
  // Edges inside a frame carry the main flow: they pick their handles first.
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  const crossesFrames = (spec: EdgeSpec) => Number(parentOf.get(spec.source) !== parentOf.get(spec.target));
  const order = study.edges.map((_spec, i) => i).sort((a, b) => crossesFrames(study.edges[a]) - crossesFrames(study.edges[b]) || a - b);
  const edges: BoardEdge[] = [];
  const routes: Point[][] = [];
  const labels: Rect[] = [];
  for (const i of order) {
    const spec = study.edges[i];
    const id = ids[i];
    const source = rects.get(spec.source);
    const target = rects.get(spec.target);
    if (!source || !target) throw new Error(`${study.info.id}: edge ${id} names a node that does not exist`);
    const others = obstacles.filter((o) => o.id !== spec.source && o.id !== spec.target).map((o) => o.rect);
    const ends = [source, target];
    let best: { cost: number; from: Side; to: Side } | undefined;
    for (const from of spec.sourceHandle ? [spec.sourceHandle] : SIDES) {
      for (const to of spec.targetHandle ? [spec.targetHandle] : SIDES) {
        if (from === to && !(spec.sourceHandle && spec.targetHandle)) continue;
        const route = edgeRoute({ sourceHandle: from, targetHandle: to }, source, target);
        let cost = routeCost(route, others) + routeCost(route.slice(1, -1), ends) + EDGE_CROSSING_COST * crossingsWith(route, routes);
        const label = spec.label ? labelRect(spec.label, edgeMidpoint(route)) : undefined;
        if (label && [...others, source, target, ...labels].some((r) => overlaps(label, r))) cost += LABEL_ON_NODE_COST;
        cost += facesAway(from, source, target) + facesAway(to, target, source);
        if (handleUse.get(`${spec.source}:${from}`) === 'in') cost += MIXED_HANDLE_COST;
        if (handleUse.get(`${spec.target}:${to}`) === 'out') cost += MIXED_HANDLE_COST;
        if (!best || cost < best.cost) best = { cost, from, to };
      }
    }
    const route = edgeRoute({ sourceHandle: best!.from, targetHandle: best!.to }, source, target);
    routes.push(route);
    if (spec.label) labels.push(labelRect(spec.label, edgeMidpoint(route)));
    handleUse.set(`${spec.source}:${best!.from}`, 'out');
    handleUse.set(`${spec.target}:${best!.to}`, 'in');
    edges[i] = {
      id,
      source: spec.source,
      target: spec.target,
      sourceHandle: best!.from,
      targetHandle: best!.to,
      kind: spec.kind,
      ...(spec.label ? { label: spec.label } : {}),
    };
  }

  return { format: FORMAT_NAME, version: FORMAT_VERSION, title: study.info.title, nodes, edges, template: study.info };
}

/**
 * Handles are chosen per edge by cost: running through another node costs most, then a handle that
 * points away from the other end, then a side that both sends and receives; then the route's length.
 */
const CROSSING_COST = 100_000;
const AWAY_COST = 2_000;
const MIXED_HANDLE_COST = 250;
const EDGE_CROSSING_COST = 300;
const LABEL_ON_NODE_COST = 20_000;

const OUTWARD: Record<Side, Point> = { top: { x: 0, y: -1 }, bottom: { x: 0, y: 1 }, left: { x: -1, y: 0 }, right: { x: 1, y: 0 } };

function center(rect: Rect): Point {
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}

function facesAway(side: Side, own: Rect, other: Rect): number {
  const from = center(own);
  const to = center(other);
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

function routeCost(route: Point[], obstacles: Rect[]): number {
  let cost = 0;
  for (let i = 1; i < route.length; i++) {
    const [a, b] = [route[i - 1], route[i]];
    cost += Math.hypot(b.x - a.x, b.y - a.y);
    for (const rect of obstacles) {
      const inner = { x: rect.x + 2, y: rect.y + 2, width: rect.width - 4, height: rect.height - 4 };
      if (segmentCrossesRect(a, b, inner)) cost += CROSSING_COST;
    }
  }
  return cost;
}
