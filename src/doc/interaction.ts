import type { EdgeChange, NodeChange } from '@xyflow/react';
import type { FlowEdge, FlowNode, LocalNodeState } from './flowProjection';
import type { Point, Size } from './geometry';

/**
 * What this client alone knows of the board and never writes to the document: the selection, the
 * sizes React Flow measured, and positions and sizes while a drag or resize is under way (the
 * document gets them in one transaction when it ends).
 */
export class LocalInteraction {
  readonly selectedNodes = new Set<string>();
  readonly selectedEdges = new Set<string>();
  private readonly measured = new Map<string, Size>();
  private readonly position = new Map<string, Point>();
  private readonly size = new Map<string, Size>();
  private readonly dragging = new Set<string>();

  /**
   * Takes in one of React Flow's node changes: selection, measurement, live drag or resize geometry.
   * Returns the id of the node it concerns, or null for a removal (that is a write to the document).
   */
  noteNodeChange(change: NodeChange<FlowNode>): string | null {
    switch (change.type) {
      case 'select':
        if (change.selected) this.selectedNodes.add(change.id);
        else this.selectedNodes.delete(change.id);
        return change.id;
      case 'dimensions':
        if (change.dimensions) {
          this.measured.set(change.id, change.dimensions);
          if (change.setAttributes) this.size.set(change.id, change.dimensions);
        }
        return change.id;
      case 'position':
        if (change.position) this.position.set(change.id, change.position);
        if (change.dragging) this.dragging.add(change.id);
        else this.dragging.delete(change.id);
        return change.id;
      default:
        return null;
    }
  }

  /** Takes in a selection change of an edge; returns its id, or null for any other change. */
  noteEdgeChange(change: EdgeChange<FlowEdge>): string | null {
    if (change.type !== 'select') return null;
    if (change.selected) this.selectedEdges.add(change.id);
    else this.selectedEdges.delete(change.id);
    return change.id;
  }

  nodeState(id: string, parentId: string | undefined): LocalNodeState {
    return {
      selected: this.selectedNodes.has(id),
      dragging: this.dragging.has(id),
      position: this.position.get(id),
      size: this.size.get(id),
      measured: this.measured.get(id),
      parentId,
    };
  }

  /** The positions and sizes of the drag or resize that just ended, handed over once. */
  takeGeometry(): { moves: { id: string; position: Point }[]; sizes: [string, Size][] } {
    const moves = [...this.position].map(([id, position]) => ({ id, position }));
    const sizes = [...this.size];
    this.position.clear();
    this.size.clear();
    this.dragging.clear();
    return { moves, sizes };
  }

  forgetNode(id: string): void {
    this.selectedNodes.delete(id);
    this.measured.delete(id);
    this.position.delete(id);
    this.size.delete(id);
    this.dragging.delete(id);
  }
}
