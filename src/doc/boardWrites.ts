import type { Connection } from '@xyflow/react';
import * as Y from 'yjs';
import { defaultProps, getNodeType, variantOf } from '../catalog';
import { EDGE_KIND_IDS, suggestEdgeKind } from '../shared/catalog/edgeKinds';
import type { BoardEdge, BoardFile, BoardNode } from '../shared/format';
import { FORMAT_NAME, FORMAT_VERSION, type EdgeRouting } from '../shared/formatBasics';
import type { SharedTemplateInfo, TemplateInfo } from '../shared/templateInfo';
import {
  boardMaps,
  edgeToY,
  insertBoard as insertIntoDoc,
  mirrorBoard,
  newElementId,
  nodeToY,
  readEdge,
  readEdgeRouting,
  readNode,
  replaceBoard as replaceInDoc,
  type BoardChanges,
  sortParentsFirst,
  writeEdgeRouting,
} from '../shared/yjsBoard';
import { readBoardTitle, writeTemplateInfo } from './boardMeta';
import type { BoardInterview } from './boardInterview';
import { absolutePosition, absoluteRect, centre, frameAt, freeSpot, isFrameType, nodeSize, type Point, type Size } from './geometry';
import type { UndoGroups } from './undoGroups';

export type Result<T = void> = ({ ok: true } & (T extends void ? unknown : { value: T })) | { ok: false; error: string };

export interface Move {
  id: string;
  /** Relative to the node's current frame, as React Flow gives it. */
  position: Point;
}

export interface Placement {
  id: string;
  /** Relative to the node's frame (absolute for top-level nodes). */
  position: Point;
  size?: Size;
}

/** Where auto-layout puts each node, and the sides each edge keeps (none: its ends float) with the bends of its route round the cards, if it needs one. */
export interface Layout {
  nodes: Placement[];
  edges: Pick<BoardEdge, 'id' | 'sourceHandle' | 'targetHandle' | 'bends'>[];
}

const PASTE_OFFSET = 40;
const MAX_TITLE = 500;
const MAX_BOARD_TITLE = 200;
const MAX_EDGE_LABEL = 200;

const ok = { ok: true } as const;
const READ_ONLY = { ok: false, error: 'This board is read-only: your link lets you view it, not change it.' } as const;
const fail = (error: string) => ({ ok: false, error }) as const;

/**
 * The only code that writes a board's document: every change a person makes to nodes, edges, the
 * title and the case study, validated against the catalog, each one transaction of this person's
 * undo history. Selection and the view are not its business (see BoardBinding).
 *
 * A read-only board (opened with a read token) refuses every write: they return the READ_ONLY error
 * or do nothing.
 */
