import { MarkerType, type Edge, type Node } from '@xyflow/react';
import { getNodeType } from '../catalog';
import { getEdgeKind, type EdgeKind } from '../shared/catalog/edgeKinds';
import type { BoardEdge, BoardNode } from '../shared/format';
import { nodeSize, type Point, type Size } from './geometry';

/** How a board node and edge look to React Flow: the document's fields plus this client's local state. */
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
  /** The corners of its route round the cards (both ends pinned): drawn while they still fit its ends (./edgePath.ts). */
  bends?: Point[];
  /** Set when other edges join the same two cards: this edge's place among them, in lanes from the middle (see edgeLanes). */
  lane?: number;
}
export type FlowNode = Node<BoardNodeData>;
export type FlowEdge = Edge<BoardEdgeData>;

/** What this client alone knows of a node: never written to the document. */
export interface LocalNodeState {
  selected: boolean;
  dragging: boolean;
  /** Set while a drag is under way; the document keeps the position from before the drag. */
  position?: Point;
  /** Set while a resize is under way. */
  size?: Size;
  measured?: Size;
  /** The parent, when it is on the board (a frame a collaborator deleted leaves its children top-level). */
  parentId?: string;
}

/**
 * The React Flow node for a board node. `previous` is the node given out before: its data object is
 * kept while the title and props are the same, so React Flow re-renders only what changed.
 */
export function toFlowNode(node: BoardNode, local: LocalNodeState, previous?: FlowNode): FlowNode {
  const size = local.size ?? nodeSize(node);
  const data = previous && previous.data.title === node.title && sameJson(previous.data.props, node.props) ? previous.data : { title: node.title, props: node.props };
  const flow: FlowNode = {
    id: node.id,
    type: getNodeType(node.type) ? node.type : 'default',
    position: local.position ?? node.position,
    data,
    width: size.width,
    height: size.height,
    selected: local.selected,
    dragging: local.dragging,
  };
  if (local.parentId) flow.parentId = local.parentId;
  if (local.measured) flow.measured = local.measured;
  return flow;
}

export function toFlowEdge(edge: BoardEdge, selected: boolean): FlowEdge {
  const kind = getEdgeKind(edge.kind);
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle ?? null,
    targetHandle: edge.targetHandle ?? null,
    type: 'flow',
    data: { kind: kind.id, label: edge.label, pinnedSource: !!edge.sourceHandle, pinnedTarget: !!edge.targetHandle, ...(edge.bends ? { bends: edge.bends } : {}) },
    // A fixed size in pixels: scaled with the stroke, a selected (thicker) edge would get a huge arrowhead.
    markerEnd: { type: MarkerType.ArrowClosed, color: kind.color, width: 18, height: 18, markerUnits: 'userSpaceOnUse' },
    selected,
  };
}

/** Whether React Flow would draw the two nodes the same (the identity of `data` stands for its content). */
export function sameFlowNode(a: FlowNode, b: FlowNode): boolean {
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

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
