import type { BoardEdge, BoardNode } from '../src/shared/format';
import { FORMAT_NAME, FORMAT_VERSION } from '../src/shared/formatBasics';
import { COMPONENT_NODE_SIZE } from '../src/shared/catalog/nodeSize';
import { absoluteRects, isFrame } from '../src/doc/geometry';
import { SidePlanner } from '../src/doc/edgeSides';
import type { CaseStudy, EdgeSpec, NodeSpec, StageId } from './caseStudies/types';

/**
 * Turns a case-study description into a template board: nodes on a cell grid inside their stage
 * frame, frames on a grid of stages (frames sharing a grid column share its width, frames in a row
 * share its height), and each edge given the sides that keep it clear of the other cards (src/doc/edgeSides.ts).
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
  const planner = new SidePlanner(
    rects,
    nodes.filter((n) => !isFrame(n)).map((n) => n.id),
  );
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
  for (const i of order) {
    const spec = study.edges[i];
    if (!rects.has(spec.source) || !rects.has(spec.target)) throw new Error(`${study.info.id}: edge ${ids[i]} names a node that does not exist`);
    const sides = planner.place(spec);
    edges[i] = {
      id: ids[i],
      source: spec.source,
      target: spec.target,
      sourceHandle: sides.source,
      targetHandle: sides.target,
      kind: spec.kind,
      ...(spec.label ? { label: spec.label } : {}),
    };
  }

  return { format: FORMAT_NAME, version: FORMAT_VERSION, title: study.info.title, nodes, edges, template: study.info };
}
