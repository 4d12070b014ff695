import { MarkerType, type Connection, type Edge, type EdgeChange, type Node, type NodeChange } from '@xyflow/react';
import * as Y from 'yjs';
import { defaultProps, getNodeType } from '../catalog';
import { EDGE_KIND_IDS, getEdgeKind, suggestEdgeKind, type EdgeKind } from '../shared/catalog/edgeKinds';
import { absolutePosition, absoluteRect, centre, frameAt, freeSpot, isFrameType, nodeSize, type Point, type Rect, type Size } from './geometry';
import { BoardNodeSchema, DEFAULT_BOARD_TITLE, FORMAT_NAME, FORMAT_VERSION, type BoardEdge, type BoardFile, type BoardNode } from '../shared/format';
import { parseBoardText } from '../shared/parseBoard';
import { interviewTypes, readInterviewContent, writeInterviewContent, type InterviewTypes } from '../shared/interviewLayout';
import { sharedPart, type SharedTemplateInfo, type TemplateInfo } from '../shared/templateInfo';
import {
  boardMaps,
  edgeToY,
  insertBoard as insertIntoDoc,
  newElementId,
  nodeToY,
  readBoard,
  readEdge,
  readNode,
  replaceBoard as replaceInDoc,
  sortParentsFirst,
  type YEdge,
  type YNode,
} from '../shared/yjsBoard';

/**
 * THE binding between the shared Yjs document and React Flow, and the only code that writes the
 * document. Components read `getSnapshot()` (nodes and edges arrays ready for <ReactFlow>) and call
 * the mutations below; nothing else touches Yjs.
 *
 * Durable state (type, position, size, parent, title, props, edges) lives in the document. Local
 * state lives here and never enters it: selection, measured sizes, and positions and sizes while a
 * drag or resize is under way (committed in one transaction when it ends).
 *
 * Updates are incremental: observeDeep tells which nodes or edges changed and only those get new
 * objects; the others keep their identity, so React Flow re-renders just what changed.
 *
 * Every local write carries `origin`, the one object the UndoManager tracks: undo and redo revert
 * this client's own changes, never a collaborator's.
 */
export interface BoardNodeData extends Record<string, unknown> {
  title: string;
  props: Record<string, unknown>;
}
export interface BoardEdgeData extends Record<string, unknown> {
  kind: EdgeKind;
  label?: string;
  /** False when the edge was drawn without choosing handles (templates, imports): the edge picks sides itself. */
  pinnedSource: boolean;
  pinnedTarget: boolean;
}
export type FlowNode = Node<BoardNodeData>;
export type FlowEdge = Edge<BoardEdgeData>;

export interface BoardSnapshot {
  nodes: FlowNode[];
  edges: FlowEdge[];
  title: string;
  canUndo: boolean;
  canRedo: boolean;
  readOnly: boolean;
}

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

const PASTE_OFFSET = 40;
const MAX_TITLE = 500;
const MAX_BOARD_TITLE = 200;
const MAX_EDGE_LABEL = 200;

const ok = { ok: true } as const;
const READ_ONLY = { ok: false, error: 'This board is read-only: your link lets you view it, not change it.' } as const;
const fail = (error: string) => ({ ok: false, error }) as const;

export class BoardBinding {
  readonly doc: Y.Doc;
  /** The origin of every local write; the UndoManager tracks only this one. */
  readonly origin: { readonly client: number };
  readonly undoManager: Y.UndoManager;

