import type { EdgeKind } from '../shared/catalog/edgeKinds';
import type { BoardFile } from '../shared/format';
import { FORMAT_NAME, FORMAT_VERSION } from '../shared/formatBasics';
import { parseBoardValue } from '../shared/parseBoard';
import { BoardModel } from './model';
import type { Finding, Fix, Rule } from './types';

/**
 * Small boards for the review's tests, written as a list of nodes and edges and turned into real,
 * validated board files by the same parser every import goes through.
 */
export interface NodeSpec {
  id: string;
  type: string;
  title?: string;
  props?: Record<string, unknown>;
}

export type EdgeSpec = [source: string, target: string, kind: EdgeKind];

export interface BoardSpec {
  nodes: NodeSpec[];
  edges: EdgeSpec[];
}

export function makeBoard({ nodes, edges }: BoardSpec): BoardFile {
  const result = parseBoardValue({
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    title: 'Review test board',
    nodes: nodes.map((n, index) => ({
      id: n.id,
      type: n.type,
      title: n.title ?? n.id,
      position: { x: (index % 6) * 300, y: Math.floor(index / 6) * 200 },
      props: n.props ?? {},
    })),
    edges: edges.map(([source, target, kind], index) => ({ id: `e${index}-${source}-${target}`, source, target, kind })),
  });
  if (!result.ok) throw new Error(result.error);
  return result.board;
}

export interface SpecChanges {
  /** Nodes to drop, with every edge touching them. */
  remove?: string[];
  /** Properties to merge into existing nodes, by node id. */
  props?: Record<string, Record<string, unknown>>;
  addNodes?: NodeSpec[];
  addEdges?: EdgeSpec[];
  /** Edges to drop, as [source, target]. */
  removeEdges?: [string, string][];
}

/** A copy of a spec with some changes: how each test derives a flawed board from a sound one. */
export function edit(spec: BoardSpec, changes: SpecChanges): BoardSpec {
  const removed = new Set(changes.remove ?? []);
  const droppedEdges = new Set((changes.removeEdges ?? []).map(([s, t]) => `${s}>${t}`));
  const nodes = spec.nodes.filter((n) => !removed.has(n.id)).map((n) => (changes.props?.[n.id] ? { ...n, props: { ...n.props, ...changes.props[n.id] } } : n));
  const edges = spec.edges.filter(([s, t]) => !removed.has(s) && !removed.has(t) && !droppedEdges.has(`${s}>${t}`));
  return { nodes: [...nodes, ...(changes.addNodes ?? [])], edges: [...edges, ...(changes.addEdges ?? [])] };
}

/**
 * A sound design for ad click prediction that every rule accepts: logged events feed labels and a
 * feature store; a calibrated, downsampled trainer is evaluated and registered; requests go through an
 * experiment, candidate generation over an index, a ranker backed by a model server, and a re-ranker,
 * within the app's SLO, with a fallback; models roll out by shadow then canary, behind an experiment with
 * guardrails; a monitor watches the model server.
 */
export const SOUND_DESIGN: BoardSpec = {
  nodes: [
    { id: 'app', type: 'client-app', title: 'Feed app', props: { latencySloMs: 200 } },
    { id: 'events', type: 'message-queue', title: 'Impressions and clicks' },
    { id: 'logs', type: 'data-source', title: 'Interaction log', props: { pii: true, privacyNote: 'Pseudonymised ids; deleted after 90 days' } },
    { id: 'pipeline', type: 'data-pipeline', title: 'Feature pipeline' },
    { id: 'features', type: 'feature-store', title: 'Feature store', props: { latencyBudgetMs: 20 } },
    { id: 'labels', type: 'labeling', title: 'Click labels' },
    { id: 'trainer', type: 'trainer', title: 'DCN trainer', props: { negativeSamplingRate: 0.1, calibration: 'downsampling correction', positionBias: 'position feature' } },
    { id: 'eval', type: 'evaluation', title: 'Offline evaluation', props: { offlineMetrics: ['normalised cross-entropy'] } },
    { id: 'registry', type: 'model-registry', title: 'Registry', props: { rollout: 'shadow then canary' } },
    { id: 'experiment', type: 'ab-test', title: 'A/B test', props: { primaryMetric: 'CTR', guardrailMetrics: ['p99 latency', 'hide rate'] } },
    { id: 'cg', type: 'candidate-generation', title: 'Ad targeting', props: { sources: ['advertiser targeting'], exploration: 'new ads get a share of impressions', latencyBudgetMs: 30 } },
    { id: 'index', type: 'vector-index', title: 'Ad index', props: { itemCount: 10_000_000, latencyBudgetMs: 20 } },
    { id: 'ranker', type: 'ranker', title: 'Ranker', props: { candidatesScored: 500, latencyBudgetMs: 60 } },
    { id: 'server', type: 'model-server', title: 'Model server', props: { latencyBudgetMs: 50, fallback: 'previous model version' } },
    { id: 'rerank', type: 're-ranker', title: 'Diversity', props: { latencyBudgetMs: 10 } },
    { id: 'monitor', type: 'monitor', title: 'Monitor' },
  ],
  edges: [
    ['app', 'events', 'streaming'],
    ['events', 'pipeline', 'streaming'],
    ['logs', 'pipeline', 'batch'],
    ['pipeline', 'features', 'batch'],
    ['events', 'labels', 'streaming'],
    ['labels', 'trainer', 'batch'],
    ['features', 'trainer', 'batch'],
    ['trainer', 'eval', 'batch'],
    ['eval', 'registry', 'batch'],
    ['registry', 'server', 'batch'],
    ['app', 'experiment', 'online'],
    ['experiment', 'cg', 'online'],
    ['cg', 'index', 'online'],
    ['cg', 'ranker', 'online'],
    ['ranker', 'features', 'online'],
    ['ranker', 'server', 'online'],
    ['ranker', 'rerank', 'online'],
    ['rerank', 'app', 'online'],
    ['server', 'monitor', 'streaming'],
  ],
};

/** What one rule finds on a board built from a spec. */
export function check(rule: Rule, spec: BoardSpec): Finding[] {
  return rule.check(new BoardModel(makeBoard(spec)));
}

/** A spec with a finding's fix applied the way applyFix applies it to a live board (there, through the binding). */
export function withFix(spec: BoardSpec, fix: Fix | undefined): BoardSpec {
  if (!fix) throw new Error('The finding offers no fix');
  let result = spec;
  for (const operation of fix.operations) {
    if (operation.op === 'set-prop') result = edit(result, { props: { [operation.nodeId]: { [operation.key]: operation.value } } });
    else if (operation.op === 'add-node') result = edit(result, { addNodes: [{ id: operation.ref, type: operation.type, title: operation.title, props: operation.props }] });
    else result = edit(result, { addEdges: [[operation.source, operation.target, operation.kind]] });
  }
  return result;
}
