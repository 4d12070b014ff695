import type { ReactFlowInstance } from '@xyflow/react';
import type { BoardBinding, FlowEdge, FlowNode } from '../doc/binding';
import { viewMotion } from '../ui/motion';

/**
 * Selects nodes (and the edges between them that matter, such as a review finding's path) and brings
 * the nodes into view (a review finding, a matched reference part).
 */
export function showNodes(binding: BoardBinding, flow: Pick<ReactFlowInstance<FlowNode, FlowEdge>, 'fitView'>, nodeIds: string[], edgeIds: string[] = []): void {
  const present = nodeIds.filter((id) => binding.getNode(id));
  if (!present.length) return;
  binding.setSelection(
    present,
    edgeIds.filter((id) => binding.getEdge(id)),
  );
  void flow.fitView({ nodes: present.map((id) => ({ id })), includeHiddenNodes: true, padding: 0.4, maxZoom: 1.2, duration: viewMotion(300) });
}
