import type { Connection, EdgeChange, NodeChange } from '@xyflow/react';
import type * as Y from 'yjs';
import type { BoardEdge, BoardFile, BoardNode } from '../shared/format';
import type { EdgeRouting } from '../shared/formatBasics';
import type { InterviewTypes } from '../shared/interviewLayout';
import type { SharedTemplateInfo, TemplateInfo } from '../shared/templateInfo';
import { boardMaps, readEdge, type BoardChanges } from '../shared/yjsBoard';
import { BoardInterview } from './boardInterview';
import { readTemplateInfo } from './boardMeta';
import { BoardView } from './boardView';
import { BoardWrites, type Layout, type Move, type Result } from './boardWrites';
import type { FlowEdge, FlowNode } from './flowProjection';
import { absoluteRect, type Point, type Rect, type Size } from './geometry';
import { UndoGroups, type LinkedStep } from './undoGroups';

export type { BoardSnapshot } from './boardView';
export type { Layout, Move, Result } from './boardWrites';
export type { BoardEdgeData, BoardNodeData, FlowEdge, FlowNode } from './flowProjection';

/**
 * THE binding between the shared Yjs document and React Flow: the one object the app reads the board
 * from and writes it through. Components read `getSnapshot()` (nodes and edges arrays ready for
 * <ReactFlow>) and call the mutations below; nothing else touches Yjs.
 *
 * It puts together the parts that each do one thing: BoardWrites, the only writer of the document;
 * BoardView, the React Flow projection with this client's selection and drag state on top (never in
 * the document); UndoGroups, this person's undo steps; BoardInterview, the interview's content in the
 * document and in a board file.
 */
