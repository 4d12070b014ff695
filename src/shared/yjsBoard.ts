import * as Y from 'yjs';
import type { BoardEdge, BoardFile, BoardNode } from './format';
import { DEFAULT_BOARD_TITLE, FORMAT_NAME, FORMAT_VERSION, type EdgeRouting } from './formatBasics';
import { toBase64Url } from './boardId';

/**
 * The layout of the shared board document (docs/FORMAT.md, "The Yjs document"):
 *
 *   nodes: Y.Map<nodeId, Y.Map>  type, title, position {x, y}, size? {width, height}, parentId?, props: Y.Map
 *   edges: Y.Map<edgeId, Y.Map>  source, target, sourceHandle?, targetHandle?, kind, label?, bends? (plain [{x, y}])
 *   meta:  Y.Map                 title, layoutVersion, template? (shared part of a case study), edgeRouting? ('orthogonal')
 *
 * `position` is one key holding {x, y}: Yjs keeps only the last value of a key, so a node dragged
 * across the board costs a few bytes, where separate x and y keys would grow the document per move.
 * Properties are a nested map so two people editing different properties of one node both win.
 * Selection, measured sizes and dragging state never enter the document.
 */
export const DOC_LAYOUT_VERSION = 1;

export type YNode = Y.Map<unknown>;
export type YEdge = Y.Map<unknown>;

export function boardMaps(doc: Y.Doc) {
  return {
    nodes: doc.getMap<YNode>('nodes'),
    edges: doc.getMap<YEdge>('edges'),
    meta: doc.getMap<unknown>('meta'),
  };
}

export function newElementId(): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return toBase64Url(bytes);
}

export function readNode(id: string, y: YNode): BoardNode {
  const node: BoardNode = {
    id,
    type: y.get('type') as string,
    title: (y.get('title') as string | undefined) ?? '',
    position: y.get('position') as BoardNode['position'],
    props: ((y.get('props') as Y.Map<unknown> | undefined)?.toJSON() ?? {}) as Record<string, unknown>,
  };
  const size = y.get('size') as BoardNode['size'];
  if (size) node.size = size;
  const parentId = y.get('parentId') as string | undefined;
  if (parentId) node.parentId = parentId;
  return node;
}

export function readEdge(id: string, y: YEdge): BoardEdge {
  const edge: BoardEdge = {
    id,
    source: y.get('source') as string,
    target: y.get('target') as string,
    kind: (y.get('kind') as BoardEdge['kind'] | undefined) ?? 'batch',
  };
  for (const key of ['sourceHandle', 'targetHandle', 'label'] as const) {
    const value = y.get(key) as string | undefined;
    if (value) edge[key] = value;
  }
  const bends = y.get('bends') as BoardEdge['bends'];
  if (bends?.length) edge.bends = bends;
  return edge;
}

