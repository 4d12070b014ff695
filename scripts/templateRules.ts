import { getNodeType, variantOf } from '../src/shared/catalog';
import type { BoardFile, BoardNode } from '../src/shared/format';
import { parseBoardValue } from '../src/shared/parseBoard';
import { absoluteRects, isFrame, labelRect, nodeSize, overlaps } from '../src/doc/geometry';
import { edgeRoute, segmentsThrough } from '../src/doc/edgeRoute';

/**
 * What a case-study template must satisfy beyond the board format: a complete case study, the whole
 * ML lifecycle on the diagram, filled-in properties, and a layout that reads. Each rule is a pure
 * function of a parsed board returning the problems it finds, each naming the node or edge at fault.
 */
export interface Problem {
  rule: string;
  /** The node or edge at fault, when there is one. */
  subject?: string;
  message: string;
}

export type Rule = (board: BoardFile) => Problem[];

export const REQUIRED_STAGES = ['data', 'training', 'serving', 'monitoring'] as const;

/** Space a frame keeps around its nodes; the top holds the frame's title. */
export const FRAME_MARGIN = { top: 40, side: 12 } as const;

/** Properties an interviewer expects filled in on each node type. */
const REQUIRED_PROPS: Record<string, string[]> = {
  'client-app': ['latencySloMs'],
  'model-server': ['mode'],
  trainer: ['architecture', 'loss'],
  'feature-store': ['onlineStore', 'offlineStore'],
  evaluation: ['offlineMetrics'],
  'ab-test': ['primaryMetric'],
  monitor: ['mlMetrics', 'driftTest'],
};

const problem = (rule: string, message: string, subject?: string): Problem => ({ rule, message, ...(subject ? { subject } : {}) });
const nodeName = (node: BoardNode) => `node "${node.id}"${node.title ? ` (${node.title})` : ''}`;
const isEmpty = (value: unknown) => value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

function stageOf(board: BoardFile, node: BoardNode): string | undefined {
  const frame = board.nodes.find((n) => n.id === node.parentId);
  return frame ? (frame.props.stage as string) : undefined;
}

export const templateBlock: Rule = (board) => {
  if (!board.template) return [problem('template-block', 'the file has no template block (prompt, questions, framing, metrics, steps)')];
  if (!board.template.followUps?.length) return [problem('template-block', 'the template block has no followUps for the interviewer')];
  return [];
};

export const stagesPresent: Rule = (board) => {
  const stages = new Set(board.nodes.filter(isFrame).map((n) => n.props.stage));
  return REQUIRED_STAGES.filter((s) => !stages.has(s)).map((s) => problem('stages', `no stage frame with stage "${s}"`));
};

export const lifecycleNodes: Rule = (board) => {
  const types = new Set(board.nodes.map((n) => n.type));
  const missing: Problem[] = [];
  if (!types.has('monitor')) missing.push(problem('lifecycle', 'no monitor node: the model would degrade silently under drift'));
  if (!types.has('evaluation')) missing.push(problem('lifecycle', 'no evaluation node: no way to compare models before launch'));
  if (!types.has('trainer')) missing.push(problem('lifecycle', 'no trainer node'));
  return missing;
};

/** At least one feedback edge from serving (or from a logging stream) back to data or training. */
export const feedbackLoop: Rule = (board) => {
  const byId = new Map(board.nodes.map((n) => [n.id, n]));
  const closesLoop = board.edges.some((edge) => {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (edge.kind !== 'feedback' || !source || !target) return false;
    const fromServing = stageOf(board, source) === 'serving' || source.type === 'message-queue';
    const toLearning = ['data', 'training'].includes(stageOf(board, target) ?? '');
    return fromServing && toLearning;
  });
  return closesLoop ? [] : [problem('feedback', 'no feedback edge from serving or logging back to data or training')];
};

export const requiredProperties: Rule = (board) =>
  board.nodes.flatMap((node) => {
    const found: Problem[] = [];
    for (const key of REQUIRED_PROPS[node.type] ?? []) {
      if (isEmpty(node.props[key])) found.push(problem('properties', `${nodeName(node)}: property "${key}" is empty`, node.id));
    }
    if (node.type === 'model-server' && node.props.mode === 'online' && isEmpty(node.props.latencyBudgetMs))
      found.push(problem('properties', `${nodeName(node)}: an online model server needs a latency budget`, node.id));
    if (node.type === 'data-source' && node.props.pii === true && isEmpty(node.props.privacyNote))
      found.push(problem('privacy', `${nodeName(node)}: holds personal data but has no privacy note`, node.id));
    return found;
  });

export const calibration: Rule = (board) =>
  board.nodes
    .filter((n) => n.type === 'trainer' && typeof n.props.negativeSamplingRate === 'number' && n.props.negativeSamplingRate < 1 && n.props.calibration === 'none')
    .map((n) => problem('calibration', `${nodeName(n)}: downsamples negatives but has no calibration`, n.id));

/**
 * Walks the online request path from each client app: every stage on it with a latency budget field
 * must fill it in, and the budgets along any path must add up to no more than the app's SLO.
 */