export class BoardBinding {
  readonly doc: Y.Doc;
  private readonly undoGroups: UndoGroups;
  private readonly view: BoardView;
  private readonly writes: BoardWrites;
  private readonly interview: BoardInterview;
  private readonly maps: ReturnType<typeof boardMaps>;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.maps = boardMaps(doc);
    this.undoGroups = new UndoGroups(doc, [this.maps.nodes, this.maps.edges, this.maps.meta]);
    this.interview = new BoardInterview(doc, this.undoGroups);
    // The document's nodes as last read: the view keeps them current, the writes place new nodes among them.
    const nodes = new Map<string, BoardNode>();
    this.writes = new BoardWrites(doc, this.maps, this.undoGroups, this.interview, nodes);
    this.view = new BoardView(this.maps, nodes, this.undoGroups.manager, () => this.readOnly);
    this.subscribe = this.view.subscribe;
    this.getSnapshot = this.view.getSnapshot;
  }

  /** The origin of every local write; the UndoManager tracks only this one. */
  get origin(): { readonly client: number } {
    return this.undoGroups.origin;
  }

  get undoManager(): Y.UndoManager {
    return this.undoGroups.manager;
  }

  destroy(): void {
    this.view.destroy();
    this.undoGroups.destroy();
  }

  /**
   * A read-only board (opened with a read token) refuses every mutation: they return the READ_ONLY
   * error or do nothing, and the canvas stops offering edits. Selection still works.
   */
  get readOnly(): boolean {
    return this.writes.readOnly;
  }

  setReadOnly(on: boolean): void {
    if (this.writes.readOnly === on) return;
    this.writes.readOnly = on;
    this.view.emit();
  }

  // ---- reading -------------------------------------------------------------------------------

  readonly subscribe: BoardView['subscribe'];
  readonly getSnapshot: BoardView['getSnapshot'];

  getNode(id: string): BoardNode | undefined {
    return this.view.nodes.get(id);
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
    return this.interview.toBoardFile(interview);
  }

  getSelection(): { nodes: string[]; edges: string[] } {
    return { nodes: [...this.view.local.selectedNodes], edges: [...this.view.local.selectedEdges] };
  }

  /** Absolute rectangle of a node from the document alone (no rendering needed). */
  nodeRect(id: string): Rect | undefined {
    const node = this.view.nodes.get(id);
    return node ? absoluteRect(node, (parentId) => this.view.nodes.get(parentId)) : undefined;
  }

  /** The shared part of the case study this board follows, if any. */
  getTemplateInfo(): SharedTemplateInfo | undefined {
    return readTemplateInfo(this.maps.meta);
  }

  /** The given nodes (the selection by default) as a board file, for the clipboard: frames bring their content. */
  selectionToBoard(nodeIds: Iterable<string> = this.view.local.selectedNodes): BoardFile {
    return this.writes.selectionToBoard(nodeIds);
  }

  /** Shows what `source` holds, writing only what differs (see BoardWrites.mirror): the replay's read-only board. */
  mirror(source: Y.Doc, changes?: BoardChanges): void {
    this.writes.mirror(source, changes);
  }

  // ---- React Flow's change stream: local state, and removals written to the document ---------

  /** Applies React Flow's node changes: selection, measurements, and live drag / resize geometry. */
  applyNodeChanges = (changes: NodeChange<FlowNode>[]): void => {
    const removed = this.view.applyNodeChanges(changes);
    if (removed.length) this.deleteElements(removed, []);
  };

  applyEdgeChanges = (changes: EdgeChange<FlowEdge>[]): void => {
    const removed = this.view.applyEdgeChanges(changes);
    if (removed.length) this.deleteElements([], removed);
  };

  /**
   * Writes the positions and sizes held locally during a drag or resize in one transaction.
   * After a drag, `reparent` puts each dropped node into the frame under its centre, or out of it.
   */
  commitLocalGeometry({ reparent }: { reparent: boolean }): void {
    const { moves, sizes } = this.view.local.takeGeometry();
    if (!moves.length && !sizes.length) return;
    this.writes.writeLocalGeometry(moves, sizes, reparent);
    // Nodes whose position did not change produce no Yjs event; drop their local copy here.
    this.view.refreshNodes([...moves.map((move) => move.id), ...sizes.map(([id]) => id)]);
  }

  setSelection(nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): void {
    this.view.setSelection(nodeIds, edgeIds);
  }

  selectAll(): void {
    this.setSelection(this.view.nodes.keys(), this.maps.edges.keys());
  }

  // ---- mutations: BoardWrites, plus the selection they leave ----------------------------------

  /**
   * Adds a node of a catalog type centred near `at` (absolute flow coordinates), in the nearest
   * free spot, inside the frame under that point if there is one. Selects it; returns its id.
   */
  addNode(typeId: string, at: Point, init: { title?: string; props?: Record<string, unknown> } = {}): Result<string> {
    const added = this.writes.addNode(typeId, at, init);
    if (added.ok) this.setSelection([added.value]);
    return added;
  }

  /** Moves nodes (positions relative to their current frame); with `reparent`, drops them into or out of frames. */
  moveNodes(moves: Move[], options: { reparent?: boolean } = {}): void {
    this.writes.moveNodes(moves, options);
  }

  /** Moves nodes by a delta; consecutive nudges merge into one undo step. */
  moveBy(ids: Iterable<string>, dx: number, dy: number): void {
    this.writes.moveBy(ids, dx, dy);
  }

  resizeNode(id: string, size: Size, position?: Point): Result {
    return this.writes.resizeNode(id, size, position);
  }

  setTitle(id: string, title: string): Result {
    return this.writes.setTitle(id, title);
  }

  /** Sets one property after validating it with the catalog schema; an invalid value is not written. */
  setProp(id: string, key: string, value: unknown): Result {
    return this.writes.setProp(id, key, value);
  }

  /** Connects two nodes with the edge kind the catalog suggests for their types; returns the edge id. */
  connect(connection: Connection | { source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null }): Result<string> {
    return this.writes.connect(connection);
  }

  setEdgeKind(id: string, kind: string): Result {
    return this.writes.setEdgeKind(id, kind);
  }

  setEdgeLabel(id: string, label: string): Result {
    return this.writes.setEdgeLabel(id, label);
  }

  setBoardTitle(title: string): Result {
    return this.writes.setBoardTitle(title);
  }

  /** Curved edges, or right-angled ones, for everyone on the board. */
  setEdgeRouting(routing: EdgeRouting): Result {
    return this.writes.setEdgeRouting(routing);
  }

  /** Sets or clears the board's case study without touching its diagram; follow-ups never enter the document. */
  setTemplateInfo(info: TemplateInfo | SharedTemplateInfo | null): Result {
    return this.writes.setTemplateInfo(info);
  }

  /** Deletes nodes (with the nodes inside deleted frames) and edges, and every edge attached to a deleted node. */
  deleteElements(nodeIds: Iterable<string>, edgeIds: Iterable<string>): { nodes: number; edges: number } {
    return this.writes.deleteElements(nodeIds, edgeIds);
  }

  /** Copies nodes (frames with their content) and the edges among them, offset a little; selects the copies. */
  duplicate(nodeIds: Iterable<string>): string[] {
    const ids = this.writes.duplicate(nodeIds);
    if (ids.length) this.setSelection(ids);
    return ids;
  }

  /**
   * Pastes board JSON (from this board or another) through the one import path, parseBoardText.
   * The copy lands with its top-left corner at `at`, or offset from the original; it is selected.
   * Anything that is not a valid board file is refused with the parser's message.
   */
  async pasteBoard(text: string, at?: Point): Promise<Result<string[]>> {
    const pasted = await this.writes.pasteBoard(text, at);
    if (pasted.ok) this.setSelection(pasted.value);
    return pasted;
  }

  /** Adds a (validated) board's content with fresh ids; `at` places its top-left corner. Selects it; returns the new node ids. */
  insertBoard(board: Pick<BoardFile, 'nodes' | 'edges'>, at?: Point): string[] {
    const ids = this.writes.insertBoard(board, at);
    if (!this.readOnly) this.setSelection(ids);
    return ids;
  }

  /** The interview's shared types, seeded on first use, their content in this person's undo history (src/interview/interviewDoc.ts edits them). */
  openInterview(): InterviewTypes {
    return this.interview.open();
  }

  /**
   * Replaces the whole board (a template, an imported file) in one undoable step. A file's interview
   * notes replace the board's; a file without any (a template) leaves the board's interview alone.
   * `linked`: what the same action wrote to another document (a restore's private notes), undone and
   * redone with this step.
   */
  replaceBoard(board: BoardFile, linked?: LinkedStep): void {
    if (this.readOnly) return linked?.destroy();
    const previous = this.undoGroups.manager.undoStack.at(-1);
    this.writes.replaceBoard(board);
    if (linked) this.undoGroups.linkToLast(linked, previous);
    this.setSelection([]);
  }

  /** Puts a node into a frame (or out of any, with null) keeping its place on screen. */
  reparent(id: string, parentId: string | null): Result {
    return this.writes.reparent(id, parentId);
  }

  /** Applies an auto-layout (places, sizes, edge sides) in one transaction: one undo step. */
  applyLayout(layout: Layout): void {
    this.writes.applyLayout(layout);
  }

  /**
   * Runs several of the mutations above as one transaction, so they are one undo step (a review fix
   * that adds a monitor and wires it). Returns what `fn` returns.
   */
  batch<T>(fn: () => T): T {
    return this.undoGroups.batch(fn);
  }

  undo(): void {
    if (!this.readOnly) this.undoGroups.undo();
  }

  redo(): void {
    if (!this.readOnly) this.undoGroups.redo();
  }
}
