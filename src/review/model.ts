import { defaultProps, getNodeType, type CategoryId, type NodeProps, type NodeTypeDefinition } from '../catalog';
import type { EdgeKind } from '../shared/catalog/edgeKinds';
import type { NodeRole, Plane } from '../shared/catalog/types';
import type { BoardEdge, BoardFile } from '../shared/format';

/** A component on the board as the review sees it: its catalog type, its roles and where it runs. */
export interface ReviewNode {
  id: string;
  title: string;
  type: NodeTypeDefinition;
  /** The node's properties over its type's defaults, so a board saved before a property existed reads its default. */
  props: NodeProps;
  /**
   * Where the node runs on this board: its type's plane, except offline when its mode is "batch" (a batch
   * model server), or when a type without a mode has only batch flows (a filter inside a batch job).
   */
  plane: Plane;
}

/** One way through the board: the nodes from first to last and the edges between them. */
export interface BoardPath {
  nodes: ReviewNode[];
  edges: BoardEdge[];
}

/** The best-budgeted request path from one client: the stages it calls, one after another. */
export interface RequestPath {
  client: ReviewNode;
  stages: ReviewNode[];
  edges: BoardEdge[];
  totalMs: number;
}

export interface WalkOptions {
  /** Edge kinds to follow; every kind when omitted (the review reads paths, not how they were drawn). */
  kinds?: readonly EdgeKind[];
  direction?: 'down' | 'up';
  /** Reached nodes are reported, but the walk only continues past those this accepts. */
  through?: (node: ReviewNode) => boolean;
  /** Edges to follow, besides their kind (a request that only reads a store carries nothing into it). */
  follow?: (edge: BoardEdge) => boolean;
}

/** Every kind that carries something forward, leaving out feedback edges, which loop back. */
export const FORWARD: readonly EdgeKind[] = ['batch', 'streaming', 'online'];
/** The property online stages carry their share of the end-to-end latency in (see latencyBudget()). */
export const LATENCY_BUDGET = 'latencyBudgetMs';

export const hasRole = (node: ReviewNode, role: NodeRole): boolean => node.type.roles.includes(role);

export function hasField(node: ReviewNode, key: string): boolean {
  return key in node.type.props.shape;
}

