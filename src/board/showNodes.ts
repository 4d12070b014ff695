import type { ReactFlowInstance } from '@xyflow/react';
import type { BoardBinding, FlowEdge, FlowNode } from '../doc/binding';

/** Selects nodes on the board and brings them into view (a review finding, a matched reference part). */
export function showNodes(binding: BoardBinding, flow: Pick<ReactFlowInstance<FlowNode, FlowEdge>, 'fitView'>, nodeIds: string[]): void {
  const present = nodeIds.filter((id) => binding.getNode(id));
  if (!present.length) return;
  binding.setSelection(present);
  void flow.fitView({ nodes: present.map((id) => ({ id })), padding: 0.4, maxZoom: 1.2, duration: 300 });
}