export class BoardWrites {
  readOnly = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly maps: ReturnType<typeof boardMaps>,
    private readonly undo: UndoGroups,
    private readonly interview: BoardInterview,
    /** The document's nodes as last read (BoardView keeps them current). */
    private readonly nodes: ReadonlyMap<string, BoardNode>,
  ) {}

  /**
   * Makes this document hold what `source` holds (`changes`: the only nodes and edges that may
   * differ), writing only what differs: for a read-only copy that is shown, never shared (the
   * replay's board), so the view redraws just what changed. Nobody's change: no undo step.
   */
  mirror(source: Y.Doc, changes?: BoardChanges): void {
    mirrorBoard(this.doc, source, changes);
  }

  /**
   * Adds a node of a catalog type centred near `at` (absolute flow coordinates), in the nearest
   * free spot, inside the frame under that point if there is one. Selects it; returns its id.
   */
  addNode(typeId: string, at: Point, init: { title?: string; props?: Record<string, unknown> } = {}): Result<string> {
    if (this.readOnly) return READ_ONLY;
    const type = getNodeType(typeId);
    if (!type) return fail(`Unknown node type "${typeId}".`);
    const props = type.props.safeParse({ ...defaultProps(type), ...init.props });
    if (!props.success) return fail(props.error.issues[0]?.message ?? 'Invalid properties.');
    const size = nodeSize({ type: typeId });
    const frameId = type.variant === 'group' ? undefined : frameAt(at, this.nodes);
    const obstacles = [...this.nodes.values()].filter((n) => !isFrameType(n.type)).map((n) => absoluteRect(n, this.lookup));
    const spot = freeSpot({ x: Math.round(at.x - size.width / 2), y: Math.round(at.y - size.height / 2) }, size, obstacles);
    const frame = frameId ? this.nodes.get(frameId) : undefined;
    const id = newElementId();
    const node: BoardNode = {
      id,
      type: typeId,
      title: init.title ?? type.label,
      position: frame ? { x: spot.x - frame.position.x, y: spot.y - frame.position.y } : spot,
      props: props.data as Record<string, unknown>,
    };
    if (type.variant !== 'component') node.size = size;
    if (frameId) node.parentId = frameId;
    this.undo.write(() => this.maps.nodes.set(id, nodeToY(node)));
    return { ok: true, value: id };
  }

  /**
   * Writes the positions and sizes held locally during a drag or resize in one transaction.
   * With `reparent` (after a drag), each dropped node goes into the frame under its centre, or out of it.
   */
  writeLocalGeometry(moves: Move[], sizes: [string, Size][], reparent: boolean): void {
    if (this.readOnly || (!moves.length && !sizes.length)) return;
    this.undo.write(() => {
      for (const [id, size] of sizes) {
        const node = this.nodes.get(id);
        const y = this.maps.nodes.get(id);
        if (!node || !y || variantOf(node.type) === 'component') continue;
        y.set('size', { width: Math.round(size.width), height: Math.round(size.height) });
      }
      this.writeMoves(moves, reparent);
    });
  }

  /** Moves nodes (positions relative to their current frame); with `reparent`, drops them into or out of frames. */
  moveNodes(moves: Move[], { reparent = false }: { reparent?: boolean } = {}): void {
    if (this.readOnly) return;
    if (moves.length) this.undo.write(() => this.writeMoves(moves, reparent));
  }

  /** Moves nodes by a delta; consecutive nudges merge into one undo step. */
  moveBy(ids: Iterable<string>, dx: number, dy: number): void {
    if (this.readOnly) return;
    const moves = [...ids].flatMap((id) => {
      const node = this.nodes.get(id);
      // A child whose frame moves too is carried by it.
      if (!node || (node.parentId && [...ids].includes(node.parentId))) return [];
      return [{ id, position: { x: node.position.x + dx, y: node.position.y + dy } }];
    });
    if (moves.length) this.undo.write(() => this.writeMoves(moves, false), 'nudge');
  }

  resizeNode(id: string, size: Size, position?: Point): Result {
    if (this.readOnly) return READ_ONLY;
    const node = this.nodes.get(id);
    if (!node) return fail('That node no longer exists.');
    if (variantOf(node.type) === 'component') return fail('Components have a fixed size.');
    this.undo.write(() => {
      const y = this.maps.nodes.get(id)!;
      y.set('size', { width: Math.round(size.width), height: Math.round(size.height) });
      if (position) y.set('position', { x: Math.round(position.x), y: Math.round(position.y) });
    });
    return ok;
  }

  setTitle(id: string, title: string): Result {
    if (this.readOnly) return READ_ONLY;
    const y = this.maps.nodes.get(id);
    if (!y) return fail('That node no longer exists.');
    if (title.length > MAX_TITLE) return fail(`Titles are at most ${MAX_TITLE} characters.`);
    if (y.get('title') !== title) this.undo.write(() => y.set('title', title), `title:${id}`);
    return ok;
  }

  /** Sets one property after validating it with the catalog schema; an invalid value is not written. */
  setProp(id: string, key: string, value: unknown): Result {
    if (this.readOnly) return READ_ONLY;
    const node = this.nodes.get(id);
    const y = this.maps.nodes.get(id);
    if (!node || !y) return fail('That node no longer exists.');
    const type = getNodeType(node.type);
    if (!type) return fail(`Unknown node type "${node.type}".`);
    const field = type.props.shape[key];
    if (!field) return fail(`${type.label} has no property "${key}".`);
    const parsed = field.safeParse(value);
    if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? 'Invalid value.');
    const props = y.get('props') as Y.Map<unknown>;
    if (JSON.stringify(props.get(key)) === JSON.stringify(parsed.data)) return ok;
    this.undo.write(() => {
      if (parsed.data === undefined) props.delete(key);
      else props.set(key, parsed.data);
    }, `prop:${id}:${key}`);
    return ok;
  }

  /** Connects two nodes with the edge kind the catalog suggests for their types; returns the edge id. */
  connect(connection: Connection | { source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null }): Result<string> {
    if (this.readOnly) return READ_ONLY;
    const source = this.written(connection.source);
    const target = this.written(connection.target);
    if (!source || !target) return fail('Both ends of a connection must be nodes on the board.');
    if (source.id === target.id) return fail('A node cannot connect to itself.');
    const edge: BoardEdge = { id: newElementId(), source: source.id, target: target.id, kind: suggestEdgeKind(source.type, target.type) };
    if (connection.sourceHandle) edge.sourceHandle = connection.sourceHandle;
    if (connection.targetHandle) edge.targetHandle = connection.targetHandle;
    const duplicate = [...this.maps.edges].some(([id, y]) => {
      const e = readEdge(id, y);
      return e.source === edge.source && e.target === edge.target && e.sourceHandle === edge.sourceHandle && e.targetHandle === edge.targetHandle;
    });
    if (duplicate) return fail('These two are already connected.');
    this.undo.write(() => this.maps.edges.set(edge.id, edgeToY(edge)));
    return { ok: true, value: edge.id };
  }

  setEdgeKind(id: string, kind: string): Result {
    if (this.readOnly) return READ_ONLY;
    const y = this.maps.edges.get(id);
    if (!y) return fail('That edge no longer exists.');
    if (!(EDGE_KIND_IDS as readonly string[]).includes(kind)) return fail(`Unknown edge kind "${kind}".`);
    if (y.get('kind') !== kind) this.undo.write(() => y.set('kind', kind));
    return ok;
  }

  setEdgeLabel(id: string, label: string): Result {
    if (this.readOnly) return READ_ONLY;
    const y = this.maps.edges.get(id);
    if (!y) return fail('That edge no longer exists.');
    if (label.length > MAX_EDGE_LABEL) return fail(`Edge labels are at most ${MAX_EDGE_LABEL} characters.`);
    if ((y.get('label') ?? '') === label) return ok;
    this.undo.write(() => (label ? y.set('label', label) : y.delete('label')), `label:${id}`);
    return ok;
  }

  setBoardTitle(title: string): Result {
    if (this.readOnly) return READ_ONLY;
    if (title.length > MAX_BOARD_TITLE) return fail(`Board titles are at most ${MAX_BOARD_TITLE} characters.`);
    if (this.maps.meta.get('title') !== title) this.undo.write(() => this.maps.meta.set('title', title), 'board-title');
    return ok;
  }

  setEdgeRouting(routing: EdgeRouting): Result {
    if (this.readOnly) return READ_ONLY;
    if (readEdgeRouting(this.maps.meta) !== routing) this.undo.write(() => writeEdgeRouting(this.maps.meta, routing));
    return ok;
  }

  /** Sets or clears the board's case study without touching its diagram; follow-ups never enter the document. */
  setTemplateInfo(info: TemplateInfo | SharedTemplateInfo | null): Result {
    if (this.readOnly) return READ_ONLY;
    this.undo.write(() => writeTemplateInfo(this.maps.meta, info));
    return ok;
  }

  /** Deletes nodes (with the nodes inside deleted frames) and edges, and every edge attached to a deleted node. */
  deleteElements(nodeIds: Iterable<string>, edgeIds: Iterable<string>): { nodes: number; edges: number } {
    if (this.readOnly) return { nodes: 0, edges: 0 };
    const nodes = this.withChildren(nodeIds);
    const edges = new Set([...edgeIds].filter((id) => this.maps.edges.has(id)));
    for (const [id, y] of this.maps.edges) {
      if (nodes.has(y.get('source') as string) || nodes.has(y.get('target') as string)) edges.add(id);
    }
    if (nodes.size || edges.size) {
      this.undo.write(() => {
        for (const id of edges) this.maps.edges.delete(id);
        for (const id of nodes) this.maps.nodes.delete(id);
      });
    }
    return { nodes: nodes.size, edges: edges.size };
  }

  /** Copies nodes (frames with their content) and the edges among them, offset a little; selects the copies. */
  duplicate(nodeIds: Iterable<string>): string[] {
    if (this.readOnly) return [];
    const board = this.selectionToBoard(nodeIds);
    if (!board.nodes.length) return [];
    const ids = this.undo.write(() => insertIntoDoc(this.doc, board, { freshIds: true, offset: { x: PASTE_OFFSET, y: PASTE_OFFSET } }, this.undo.origin));
    return ids;
  }

  /**
   * The given nodes as a board file, for the clipboard and duplicate: frames bring their content,
   * a node copied without its frame becomes top-level at its absolute position, and the edges
   * among the copied nodes come along.
   */
  selectionToBoard(nodeIds: Iterable<string>): BoardFile {
    const ids = this.withChildren(nodeIds);
    const nodes = sortParentsFirst(
      [...ids].map((id) => {
        const node = structuredClone(this.nodes.get(id)!);
        if (node.parentId && !ids.has(node.parentId)) {
          node.position = absolutePosition(node, this.lookup);
          delete node.parentId;
        }
        return node;
      }),
    );
    const edges = [...this.maps.edges].map(([id, y]) => readEdge(id, y)).filter((e) => ids.has(e.source) && ids.has(e.target));
    return this.withTitle({ nodes, edges });
  }

  /**
   * Pastes board JSON (from this board or another) through the one import path, parseBoardText.
   * The copy lands with its top-left corner at `at`, or offset from the original; it is selected.
   * Anything that is not a valid board file is refused with the parser's message. The parser (the
   * file's schemas) loads on the first paste, not with the board.
   */
  async pasteBoard(text: string, at?: Point): Promise<Result<string[]>> {
    if (this.readOnly) return READ_ONLY;
    const { parseBoardText } = await import('../shared/parseBoard');
    const parsed = parseBoardText(text);
    if (!parsed.ok) return fail(parsed.error);
    if (!parsed.board.nodes.length) return fail('The clipboard holds a board with no nodes.');
    return { ok: true, value: this.insertBoard(parsed.board, at) };
  }

  /** Adds a (validated) board's content with fresh ids; `at` places its top-left corner. Selects it; returns the new node ids. */
  insertBoard(board: Pick<BoardFile, 'nodes' | 'edges'>, at?: Point): string[] {
    if (this.readOnly) return [];
    const tops = board.nodes.filter((n) => !n.parentId);
    const left = Math.min(...tops.map((n) => n.position.x));
    const top = Math.min(...tops.map((n) => n.position.y));
    const offset = at && tops.length ? { x: Math.round(at.x - left), y: Math.round(at.y - top) } : { x: PASTE_OFFSET, y: PASTE_OFFSET };
    const ids = this.undo.write(() => insertIntoDoc(this.doc, board, { freshIds: true, offset }, this.undo.origin));
    return ids;
  }

  /**
   * Replaces the whole board (a template, an imported file) in one undoable step. A file's interview
   * notes replace the board's; a file without any (a template) leaves the board's interview alone.
   */
  replaceBoard(board: BoardFile): void {
    if (this.readOnly) return;
    const writeInterview = this.interview.prepareReplace(board);
    this.undo.write(() => {
      replaceInDoc(this.doc, board, this.undo.origin);
      writeInterview?.();
    });
  }

  /** Puts a node into a frame (or out of any, with null) keeping its place on screen. */
  reparent(id: string, parentId: string | null): Result {
    if (this.readOnly) return READ_ONLY;
    const node = this.nodes.get(id);
    if (!node) return fail('That node no longer exists.');
    if (parentId !== null) {
      const frame = this.nodes.get(parentId);
      if (!frame || !isFrameType(frame.type)) return fail('Nodes can only be put into a stage frame.');
      if (isFrameType(node.type)) return fail('Frames cannot be put inside frames.');
    }
    if ((node.parentId ?? null) === parentId) return ok;
    this.undo.write(() => this.writeParent(id, absolutePosition(node, this.lookup), parentId ?? undefined));
    return ok;
  }

  /**
   * Moves nodes to a layout's places and gives edges the layout's sides and bends, in one undo step. An
   * edge the layout gives no sides lets go of those it was drawn from: in the new arrangement it
   * attaches to the sides its two cards turn to each other; one it gives no bends is a curve.
   */
  applyLayout(layout: Layout): void {
    if (this.readOnly) return;
    const sides = new Map(layout.edges.map((e) => [e.id, e]));
    this.undo.write(() => {
      for (const [id, y] of this.maps.edges) {
        for (const key of ['sourceHandle', 'targetHandle'] as const) {
          const side = sides.get(id)?.[key];
          if (side) {
            if (y.get(key) !== side) y.set(key, side);
          } else if (y.has(key)) y.delete(key);
        }
        const bends = sides.get(id)?.bends;
        if (bends?.length)
          y.set(
            'bends',
            bends.map(({ x, y }) => ({ x, y })),
          );
        else if (y.has('bends')) y.delete('bends');
      }
      for (const { id, position, size } of layout.nodes) {
        const y = this.maps.nodes.get(id);
        if (!y) continue;
        y.set('position', { x: Math.round(position.x), y: Math.round(position.y) });
        if (size && variantOf(y.get('type') as string) !== 'component') {
          y.set('size', { width: Math.round(size.width), height: Math.round(size.height) });
        }
      }
    });
  }

  private lookup = (id: string) => this.nodes.get(id);

  /** A node as written, including one added earlier in the same batch (the durable copy follows the transaction). */
  private written(id: string): BoardNode | undefined {
    const y = this.maps.nodes.get(id);
    return this.nodes.get(id) ?? (y ? readNode(id, y) : undefined);
  }

  private writeMoves(moves: Move[], reparent: boolean): void {
    const moving = new Set(moves.map((m) => m.id));
    const after = new Map(this.nodes);
    for (const { id, position } of moves) {
      const node = after.get(id);
      if (node) after.set(id, { ...node, position });
    }
    const afterLookup = (id: string) => after.get(id);
    for (const { id, position } of moves) {
      const node = after.get(id);
      const y = this.maps.nodes.get(id);
      if (!node || !y) continue;
      const carriedByFrame = node.parentId !== undefined && moving.has(node.parentId);
      if (reparent && !carriedByFrame && !isFrameType(node.type)) {
        const absolute = absolutePosition(node, afterLookup);
        const frameId = frameAt(centre({ ...absolute, ...nodeSize(node) }), after, new Set([id]));
        if (frameId !== node.parentId) {
          this.writeParent(id, absolute, frameId, afterLookup);
          continue;
        }
      }
      const rounded = { x: Math.round(position.x), y: Math.round(position.y) };
      const current = this.nodes.get(id)!.position;
      if (rounded.x !== current.x || rounded.y !== current.y) y.set('position', rounded);
    }
  }

  private writeParent(id: string, absolute: Point, parentId: string | undefined, lookup = this.lookup): void {
    const y = this.maps.nodes.get(id)!;
    const frame = parentId ? lookup(parentId) : undefined;
    const position = frame ? { x: absolute.x - frame.position.x, y: absolute.y - frame.position.y } : absolute;
    y.set('position', { x: Math.round(position.x), y: Math.round(position.y) });
    if (parentId) y.set('parentId', parentId);
    else y.delete('parentId');
  }

  private withChildren(nodeIds: Iterable<string>): Set<string> {
    const ids = new Set([...nodeIds].filter((id) => this.nodes.has(id)));
    for (const node of this.nodes.values()) if (node.parentId && ids.has(node.parentId)) ids.add(node.id);
    return ids;
  }

  private withTitle(content: Pick<BoardFile, 'nodes' | 'edges'>): BoardFile {
    return { format: FORMAT_NAME, version: FORMAT_VERSION, title: readBoardTitle(this.maps.meta), ...content };
  }
}