  private readonly maps: ReturnType<typeof boardMaps>;
  private readonly durable = new Map<string, BoardNode>();
  private readonly flowNodes = new Map<string, FlowNode>();
  private readonly flowEdges = new Map<string, FlowEdge>();
  private order: string[] = [];
  private readonly selectedNodes = new Set<string>();
  private readonly selectedEdges = new Set<string>();
  private readonly measured = new Map<string, Size>();
  private readonly localPosition = new Map<string, Point>();
  private readonly localSize = new Map<string, Size>();
  private readonly dragging = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private snapshot: BoardSnapshot;
  private lastMergeKey: string | null = null;
  private readOnlyFlag = false;
  private interviewInUndo = false;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.maps = boardMaps(doc);
    this.origin = { client: doc.clientID };
    this.undoManager = new Y.UndoManager([this.maps.nodes, this.maps.edges, this.maps.meta], {
      trackedOrigins: new Set([this.origin]),
    });
    for (const [id, y] of this.maps.nodes) this.durable.set(id, readNode(id, y));
    this.reorder();
    for (const id of this.order) this.rebuildNode(id);
    for (const [id, y] of this.maps.edges) this.rebuildEdge(id, y);
    this.snapshot = this.makeSnapshot();
    this.maps.nodes.observeDeep(this.onNodesEvents);
    this.maps.edges.observeDeep(this.onEdgesEvents);
    this.maps.meta.observe(this.onMetaEvent);
    this.undoManager.on('stack-item-added', this.onStackChange);
    this.undoManager.on('stack-item-popped', this.onStackChange);
    this.undoManager.on('stack-cleared', this.onStackChange);
  }

  destroy(): void {
    this.maps.nodes.unobserveDeep(this.onNodesEvents);
    this.maps.edges.unobserveDeep(this.onEdgesEvents);
    this.maps.meta.unobserve(this.onMetaEvent);
    this.undoManager.destroy();
    this.listeners.clear();
  }

  /**
   * A read-only board (opened with a read token) refuses every mutation: they return the READ_ONLY
   * error or do nothing, and the canvas stops offering edits. Selection still works.
   */
  get readOnly(): boolean {
    return this.readOnlyFlag;
  }

  setReadOnly(on: boolean): void {
    if (this.readOnlyFlag === on) return;
    this.readOnlyFlag = on;
    this.emit();
  }

  // ---- reading -------------------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): BoardSnapshot => this.snapshot;

  getNode(id: string): BoardNode | undefined {
    return this.durable.get(id);
  }

  getEdge(id: string): BoardEdge | undefined {
    const y = this.maps.edges.get(id);
    return y ? readEdge(id, y) : undefined;
  }

  /**
   * The whole board as a file. With `interview`, the shared interview notes, ticks, requirements
   * and metrics come along (the JSON export, a backup); images, review and layout leave them out.
   */
  toBoardFile({ interview = false }: { interview?: boolean } = {}): BoardFile {
    const board = readBoard(this.doc);
    const content = interview ? readInterviewContent(this.doc) : undefined;
    return content ? { ...board, interview: content } : board;
  }

  getSelection(): { nodes: string[]; edges: string[] } {
    return { nodes: [...this.selectedNodes], edges: [...this.selectedEdges] };
  }

  /** Absolute rectangle of a node from the document alone (no rendering needed). */
  nodeRect(id: string): Rect | undefined {
    const node = this.durable.get(id);
    return node ? absoluteRect(node, this.lookup) : undefined;
  }

  // ---- React Flow's change stream: only local state ------------------------------------------

  /** Applies React Flow's node changes: selection, measurements, and live drag / resize geometry. */
  applyNodeChanges = (changes: NodeChange<FlowNode>[]): void => {
    const touched = new Set<string>();
    const removed: string[] = [];
    for (const change of changes) {
      switch (change.type) {
        case 'select':
          if (change.selected) this.selectedNodes.add(change.id);
          else this.selectedNodes.delete(change.id);
          touched.add(change.id);
          break;
        case 'dimensions':
          if (change.dimensions) {
            this.measured.set(change.id, change.dimensions);
            if (change.setAttributes) this.localSize.set(change.id, change.dimensions);
          }
          touched.add(change.id);
          break;
        case 'position':
          if (change.position) this.localPosition.set(change.id, change.position);
          if (change.dragging) this.dragging.add(change.id);
          else this.dragging.delete(change.id);
          touched.add(change.id);
          break;
        case 'remove':
          removed.push(change.id);
          break;
      }
    }
    if (removed.length) this.deleteElements(removed, []);
    let changed = false;
    for (const id of touched) changed = this.rebuildNode(id) || changed;
    if (changed) this.emit();
  };

  applyEdgeChanges = (changes: EdgeChange<FlowEdge>[]): void => {
    const removed: string[] = [];
    let changed = false;
    for (const change of changes) {
      if (change.type === 'select') {
        if (change.selected) this.selectedEdges.add(change.id);
        else this.selectedEdges.delete(change.id);
        changed = this.refreshEdge(change.id) || changed;
      } else if (change.type === 'remove') removed.push(change.id);
    }
    if (removed.length) this.deleteElements([], removed);
    if (changed) this.emit();
  };

  /**
   * Writes the positions and sizes held locally during a drag or resize in one transaction.
   * After a drag, `reparent` puts each dropped node into the frame under its centre, or out of it.
   */
  commitLocalGeometry({ reparent }: { reparent: boolean }): void {
    const moves = [...this.localPosition].map(([id, position]) => ({ id, position }));
    const sizes = [...this.localSize];
    this.localPosition.clear();
    this.localSize.clear();
    this.dragging.clear();
    if (this.readOnly) {
      for (const { id } of moves) this.rebuildNode(id);
      for (const [id] of sizes) this.rebuildNode(id);
      this.emit();
      return;
    }
    if (!moves.length && !sizes.length) return;
    this.write(() => {
      for (const [id, size] of sizes) {
        const node = this.durable.get(id);
        const y = this.maps.nodes.get(id);
        if (!node || !y || getNodeType(node.type)?.variant === 'component') continue;
        y.set('size', { width: Math.round(size.width), height: Math.round(size.height) });
      }
      this.writeMoves(moves, reparent);
    });
    // Nodes whose position did not change produce no Yjs event; drop their local copy here.
    for (const { id } of moves) this.rebuildNode(id);
    for (const [id] of sizes) this.rebuildNode(id);
    this.emit();
  }

  setSelection(nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): void {
    const before = new Set([...this.selectedNodes, ...this.selectedEdges]);
    this.selectedNodes.clear();
    this.selectedEdges.clear();
    for (const id of nodeIds) if (this.durable.has(id)) this.selectedNodes.add(id);
    for (const id of edgeIds) if (this.maps.edges.has(id)) this.selectedEdges.add(id);
    for (const id of new Set([...before, ...this.selectedNodes, ...this.selectedEdges])) {
      if (this.durable.has(id)) this.rebuildNode(id);
      else this.refreshEdge(id);
    }
    this.emit();
  }

  selectAll(): void {
    this.setSelection(this.durable.keys(), this.maps.edges.keys());
  }

  // ---- mutations: the only writes to the document ---------------------------------------------

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
    const frameId = type.variant === 'group' ? undefined : frameAt(at, this.durable);
    const obstacles = [...this.durable.values()].filter((n) => !isFrameType(n.type)).map((n) => absoluteRect(n, this.lookup));
    const spot = freeSpot({ x: Math.round(at.x - size.width / 2), y: Math.round(at.y - size.height / 2) }, size, obstacles);
    const frame = frameId ? this.durable.get(frameId) : undefined;
    const id = newElementId();
    const node: BoardNode = {
      id,
      type: typeId,
      title: init.title ?? type.defaultTitle,
      position: frame ? { x: spot.x - frame.position.x, y: spot.y - frame.position.y } : spot,
      props: props.data as Record<string, unknown>,
    };
    if (type.variant !== 'component') node.size = size;
    if (frameId) node.parentId = frameId;
    this.write(() => this.maps.nodes.set(id, nodeToY(node)));
    this.setSelection([id]);
    return { ok: true, value: id };
  }

  /** Moves nodes (positions relative to their current frame); with `reparent`, drops them into or out of frames. */
  moveNodes(moves: Move[], { reparent = false }: { reparent?: boolean } = {}): void {
    if (this.readOnly) return;
    if (moves.length) this.write(() => this.writeMoves(moves, reparent));
  }

  /** Moves nodes by a delta; consecutive nudges merge into one undo step. */
  moveBy(ids: Iterable<string>, dx: number, dy: number): void {
    if (this.readOnly) return;
    const moves = [...ids].flatMap((id) => {
      const node = this.durable.get(id);
      // A child whose frame moves too is carried by it.
      if (!node || (node.parentId && [...ids].includes(node.parentId))) return [];
      return [{ id, position: { x: node.position.x + dx, y: node.position.y + dy } }];
    });
    if (moves.length) this.write(() => this.writeMoves(moves, false), 'nudge');
  }

  resizeNode(id: string, size: Size, position?: Point): Result {
    if (this.readOnly) return READ_ONLY;
    const node = this.durable.get(id);
    if (!node) return fail('That node no longer exists.');
    if (getNodeType(node.type)?.variant === 'component') return fail('Components have a fixed size.');
    this.write(() => {
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
    if (y.get('title') !== title) this.write(() => y.set('title', title), `title:${id}`);
    return ok;
  }

  /** Sets one property after validating it with the catalog schema; an invalid value is not written. */
  setProp(id: string, key: string, value: unknown): Result {
    if (this.readOnly) return READ_ONLY;
    const node = this.durable.get(id);
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
    this.write(() => {
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
    if (duplicate) return fail('These two handles are already connected.');
    this.write(() => this.maps.edges.set(edge.id, edgeToY(edge)));
    return { ok: true, value: edge.id };
  }

  setEdgeKind(id: string, kind: string): Result {
    if (this.readOnly) return READ_ONLY;
    const y = this.maps.edges.get(id);
    if (!y) return fail('That edge no longer exists.');
    if (!(EDGE_KIND_IDS as readonly string[]).includes(kind)) return fail(`Unknown edge kind "${kind}".`);
    if (y.get('kind') !== kind) this.write(() => y.set('kind', kind));
    return ok;
  }

  setEdgeLabel(id: string, label: string): Result {
    if (this.readOnly) return READ_ONLY;
    const y = this.maps.edges.get(id);
    if (!y) return fail('That edge no longer exists.');
    if (label.length > MAX_EDGE_LABEL) return fail(`Edge labels are at most ${MAX_EDGE_LABEL} characters.`);
    if ((y.get('label') ?? '') === label) return ok;
    this.write(() => (label ? y.set('label', label) : y.delete('label')), `label:${id}`);
    return ok;
  }

  setBoardTitle(title: string): Result {
    if (this.readOnly) return READ_ONLY;
    if (title.length > MAX_BOARD_TITLE) return fail(`Board titles are at most ${MAX_BOARD_TITLE} characters.`);
    if (this.maps.meta.get('title') !== title) this.write(() => this.maps.meta.set('title', title), 'board-title');
    return ok;
  }

  // [templates] Added for the template gallery's "prompt only" and the case-study panel.
  /** The shared part of the case study this board follows (meta.template), if any. */
  getTemplateInfo(): SharedTemplateInfo | undefined {
    return this.maps.meta.get('template') as SharedTemplateInfo | undefined;
  }

  /** Sets or clears the board's case study without touching its diagram; follow-ups never enter the document. */
  setTemplateInfo(info: TemplateInfo | SharedTemplateInfo | null): Result {
    if (this.readOnly) return READ_ONLY;
    this.write(() => (info ? this.maps.meta.set('template', sharedPart(info as TemplateInfo)) : this.maps.meta.delete('template')));
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
      this.write(() => {
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
    const ids = this.write(() => insertIntoDoc(this.doc, board, { freshIds: true, offset: { x: PASTE_OFFSET, y: PASTE_OFFSET } }, this.origin));
    this.setSelection(ids);
    return ids;
  }

  /**
   * The given nodes as a board file, for the clipboard and duplicate: frames bring their content,
   * a node copied without its frame becomes top-level at its absolute position, and the edges
   * among the copied nodes come along.
   */
  selectionToBoard(nodeIds: Iterable<string> = this.selectedNodes): BoardFile {
    const ids = this.withChildren(nodeIds);
    const nodes = sortParentsFirst(
      [...ids].map((id) => {
        const node = structuredClone(this.durable.get(id)!);
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
   * Anything that is not a valid board file is refused with the parser's message.
   */
  pasteBoard(text: string, at?: Point): Result<string[]> {
    if (this.readOnly) return READ_ONLY;
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
    const ids = this.write(() => insertIntoDoc(this.doc, board, { freshIds: true, offset }, this.origin));
    this.setSelection(ids);
    return ids;
  }

  /**
   * The interview's shared types (src/shared/interviewLayout.ts), seeded on first use, with their
   * content (not the timer) in this person's undo history; src/interview/interviewDoc.ts edits them.
   */
  openInterview(): InterviewTypes {
    const types = interviewTypes(this.doc);
    if (!this.interviewInUndo) {
      this.interviewInUndo = true;
      this.undoManager.addToScope([types.notes, types.covered, types.metrics, types.requirements]);
    }
    return types;
  }

  /**
   * Replaces the whole board (a template, an imported file) in one undoable step. A file's interview
   * notes replace the board's; a file without any (a template) leaves the board's interview alone.
   */
  replaceBoard(board: BoardFile): void {
    if (this.readOnly) return;
    // Seeded before the transaction: the seed must never carry this person's origin (nor be undone).
    const interview = board.interview && this.openInterview();
    this.write(() => {
      replaceInDoc(this.doc, board, this.origin);
      if (interview) writeInterviewContent(interview, board.interview!);
    });
    this.setSelection([]);
  }

  /** Puts a node into a frame (or out of any, with null) keeping its place on screen. */
  reparent(id: string, parentId: string | null): Result {
    if (this.readOnly) return READ_ONLY;
    const node = this.durable.get(id);
    if (!node) return fail('That node no longer exists.');
    if (parentId !== null) {
      const frame = this.durable.get(parentId);
      if (!frame || !isFrameType(frame.type)) return fail('Nodes can only be put into a stage frame.');
      if (isFrameType(node.type)) return fail('Frames cannot be put inside frames.');
    }
    if ((node.parentId ?? null) === parentId) return ok;
    this.write(() => this.writeParent(id, absolutePosition(node, this.lookup), parentId ?? undefined));
    return ok;
  }

  /** Applies computed positions and sizes (auto-layout) in one transaction: one undo step. */
  applyLayout(placements: Placement[]): void {
    if (this.readOnly) return;
    this.write(() => {
      for (const { id, position, size } of placements) {
        const y = this.maps.nodes.get(id);
        if (!y) continue;
        y.set('position', { x: Math.round(position.x), y: Math.round(position.y) });
        if (size && getNodeType(y.get('type') as string)?.variant !== 'component') {
          y.set('size', { width: Math.round(size.width), height: Math.round(size.height) });
        }
      }
    });
  }

  /**
   * Runs several of the mutations above as one transaction, so they are one undo step (a review fix
   * that adds a monitor and wires it). Returns what `fn` returns.
   */
  batch<T>(fn: () => T): T {
    const result = this.write(fn);
    // The next edit starts its own step, even in a field the batch wrote.
    this.lastMergeKey = null;
    return result;
  }

  undo(): void {
    if (this.readOnly) return;
    this.lastMergeKey = null;
    this.undoManager.undo();
  }

  redo(): void {
    if (this.readOnly) return;
    this.lastMergeKey = null;
    this.undoManager.redo();
  }

  // ---- internals --------------------------------------------------------------------------------

  private lookup = (id: string) => this.durable.get(id);

  /** A node as written, including one added earlier in the same batch (the durable copy follows the transaction). */
  private written(id: string): BoardNode | undefined {
    const y = this.maps.nodes.get(id);
    return this.durable.get(id) ?? (y ? readNode(id, y) : undefined);
  }

  /**
   * One local transaction. Writes that share a merge key (typing in one field, nudging) join the
   * previous undo step; anything else starts a new one, so "undo" reverts exactly the last action.
   */
  private write<T>(fn: () => T, mergeKey?: string): T {
    if (!mergeKey || mergeKey !== this.lastMergeKey) this.undoManager.stopCapturing();
    this.lastMergeKey = mergeKey ?? null;
    let result!: T;
    this.doc.transact(() => {
      result = fn();
    }, this.origin);
    return result;
  }

  private writeMoves(moves: Move[], reparent: boolean): void {
    const moving = new Set(moves.map((m) => m.id));
    const after = new Map(this.durable);
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
      const current = this.durable.get(id)!.position;
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
    const ids = new Set([...nodeIds].filter((id) => this.durable.has(id)));
    for (const node of this.durable.values()) if (node.parentId && ids.has(node.parentId)) ids.add(node.id);
    return ids;
  }

  private withTitle(content: Pick<BoardFile, 'nodes' | 'edges'>): BoardFile {
    return { format: FORMAT_NAME, version: FORMAT_VERSION, title: this.title(), ...content };
  }

  private title(): string {
    return (this.maps.meta.get('title') as string | undefined) || DEFAULT_BOARD_TITLE;
  }

  private onNodesEvents = (events: Y.YEvent<YNode>[]): void => {
    const ids = new Set<string>();
    for (const event of events) {
      if (event.target === this.maps.nodes) for (const key of event.keys.keys()) ids.add(key);
      else ids.add(String(event.path[0]));
    }
    let structural = false;
    for (const id of ids) {
      const y = this.maps.nodes.get(id);
      const before = this.durable.get(id);
      if (!y) {
        this.durable.delete(id);
        this.forgetLocal(id);
        structural = true;
        continue;
      }
      const node = readNode(id, y);
      if (!BoardNodeSchema.shape.position.safeParse(node.position).success) continue;
      if (!before || before.parentId !== node.parentId) structural = true;
      this.durable.set(id, node);
    }
    if (structural) {
      this.reorder();
      // Children of a deleted or moved frame must drop or change their parent reference.
      for (const node of this.durable.values()) if (node.parentId) ids.add(node.id);
    }
    for (const id of ids) this.rebuildNode(id);
    this.emit();
  };

  private onEdgesEvents = (events: Y.YEvent<YEdge>[]): void => {
    const ids = new Set<string>();
    for (const event of events) {
      if (event.target === this.maps.edges) for (const key of event.keys.keys()) ids.add(key);
      else ids.add(String(event.path[0]));
    }
    for (const id of ids) {
      const y = this.maps.edges.get(id);
      if (y) this.rebuildEdge(id, y);
      else {
        this.flowEdges.delete(id);
        this.selectedEdges.delete(id);
      }
    }
    this.emit();
  };

  private onMetaEvent = (): void => this.emit();

  private onStackChange = (): void => this.emit();

  private forgetLocal(id: string): void {
    this.flowNodes.delete(id);
    this.selectedNodes.delete(id);
    this.measured.delete(id);
    this.localPosition.delete(id);
    this.localSize.delete(id);
    this.dragging.delete(id);
  }

  private reorder(): void {
    this.order = sortParentsFirst([...this.durable.values()]).map((n) => n.id);
  }

  /** Builds the React Flow node from durable and local state; returns whether anything changed. */
  private rebuildNode(id: string): boolean {
    const node = this.durable.get(id);
    if (!node) return this.flowNodes.delete(id);
    const previous = this.flowNodes.get(id);
    const parentId = node.parentId && this.durable.has(node.parentId) ? node.parentId : undefined;
    const size = this.localSize.get(id) ?? nodeSize(node);
    const data = previous && previous.data.title === node.title && sameJson(previous.data.props, node.props) ? previous.data : { title: node.title, props: node.props };
    const next: FlowNode = {
      id,
      type: getNodeType(node.type) ? node.type : 'default',
      position: this.localPosition.get(id) ?? node.position,
      data,
      width: size.width,
      height: size.height,
      selected: this.selectedNodes.has(id),
      dragging: this.dragging.has(id),
    };
    if (parentId) next.parentId = parentId;
    const measured = this.measured.get(id);
    if (measured) next.measured = measured;
    if (previous && sameNode(previous, next)) return false;
    this.flowNodes.set(id, next);
    return true;
  }

  private rebuildEdge(id: string, y: YEdge): void {
    const edge = readEdge(id, y);
    const kind = getEdgeKind(edge.kind);
    this.flowEdges.set(id, {
      id,
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourceHandle ?? null,
      targetHandle: edge.targetHandle ?? null,
      type: 'flow',
      data: { kind: kind.id, label: edge.label, pinnedSource: !!edge.sourceHandle, pinnedTarget: !!edge.targetHandle },
      // A fixed size in pixels: scaled with the stroke, a selected (thicker) edge would get a huge arrowhead.
      markerEnd: { type: MarkerType.ArrowClosed, color: kind.color, width: 18, height: 18, markerUnits: 'userSpaceOnUse' },
      selected: this.selectedEdges.has(id),
    });
  }

  private refreshEdge(id: string): boolean {
    const edge = this.flowEdges.get(id);
    if (!edge) return false;
    const selected = this.selectedEdges.has(id);
    if (edge.selected === selected) return false;
    this.flowEdges.set(id, { ...edge, selected });
    return true;
  }

  private makeSnapshot(): BoardSnapshot {
    const edges = [...this.flowEdges.values()];
    const before = this.snapshot?.edges;
    return {
      nodes: this.order.map((id) => this.flowNodes.get(id)!).filter(Boolean),
      // The same array while the edges are the same (a node moving, the title, undo state): React
      // Flow rebuilds its edge lookups and draws every edge again when it gets a new one.
      edges: before && before.length === edges.length && edges.every((edge, i) => edge === before[i]) ? before : edges,
      title: this.title(),
      canUndo: this.undoManager.canUndo(),
      canRedo: this.undoManager.canRedo(),
      readOnly: this.readOnlyFlag,
    };
  }

  private emit(): void {
    this.snapshot = this.makeSnapshot();
    for (const listener of this.listeners) listener();
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameNode(a: FlowNode, b: FlowNode): boolean {
  return (
    a.type === b.type &&
    a.data === b.data &&
    a.parentId === b.parentId &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.width === b.width &&
    a.height === b.height &&
    a.selected === b.selected &&
    a.dragging === b.dragging &&
    a.measured?.width === b.measured?.width &&
    a.measured?.height === b.measured?.height
  );
}