export const latencyBudgets: Rule = (board) => {
  const byId = new Map(board.nodes.map((n) => [n.id, n]));
  const next = new Map<string, string[]>();
  for (const edge of board.edges) if (edge.kind === 'online') next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  const found: Problem[] = [];
  const reported = new Set<string>();
  for (const app of board.nodes.filter((n) => n.type === 'client-app')) {
    const slo = app.props.latencySloMs;
    let worst: { total: number; path: string[] } = { total: 0, path: [] };
    const walk = (id: string, total: number, path: string[]) => {
      if (total > worst.total) worst = { total, path };
      for (const to of next.get(id) ?? []) {
        const node = byId.get(to);
        if (!node || node.type === 'client-app' || path.includes(to)) continue;
        const hasBudget = getNodeType(node.type)?.props.shape.latencyBudgetMs !== undefined;
        const budget = typeof node.props.latencyBudgetMs === 'number' ? node.props.latencyBudgetMs : 0;
        if (hasBudget && node.props.latencyBudgetMs === undefined && node.props.mode !== 'batch' && !reported.has(to)) {
          reported.add(to);
          found.push(problem('latency', `${nodeName(node)}: on the online path from "${app.id}" but has no latency budget`, to));
        }
        walk(to, total + budget, [...path, to]);
      }
    };
    walk(app.id, 0, []);
    if (typeof slo === 'number' && worst.total > slo)
      found.push(problem('latency', `${nodeName(app)}: the online path ${worst.path.join(' -> ')} uses ${worst.total} ms, over the ${slo} ms SLO`, app.id));
  }
  return found;
};

/** No two nodes overlap, except a frame and the nodes it holds. */
export const noOverlap: Rule = (board) => {
  const rects = absoluteRects(board.nodes);
  const found: Problem[] = [];
  board.nodes.forEach((a, i) => {
    for (const b of board.nodes.slice(i + 1)) {
      if (a.parentId === b.id || b.parentId === a.id) continue;
      if (overlaps(rects.get(a.id)!, rects.get(b.id)!)) found.push(problem('overlap', `${nodeName(a)} overlaps ${nodeName(b)}`, a.id));
    }
  });
  return found;
};

/** Every component node sits in a stage frame, inside it with room for the frame's title. */
export const insideFrames: Rule = (board) => {
  const byId = new Map(board.nodes.map((n) => [n.id, n]));
  const found: Problem[] = [];
  for (const node of board.nodes) {
    if (isFrame(node)) continue;
    const frame = node.parentId === undefined ? undefined : byId.get(node.parentId);
    if (!frame) {
      if (variantOf(node.type) === 'component') found.push(problem('frame', `${nodeName(node)} is not in a stage frame`, node.id));
      continue;
    }
    const frameSize = nodeSize(frame);
    const size = nodeSize(node);
    const { x, y } = node.position;
    const fits = x >= FRAME_MARGIN.side && y >= FRAME_MARGIN.top && x + size.width <= frameSize.width - FRAME_MARGIN.side && y + size.height <= frameSize.height - FRAME_MARGIN.side;
    if (!fits) found.push(problem('frame', `${nodeName(node)} does not fit inside its frame "${frame.id}" with margin`, node.id));
  }
  return found;
};

/** No edge is drawn through a node that is neither of its ends. */
export const edgesClearOfNodes: Rule = (board) => {
  const rects = absoluteRects(board.nodes);
  const obstacles = board.nodes.filter((n) => !isFrame(n));
  const found: Problem[] = [];
  for (const edge of board.edges) {
    const source = rects.get(edge.source);
    const target = rects.get(edge.target);
    if (!source || !target) continue;
    const { points: route, label: labelAt } = edgeRoute(edge, source, target);
    const label = edge.label ? labelRect(edge.label, labelAt) : undefined;
    for (const node of obstacles) {
      const rect = rects.get(node.id)!;
      if (label && overlaps(label, rect)) found.push(problem('edge-label', `the label of edge "${edge.id}" ("${edge.label}") lies on ${nodeName(node)}`, edge.id));
      if (segmentsThrough(route, rect, node.id === edge.source || node.id === edge.target) > 0)
        found.push(problem('edge-crossing', `edge "${edge.id}" (${edge.source} -> ${edge.target}) runs through ${nodeName(node)}`, edge.id));
    }
  }
  const labels = board.edges.flatMap((edge) => {
    const source = rects.get(edge.source);
    const target = rects.get(edge.target);
    return edge.label && source && target ? [{ edge, rect: labelRect(edge.label, edgeRoute(edge, source, target).label) }] : [];
  });
  labels.forEach((a, i) => {
    for (const b of labels.slice(i + 1)) if (overlaps(a.rect, b.rect)) found.push(problem('edge-label', `the labels of edges "${a.edge.id}" and "${b.edge.id}" overlap`, a.edge.id));
  });
  return found;
};

export const TEMPLATE_RULES: Rule[] = [templateBlock, stagesPresent, lifecycleNodes, feedbackLoop, requiredProperties, calibration, latencyBudgets, noOverlap, insideFrames, edgesClearOfNodes];

export type TemplateCheck = { ok: true; board: BoardFile } | { ok: false; problems: Problem[] };

/** Parses a template file's value and applies every rule; `id` is the file name without `.json`. */
export function checkTemplate(id: string, value: unknown): TemplateCheck {
  const parsed = parseBoardValue(value);
  if (!parsed.ok) return { ok: false, problems: [problem('format', parsed.error)] };
  const problems = TEMPLATE_RULES.flatMap((rule) => rule(parsed.board));
  if (parsed.board.template && parsed.board.template.id !== id) problems.unshift(problem('template-block', `the template id "${parsed.board.template.id}" differs from the file name "${id}"`));
  return problems.length ? { ok: false, problems } : { ok: true, board: parsed.board };
}
