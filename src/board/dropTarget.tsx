import { useConnection, useStoreApi, ViewportPortal, type ConnectionState, type InternalNode, type ReactFlowState, type XYPosition } from '@xyflow/react';
import type { FlowEdge, FlowNode } from '../doc/binding';
import { isFrameType } from '../doc/geometry';

/**
 * The card a connection dropped at `point` (board coordinates) ends on: the smallest card or note whose
 * box holds the point, never a stage frame (a drop on a stage's empty space is not meant for the stage)
 * nor the node the connection starts from.
 */
export function nodeAt(nodes: Iterable<InternalNode<FlowNode>>, point: XYPosition, from: string): InternalNode<FlowNode> | undefined {
  let best: InternalNode<FlowNode> | undefined;
  let bestArea = Infinity;
  for (const node of nodes) {
    if (node.id === from || isFrameType(node.type ?? '')) continue;
    const { x, y } = node.internals.positionAbsolute;
    const width = node.measured.width ?? node.width ?? 0;
    const height = node.measured.height ?? node.height ?? 0;
    if (point.x < x || point.x > x + width || point.y < y || point.y > y + height) continue;
    if (width * height < bestArea) {
      best = node;
      bestArea = width * height;
    }
  }
  return best;
}

/** The node a connection in progress would end on: the one whose handle it snapped to, else the card under the pointer. */
function targetOf(connection: ConnectionState<InternalNode<FlowNode>>, state: ReactFlowState<FlowNode, FlowEdge>): InternalNode<FlowNode> | undefined {
  if (!connection.inProgress) return undefined;
  if (connection.toNode) return connection.toNode.id === connection.fromNode.id ? undefined : connection.toNode;
  const [tx, ty, zoom] = state.transform;
  return nodeAt(state.nodeLookup.values(), { x: (connection.pointer.x - tx) / zoom, y: (connection.pointer.y - ty) / zoom }, connection.fromNode.id);
}

/** Inside a <ReactFlow>: outlines the card a connection being drawn would connect to, so a drop anywhere on it is seen to count. */
export function DropTargetHighlight() {
  const store = useStoreApi<FlowNode, FlowEdge>();
  const target = useConnection((connection: ConnectionState<InternalNode<FlowNode>>) => targetOf(connection, store.getState())?.id ?? null);
  const node = target ? store.getState().nodeLookup.get(target) : undefined;
  if (!node) return null;
  const { x, y } = node.internals.positionAbsolute;
  return (
    <ViewportPortal>
      <div className="drop-target" data-target={node.id} style={{ transform: `translate(${x}px, ${y}px)`, width: node.measured.width ?? node.width, height: node.measured.height ?? node.height }} />
    </ViewportPortal>
  );
}