/** Frames before the nodes they hold (React Flow needs parents first), then by id for a stable order. */
export function sortParentsFirst<T extends { id: string; parentId?: string }>(nodes: T[]): T[] {
  return [...nodes].sort((a, b) => Number(a.parentId !== undefined) - Number(b.parentId !== undefined) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function readBoard(doc: Y.Doc): BoardFile {
  const { nodes, edges, meta } = boardMaps(doc);
  const board: BoardFile = {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    title: (meta.get('title') as string | undefined) ?? DEFAULT_BOARD_TITLE,
    nodes: sortParentsFirst([...nodes.entries()].map(([id, y]) => readNode(id, y))),
    edges: [...edges.entries()].map(([id, y]) => readEdge(id, y)).sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
  const template = meta.get('template') as BoardFile['template'];
  if (template) board.template = template;
  if (readEdgeRouting(meta) === 'orthogonal') board.edgeRouting = 'orthogonal';
  return board;
}

export function nodeToY(node: BoardNode): YNode {
  const y = new Y.Map<unknown>();
  y.set('type', node.type);
  y.set('title', node.title);
  y.set('position', { x: node.position.x, y: node.position.y });
  if (node.size) y.set('size', { width: node.size.width, height: node.size.height });
  if (node.parentId) y.set('parentId', node.parentId);
  const props = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(node.props)) if (value !== undefined) props.set(key, value);
  y.set('props', props);
  return y;
}

export function edgeToY(edge: BoardEdge): YEdge {
  const y = new Y.Map<unknown>();
  y.set('source', edge.source);
  y.set('target', edge.target);
  y.set('kind', edge.kind);
  for (const key of ['sourceHandle', 'targetHandle', 'label'] as const) if (edge[key]) y.set(key, edge[key]);
  if (edge.bends?.length)
    y.set(
      'bends',
      edge.bends.map(({ x, y }) => ({ x, y })),
    );
  return y;
}

export interface InsertOptions {
  /** Give every node and edge a fresh id, so the same content can be added twice. */
  freshIds?: boolean;
  /** Added to the position of every top-level node (children stay relative to their frame). */
  offset?: { x: number; y: number };
}

/** Adds a board's nodes and edges to the document; returns the ids the new nodes got. */
export function insertBoard(doc: Y.Doc, board: Pick<BoardFile, 'nodes' | 'edges'>, options: InsertOptions = {}, origin?: unknown): string[] {
  const { nodes, edges } = boardMaps(doc);
  const ids = new Map<string, string>();
  const mapId = (id: string) => {
    if (!options.freshIds) return id;
    let fresh = ids.get(id);
    if (!fresh) ids.set(id, (fresh = newElementId()));
    return fresh;
  };
  const dx = options.offset?.x ?? 0;
  const dy = options.offset?.y ?? 0;
  const added: string[] = [];
  doc.transact(() => {
    for (const node of sortParentsFirst(board.nodes)) {
      const id = mapId(node.id);
      const parentId = node.parentId === undefined ? undefined : mapId(node.parentId);
      const position = parentId ? node.position : { x: node.position.x + dx, y: node.position.y + dy };
      nodes.set(id, nodeToY({ ...node, id, parentId, position }));
      added.push(id);
    }
    for (const edge of board.edges) {
      const id = mapId(edge.id);
      const bends = edge.bends?.map(({ x, y }) => ({ x: x + dx, y: y + dy }));
      edges.set(id, edgeToY({ ...edge, id, source: mapId(edge.source), target: mapId(edge.target), bends }));
    }
  }, origin);
  return added;
}

/** The board's edge routing, meta.edgeRouting: absent means curved, as on every board from before the option. */
export function readEdgeRouting(meta: Y.Map<unknown>): EdgeRouting {
  return meta.get('edgeRouting') === 'orthogonal' ? 'orthogonal' : 'curved';
}

/** Sets the routing; curved is kept as no key at all. Call inside a transaction. */
export function writeEdgeRouting(meta: Y.Map<unknown>, routing: EdgeRouting): void {
  if (routing === 'orthogonal') meta.set('edgeRouting', routing);
  else meta.delete('edgeRouting');
}

/** Replaces the whole content (nodes, edges, title, template) in one transaction: one undo step. */
export function replaceBoard(doc: Y.Doc, board: BoardFile, origin?: unknown): void {
  const { nodes, edges, meta } = boardMaps(doc);
  doc.transact(() => {
    edges.clear();
    nodes.clear();
    meta.set('title', board.title);
    meta.set('layoutVersion', DOC_LAYOUT_VERSION);
    if (board.template) {
      const { followUps: _private, ...shared } = board.template;
      meta.set('template', shared);
    } else meta.delete('template');
    writeEdgeRouting(meta, board.edgeRouting ?? 'curved');
    insertBoard(doc, board, {}, origin);
  }, origin);
}

/** The first state of a board created titled (an interview board, after its case): only meta.title. */
export function newTitledBoard(title: string): Uint8Array {
  const doc = new Y.Doc();
  try {
    boardMaps(doc).meta.set('title', title);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** The keys of the nodes or edges (entries of `map`) that a batch of deep events touched, added to `into`. */
export function changedKeys(events: Y.YEvent<Y.Map<unknown>>[], map: Y.Map<Y.Map<unknown>>, into = new Set<string>()): Set<string> {
  for (const event of events) {
    if (event.target === map) for (const key of event.keys.keys()) into.add(key);
    else into.add(String(event.path[0]));
  }
  return into;
}

/** Ids of nodes and edges that may differ between two documents; the rest are known to be equal. */
export interface BoardChanges {
  nodes: Iterable<string>;
  edges: Iterable<string>;
}

/**
 * Makes `doc` hold what `source` holds, writing only what differs, in one transaction: the nodes and
 * edges in `changes` (all of them without it) and the meta. A node that did not change is not
 * touched, so an observer of `doc` (the board's view) hears of just what changed. For a copy made
 * to be shown, never shared (the replay's board): going back in time is a write here, not an undo.
 */
export function mirrorBoard(doc: Y.Doc, source: Y.Doc, changes?: BoardChanges, origin?: unknown): void {
  const to = boardMaps(doc);
  const from = boardMaps(source);
  doc.transact(() => {
    mirrorMap(to.nodes as Y.Map<unknown>, from.nodes as Y.Map<unknown>, changes?.nodes);
    mirrorMap(to.edges as Y.Map<unknown>, from.edges as Y.Map<unknown>, changes?.edges);
    mirrorMap(to.meta, from.meta);
  }, origin);
}

function mirrorMap(target: Y.Map<unknown>, source: Y.Map<unknown>, keys: Iterable<string> = new Set([...target.keys(), ...source.keys()])): void {
  for (const key of keys) {
    const value = source.get(key);
    const before = target.get(key);
    if (value === undefined) {
      if (target.has(key)) target.delete(key);
    } else if (value instanceof Y.Map && before instanceof Y.Map) mirrorMap(before, value);
    else if (value instanceof Y.AbstractType) target.set(key, value.clone());
    else if (before instanceof Y.AbstractType || JSON.stringify(value) !== JSON.stringify(before)) target.set(key, value);
  }
}
