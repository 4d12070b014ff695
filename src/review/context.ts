import { getNodeType, type CategoryId, type NodeProps, type NodeTypeDefinition } from '../catalog';
import type { EdgeKind } from '../shared/catalog/edgeKinds';
import type { Plane } from '../shared/catalog/types';
import type { BoardEdge, BoardFile } from '../shared/format';

/** A component on the board as the review sees it: its catalog type and where it runs. */
export interface ReviewNode {
  id: string;
  title: string;
  type: NodeTypeDefinition;
  props: NodeProps;
  /**
   * Where the node runs on this board: its type's plane, except offline when its mode is "batch" (a batch
   * model server), or when a type without a mode has only batch flows (a filter inside a batch job).
   */
  plane: Plane;
}

/** The best-budgeted request path from one client: the stages it calls, one after another. */
export interface RequestPath {
  client: ReviewNode;
  stages: ReviewNode[];
  totalMs: number;
}

export interface WalkOptions {
  /** Edge kinds to follow; all kinds when omitted. */
  kinds?: readonly EdgeKind[];
  direction?: 'down' | 'up';
  /** Reached nodes are reported, but the walk only continues past those this accepts. */
  through?: (node: ReviewNode) => boolean;
}

/** The edge kinds that carry data (everything but the request path and the learning loop). */
export const DATA_FLOW: readonly EdgeKind[] = ['batch', 'streaming'];
/** Every kind that carries something forward, leaving out feedback edges, which loop back. */
export const FORWARD: readonly EdgeKind[] = ['batch', 'streaming', 'online'];

/** The property online stages carry their share of the end-to-end latency in (see latencyBudget()). */
export const LATENCY_BUDGET = 'latencyBudgetMs';

/**
 * A catalog type a rule is specifically about. Resolved when the rule module loads, so a renamed or
 * removed type fails every review test at once instead of silently never matching.
 */
export function catalogType(id: string): NodeTypeDefinition {
  const type = getNodeType(id);
  if (!type) throw new Error(`The review refers to node type "${id}", which the catalog does not define`);
  return type;
}

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

/** Components that keep data for others to look up (predictions, features, items), rather than compute. */
const STORES = new Set(['cache', 'data-source', 'feature-store', 'vector-index'].map((id) => catalogType(id).id));

export function isStore(node: ReviewNode): boolean {
  return STORES.has(node.type.id);
}

/** How a node is named in a message: its title, or its type when the title is blank. */
export function nameOf(node: ReviewNode): string {
  return `"${node.title.trim() || node.type.label}"`;
}

/**
 * Everything the rules ask about one board, built once per review. Groupings, walks and request paths
 * are computed on first use and kept, so rules can ask freely.
 */
export class ReviewContext {
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
      this.byId.set(node.id, { id: node.id, title: node.title, type, props: node.props, plane: type.plane });
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

  ofCategory(category: CategoryId): readonly ReviewNode[] {
    return this.cached(`category:${category}`, () => this.nodes.filter((n) => n.type.category === category));
  }

  ofType(type: NodeTypeDefinition): readonly ReviewNode[] {
    return this.cached(`type:${type.id}`, () => this.nodes.filter((n) => n.type.id === type.id));
  }

  /** Serving components that answer requests (a batch model server is not one). */
  onlineServing(): readonly ReviewNode[] {
    return this.cached('online-serving', () => this.ofCategory('serving').filter((n) => n.plane === 'online'));
  }

  outEdges(id: string): readonly BoardEdge[] {
    return this.outgoing.get(id) ?? [];
  }

  inEdges(id: string): readonly BoardEdge[] {
    return this.incoming.get(id) ?? [];
  }

  hasEdgeOfKind(kind: EdgeKind): boolean {
    return this.cached(`edge-kind:${kind}`, () => this.edges.some((e) => e.kind === kind));
  }

  /** The nodes reachable from the given ones (the start nodes only if a cycle leads back to them). */
  walk(from: Iterable<string>, { kinds, direction = 'down', through }: WalkOptions = {}): Set<ReviewNode> {
    const reached = new Set<ReviewNode>();
    const queue = [...from];
    const expanded = new Set(queue);
    while (queue.length > 0) {
      const id = queue.pop()!;
      const edges = direction === 'down' ? this.outEdges(id) : this.inEdges(id);
      for (const edge of edges) {
        if (kinds && !kinds.includes(edge.kind)) continue;
        const next = this.byId.get(direction === 'down' ? edge.target : edge.source)!;
        reached.add(next);
        if (expanded.has(next.id) || (through && !through(next))) continue;
        expanded.add(next.id);
        queue.push(next.id);
      }
    }
    return reached;
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
    return this.walk(ids, { kinds: ['online'], direction: 'up', through: (n) => n.type.category !== 'product' });
  }

  /**
   * For each client (product node), the chain of online calls from it whose latency budgets add up to
   * the most. Calls run one after another along a chain, while branches leaving one stage are
   * alternatives, so the longest chain is what must fit in the client's SLO. Edges back to a stage
   * already on the chain (responses, lookups drawn both ways) and other clients end a chain.
   */
  requestPaths(): readonly RequestPath[] {
    return this.cached('request-paths', () => this.ofCategory('product').map((client) => this.longestRequestPath(client)));
  }

  private longestRequestPath(client: ReviewNode): RequestPath {
    const best = new Map<string, { totalMs: number; next?: string }>();
    const onChain = new Set<string>();
    const visit = (id: string): { totalMs: number; next?: string } => {
      const known = best.get(id);
      if (known) return known;
      onChain.add(id);
      let tail: { totalMs: number; next?: string } = { totalMs: 0 };
      for (const edge of this.outEdges(id)) {
        const target = this.byId.get(edge.target)!;
        if (edge.kind !== 'online' || onChain.has(target.id) || target.type.category === 'product') continue;
        const totalMs = visit(target.id).totalMs;
        if (tail.next === undefined || totalMs > tail.totalMs) tail = { totalMs, next: target.id };
      }
      onChain.delete(id);
      const result = { totalMs: (numberProp(this.byId.get(id)!, LATENCY_BUDGET) ?? 0) + tail.totalMs, next: tail.next };
      best.set(id, result);
      return result;
    };
    const totalMs = visit(client.id).totalMs;
    const stages: ReviewNode[] = [];
    for (let id = best.get(client.id)!.next; id !== undefined; id = best.get(id)!.next) stages.push(this.byId.get(id)!);
    return { client, stages, totalMs };
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