export function numberProp(node: ReviewNode, key: string): number | undefined {
  const value = node.props[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A text property, trimmed; '' when missing. */
export function textProp(node: ReviewNode, key: string): string {
  const value = node.props[key];
  return typeof value === 'string' ? value.trim() : '';
}

/** A list property without its blank entries. */
export function listProp(node: ReviewNode, key: string): string[] {
  const value = node.props[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

/** How a node is named in a message: its title, or its type when the title is blank. */
export function nameOf(node: ReviewNode): string {
  return `"${plainName(node)}"`;
}

export function plainName(node: ReviewNode): string {
  return node.title.trim() || node.type.label;
}

/** Several nodes named as the subject of a sentence: "A", "A and B", "A, B and C". */
export function plainNames(nodes: readonly ReviewNode[]): string {
  const names = nodes.map(plainName);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Entities whose records happen in time, when a data source leaves its time order to its entity. */
const TIME_ORDERED_ENTITIES = new Set(['interactions', 'transactions', 'posts']);

/** Whether a data node's records happen in time (an event stream always does). */
export function isTimeOrdered(node: ReviewNode): boolean {
  if (hasRole(node, 'event-stream')) return textProp(node, 'timeOrdered') !== 'no';
  if (!hasRole(node, 'records')) return false;
  const declared = textProp(node, 'timeOrdered');
  return declared === 'yes' || (declared !== 'no' && TIME_ORDERED_ENTITIES.has(textProp(node, 'entity')));
}

/** Roles data passes through on its way to becoming training data. */
const DATA_ROLES = ['event-stream', 'records', 'transform', 'labels', 'shared-features', 'encoder'] as const;
export const carriesData = (n: ReviewNode) => DATA_ROLES.some((role) => hasRole(n, role));

const defaultsByType = new Map<string, NodeProps>();
function defaultsOf(type: NodeTypeDefinition): NodeProps {
  let defaults = defaultsByType.get(type.id);
  if (!defaults) defaultsByType.set(type.id, (defaults = defaultProps(type)));
  return defaults;
}

/**
 * The board as a graph for the rules, built once per review: component nodes with their catalog roles,
 * and queries over paths whatever edge kinds the candidate drew. Walks and groupings are computed on
 * first use and kept, so rules can ask freely.
 */
export class BoardModel {
  /** The component nodes (stage frames and sticky notes say nothing about the system). */
  readonly nodes: readonly ReviewNode[];
  /** The edges between component nodes. */
  readonly edges: readonly BoardEdge[];
  private readonly byId = new Map<string, ReviewNode>();
  private readonly outgoing = new Map<string, BoardEdge[]>();
  private readonly incoming = new Map<string, BoardEdge[]>();
  private readonly memo = new Map<string, unknown>();

  constructor(readonly board: BoardFile) {
    for (const node of board.nodes) {
      const type = getNodeType(node.type);
      if (!type || type.variant !== 'component') continue;
      const props = { ...defaultsOf(type), ...node.props };
      this.byId.set(node.id, { id: node.id, title: node.title, type, props, plane: type.plane });
    }
    this.nodes = [...this.byId.values()];
    this.edges = board.edges.filter((e) => this.byId.has(e.source) && this.byId.has(e.target));
    for (const edge of this.edges) {
      push(this.outgoing, edge.source, edge);
      push(this.incoming, edge.target, edge);
    }
    for (const node of this.nodes) {
      const edges = [...this.outEdges(node.id), ...this.inEdges(node.id)];
      const batchOnly = !hasField(node, 'mode') && edges.length > 0 && edges.every((e) => e.kind === 'batch');
      if (node.props.mode === 'batch' || (node.plane === 'online' && batchOnly)) node.plane = 'offline';
    }
  }

  node(id: string): ReviewNode | undefined {
    return this.byId.get(id);
  }

  withRole(role: NodeRole): readonly ReviewNode[] {
    return this.cached(`role:${role}`, () => this.nodes.filter((n) => hasRole(n, role)));
  }

  ofCategory(category: CategoryId): readonly ReviewNode[] {
    return this.cached(`category:${category}`, () => this.nodes.filter((n) => n.type.category === category));
  }

  /** Serving components that answer requests (a batch model server is not one). */
  onlineServing(): readonly ReviewNode[] {
    return this.cached('online-serving', () => this.ofCategory('serving').filter((n) => n.plane === 'online'));
  }

  /** Models that answer requests: online inference stages. */
  onlineModels(): readonly ReviewNode[] {
    return this.cached('online-models', () => this.withRole('inference').filter((n) => n.plane === 'online'));
  }

  outEdges(id: string): readonly BoardEdge[] {
    return this.outgoing.get(id) ?? [];
  }

  inEdges(id: string): readonly BoardEdge[] {
    return this.incoming.get(id) ?? [];
  }

  /** The nodes reachable from the given ones (the start nodes only if a cycle leads back to them). */
  walk(from: Iterable<string>, options: WalkOptions = {}): Set<ReviewNode> {
    return new Set(this.reach(from, options).keys());
  }

  /**
   * Breadth-first reach from the given nodes: every reached node with the edge that first reached it,
   * so a shortest path back to a start can be read off (see pathTo).
   */
  reach(from: Iterable<string>, { kinds, direction = 'down', through, follow }: WalkOptions = {}): Map<ReviewNode, BoardEdge> {
    const reached = new Map<ReviewNode, BoardEdge>();
    const queue = [...from];
    const expanded = new Set(queue);
    for (let head = 0; head < queue.length; head++) {
      const id = queue[head]!;
      const edges = direction === 'down' ? this.outEdges(id) : this.inEdges(id);
      for (const edge of edges) {
        if ((kinds && !kinds.includes(edge.kind)) || (follow && !follow(edge))) continue;
        const next = this.byId.get(direction === 'down' ? edge.target : edge.source)!;
        if (!reached.has(next)) reached.set(next, edge);
        if (expanded.has(next.id) || (through && !through(next))) continue;
        expanded.add(next.id);
        queue.push(next.id);
      }
    }
    return reached;
  }

  /** The path a reach() took to a node, from its start to the node. */
  pathTo(reached: Map<ReviewNode, BoardEdge>, node: ReviewNode, direction: 'down' | 'up' = 'down'): BoardPath {
    const nodes = [node];
    const edges: BoardEdge[] = [];
    const seen = new Set<string>([node.id]);
    for (let edge = reached.get(node); edge;) {
      const previous = this.byId.get(direction === 'down' ? edge.source : edge.target)!;
      edges.unshift(edge);
      nodes.unshift(previous);
      if (seen.has(previous.id)) break;
      seen.add(previous.id);
      edge = reached.get(previous);
    }
    return { nodes, edges };
  }

  /**
   * A shortest path from any of `from` to a node `to` accepts, by any edge kind unless told, passing only
   * through nodes `through` accepts: the witness a rule shows ("logs reach the trainer this way").
   */
  findPath(from: Iterable<ReviewNode>, to: (node: ReviewNode) => boolean, options: WalkOptions = {}): BoardPath | undefined {
    const starts = [...from];
    const reached = this.reach(
      starts.map((n) => n.id),
      options,
    );
    for (const [node] of reached) if (to(node)) return this.pathTo(reached, node, options.direction);
    return undefined;
  }

  /** What a node feeds, directly or not, along the given edge kinds (kept for the whole review). */
  downstream(id: string, kinds: readonly EdgeKind[] = FORWARD): ReadonlySet<ReviewNode> {
    return this.cached(`down:${kinds.join(',')}:${id}`, () => this.walk([id], { kinds }));
  }

  /** What feeds a node, directly or not, along the given edge kinds (kept for the whole review). */
  upstream(id: string, kinds: readonly EdgeKind[] = FORWARD): ReadonlySet<ReviewNode> {
    return this.cached(`up:${kinds.join(',')}:${id}`, () => this.walk([id], { kinds, direction: 'up' }));
  }

  /** The stages a request passes through before reaching these nodes, back to the client that sent it. */
  callersOf(ids: Iterable<string>): Set<ReviewNode> {
    return this.walk(ids, { kinds: ['online'], direction: 'up', through: (n) => !hasRole(n, 'client') });
  }

  /**
   * The online inference stages that serve a learner's model: what its model flows into through
   * evaluation, registry and deployment, by any forward edge, and the model servers those stages call.
   */
  servingOf(learner: ReviewNode): readonly ReviewNode[] {
    return this.cached(`serving-of:${learner.id}`, () => {
      const reached = this.walk([learner.id], { kinds: FORWARD, through: (n) => !hasRole(n, 'client') && !hasRole(n, 'learner') });
      return [...reached].filter((n) => hasRole(n, 'inference') || hasRole(n, 'retrieval') || hasRole(n, 'encoder'));
    });
  }

  /**
   * Where the data a node learns from or scores with is computed: the nearest transforms, encoders and
   * shared feature stores feeding it by any edge kind, and whether raw records or events reach it with
   * no computation between (code inside the node computing its own features). Request edges count both
   * ways for lookups: a ranker calling a feature store reads from it. Models reaching a node through
   * training (the deployed model) are not data, and neither are clients' requests.
   */
  featureSources(node: ReviewNode): { computations: ReadonlySet<ReviewNode>; raw: readonly ReviewNode[] } {
    return this.cached(`features-of:${node.id}`, () => {
      const computations = new Set<ReviewNode>();
      const raw: ReviewNode[] = [];
      const seen = new Set<string>([node.id]);
      const queue = [node];
      for (let head = 0; head < queue.length; head++) {
        const current = queue[head]!;
        const providers = [
          ...this.inEdges(current.id)
            .filter((e) => e.kind !== 'feedback')
            .map((e) => this.byId.get(e.source)!),
          ...this.outEdges(current.id)
            .filter((e) => e.kind === 'online')
            .map((e) => this.byId.get(e.target)!)
            .filter((n) => hasRole(n, 'shared-features') || (hasRole(n, 'lookup') && !hasRole(n, 'retrieval'))),
        ];
        for (const provider of providers) {
          if (seen.has(provider.id)) continue;
          seen.add(provider.id);
          if (hasRole(provider, 'client') || provider.type.category === 'training' || provider.type.category === 'monitoring' || hasRole(provider, 'experiment')) continue;
          if (hasRole(provider, 'transform') || hasRole(provider, 'shared-features')) computations.add(provider);
          else if ((hasRole(provider, 'records') || hasRole(provider, 'event-stream')) && current === node) raw.push(provider);
          else if (!hasRole(provider, 'records') && !hasRole(provider, 'event-stream') && !hasRole(provider, 'labels')) queue.push(provider);
        }
      }
      return { computations, raw };
    });
  }

  /** The data nodes a learner learns from, by any edge kind and through data only (not models, not requests). */
  trainingData(learner: ReviewNode): readonly ReviewNode[] {
    return this.cached(`training-data:${learner.id}`, () =>
      [...this.walk([learner.id], { direction: 'up', through: carriesData, follow: (e) => e.kind !== 'online' || !hasRole(this.byId.get(e.source)!, 'client') })].filter(carriesData),
    );
  }

  /** The label sources a learner learns from. */
  labelSources(learner: ReviewNode): readonly ReviewNode[] {
    return this.trainingData(learner).filter((n) => hasRole(n, 'labels'));
  }

  /** The time-ordered records and streams a learner learns from (empty when its data has no time order). */
  timeOrderedData(learner: ReviewNode): readonly ReviewNode[] {
    return this.trainingData(learner).filter(isTimeOrdered);
  }

  /** The offline evaluations of a learner's models: those wired to it through training; every one when it is the only learner. */
  evaluationsOf(learner: ReviewNode): readonly ReviewNode[] {
    return this.cached(`evaluations-of:${learner.id}`, () => {
      const training = (n: ReviewNode) => n.type.category === 'training';
      const wired = [...this.walk([learner.id], { through: training }), ...this.walk([learner.id], { direction: 'up', through: training })].filter((n) => hasRole(n, 'evaluator'));
      if (wired.length > 0) return [...new Set(wired)];
      return this.withRole('learner').length === 1 ? this.withRole('evaluator') : [];
    });
  }

  /** The online stages that rank or retrieve items for a client: the board is a recommender or search ranker. */
  rankingStages(): readonly ReviewNode[] {
    return this.cached('ranking', () => this.onlineServing().filter((n) => hasRole(n, 'retrieval') || (hasRole(n, 'inference') && hasField(n, 'candidatesScored'))));
  }

  /**
   * For each client, the chain of online calls from it whose latency budgets add up to the most. Calls
   * run one after another along a chain, while branches leaving one stage are alternatives, so the
   * longest chain is what must fit in the client's SLO. Edges back to a stage already on the chain
   * (responses, lookups drawn both ways) and other clients end a chain.
   */
  requestPaths(): readonly RequestPath[] {
    return this.cached('request-paths', () => this.withRole('client').map((client) => this.longestRequestPath(client)));
  }

  private longestRequestPath(client: ReviewNode): RequestPath {
    const best = new Map<string, { totalMs: number; next?: BoardEdge }>();
    const onChain = new Set<string>();
    const visit = (id: string): { totalMs: number; next?: BoardEdge } => {
      const known = best.get(id);
      if (known) return known;
      onChain.add(id);
      let tail: { totalMs: number; next?: BoardEdge } = { totalMs: 0 };
      for (const edge of this.outEdges(id)) {
        const target = this.byId.get(edge.target)!;
        if (edge.kind !== 'online' || onChain.has(target.id) || hasRole(target, 'client')) continue;
        const totalMs = visit(target.id).totalMs;
        if (tail.next === undefined || totalMs > tail.totalMs) tail = { totalMs, next: edge };
      }
      onChain.delete(id);
      const result = { totalMs: (numberProp(this.byId.get(id)!, LATENCY_BUDGET) ?? 0) + tail.totalMs, next: tail.next };
      best.set(id, result);
      return result;
    };
    const totalMs = visit(client.id).totalMs;
    const stages: ReviewNode[] = [];
    const edges: BoardEdge[] = [];
    for (let edge = best.get(client.id)!.next; edge !== undefined; edge = best.get(edge.target)!.next) {
      edges.push(edge);
      stages.push(this.byId.get(edge.target)!);
    }
    return { client, stages, edges, totalMs };
  }

  private cached<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
