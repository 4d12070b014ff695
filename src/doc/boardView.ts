import type { EdgeChange, NodeChange } from '@xyflow/react';
import type * as Y from 'yjs';
import type { BoardNode } from '../shared/format';
import { BoardPositionSchema, type EdgeRouting } from '../shared/formatBasics';
import { changedKeys, readEdge, readEdgeRouting, readNode, sortParentsFirst, type boardMaps, type YEdge, type YNode } from '../shared/yjsBoard';
import { readBoardTitle } from './boardMeta';
import { sameFlowNode, toFlowEdge, toFlowNode, type FlowEdge, type FlowNode } from './flowProjection';
import { LocalInteraction } from './interaction';

export interface BoardSnapshot {
  nodes: FlowNode[];
  edges: FlowEdge[];
  title: string;
  edgeRouting: EdgeRouting;
  canUndo: boolean;
  canRedo: boolean;
  readOnly: boolean;
}

/**
 * The board as React Flow sees it: the document's nodes and edges read into plain objects, with this
 * client's local interaction state on top. It reads the document and never writes it.
 *
 * Updates are incremental: observeDeep tells which nodes or edges changed and only those get new
 * objects; the others keep their identity, so React Flow re-renders just what changed.
 */
export class BoardView {
  readonly local = new LocalInteraction();
  private readonly flowNodes = new Map<string, FlowNode>();
  private readonly flowEdges = new Map<string, FlowEdge>();
  private order: string[] = [];
  private readonly listeners = new Set<() => void>();
  private snapshot: BoardSnapshot;

  constructor(
    private readonly maps: ReturnType<typeof boardMaps>,
    /** The document's nodes as last read, kept current here. */
    readonly nodes: Map<string, BoardNode>,
    private readonly undoManager: Y.UndoManager,
    private readonly isReadOnly: () => boolean,
  ) {
    for (const [id, y] of maps.nodes) this.nodes.set(id, readNode(id, y));
    this.reorder();
    for (const id of this.order) this.rebuildNode(id);
    for (const [id, y] of maps.edges) this.flowEdges.set(id, toFlowEdge(readEdge(id, y), false));
    this.snapshot = this.makeSnapshot();
    maps.nodes.observeDeep(this.onNodesEvents);
    maps.edges.observeDeep(this.onEdgesEvents);
    maps.meta.observe(this.emit);
    undoManager.on('stack-item-added', this.emit);
    undoManager.on('stack-item-popped', this.emit);
    undoManager.on('stack-cleared', this.emit);
  }

  destroy(): void {
    this.maps.nodes.unobserveDeep(this.onNodesEvents);
    this.maps.edges.unobserveDeep(this.onEdgesEvents);
    this.maps.meta.unobserve(this.emit);
    this.listeners.clear();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): BoardSnapshot => this.snapshot;

  /** Takes in React Flow's node changes; returns the ids of removed nodes, for the document to delete. */
  applyNodeChanges(changes: NodeChange<FlowNode>[]): string[] {
    const touched = new Set<string>();
    const removed: string[] = [];
    for (const change of changes) {
      if (change.type === 'remove') removed.push(change.id);
      else {
        const id = this.local.noteNodeChange(change);
        if (id) touched.add(id);
      }
    }
    let changed = false;
    for (const id of touched) changed = this.rebuildNode(id) || changed;
    if (changed) this.emit();
    return removed;
  }

  /** Takes in React Flow's edge changes; returns the ids of removed edges, for the document to delete. */
  applyEdgeChanges(changes: EdgeChange<FlowEdge>[]): string[] {
    const removed: string[] = [];
    let changed = false;
    for (const change of changes) {
      if (change.type === 'remove') removed.push(change.id);
      else {
        const id = this.local.noteEdgeChange(change);
        if (id) changed = this.refreshEdge(id) || changed;
      }
    }
    if (changed) this.emit();
    return removed;
  }

  setSelection(nodeIds: Iterable<string>, edgeIds: Iterable<string>): void {
    const { selectedNodes, selectedEdges } = this.local;
    const before = new Set([...selectedNodes, ...selectedEdges]);
    selectedNodes.clear();
    selectedEdges.clear();
    for (const id of nodeIds) if (this.nodes.has(id)) selectedNodes.add(id);
    for (const id of edgeIds) if (this.maps.edges.has(id)) selectedEdges.add(id);
    for (const id of new Set([...before, ...selectedNodes, ...selectedEdges])) {
      if (this.nodes.has(id)) this.rebuildNode(id);
      else this.refreshEdge(id);
    }
    this.emit();
  }

  /** Draws the given nodes again from the document and local state (a drag that ended without moving leaves no Yjs event). */
  refreshNodes(ids: Iterable<string>): void {
    for (const id of ids) this.rebuildNode(id);
    this.emit();
  }

  readonly emit = (): void => {
    this.snapshot = this.makeSnapshot();
    for (const listener of this.listeners) listener();
  };

  private onNodesEvents = (events: Y.YEvent<YNode>[]): void => {
    const ids = changedKeys(events, this.maps.nodes);
    let structural = false;
    for (const id of ids) {
      const y = this.maps.nodes.get(id);
      const before = this.nodes.get(id);
      if (!y) {
        this.nodes.delete(id);
        this.flowNodes.delete(id);
        this.local.forgetNode(id);
        structural = true;
        continue;
      }
      const node = readNode(id, y);
      if (!BoardPositionSchema.safeParse(node.position).success) continue;
      if (!before || before.parentId !== node.parentId) structural = true;
      this.nodes.set(id, node);
    }
    if (structural) {
      this.reorder();
      // Children of a deleted or moved frame must drop or change their parent reference.
      for (const node of this.nodes.values()) if (node.parentId) ids.add(node.id);
    }
    for (const id of ids) this.rebuildNode(id);
    this.emit();
  };

  private onEdgesEvents = (events: Y.YEvent<YEdge>[]): void => {
    for (const id of changedKeys(events, this.maps.edges)) {
      const y = this.maps.edges.get(id);
      if (y) this.flowEdges.set(id, toFlowEdge(readEdge(id, y), this.local.selectedEdges.has(id)));
      else {
        this.flowEdges.delete(id);
        this.local.selectedEdges.delete(id);
      }
    }
    this.emit();
  };

  private reorder(): void {
    this.order = sortParentsFirst([...this.nodes.values()]).map((n) => n.id);
  }

  /** Builds the React Flow node from the document and local state; returns whether anything changed. */
  private rebuildNode(id: string): boolean {
    const node = this.nodes.get(id);
    if (!node) return this.flowNodes.delete(id);
    const previous = this.flowNodes.get(id);
    const parentId = node.parentId && this.nodes.has(node.parentId) ? node.parentId : undefined;
    const next = toFlowNode(node, this.local.nodeState(id, parentId), previous);
    if (previous && sameFlowNode(previous, next)) return false;
    this.flowNodes.set(id, next);
    return true;
  }

  private refreshEdge(id: string): boolean {
    const edge = this.flowEdges.get(id);
    if (!edge) return false;
    const selected = this.local.selectedEdges.has(id);
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
      title: readBoardTitle(this.maps.meta),
      edgeRouting: readEdgeRouting(this.maps.meta),
      canUndo: this.undoManager.canUndo(),
      canRedo: this.undoManager.canRedo(),
      readOnly: this.isReadOnly(),
    };
  }
}
