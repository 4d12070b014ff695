import { Handle, Position, type NodeHandle } from '@xyflow/react';
import { getNodeType } from '../../catalog';
import type { FlowNode } from '../../doc/binding';

/**
 * A connection handle on each side. The canvas runs in loose connection mode, so any handle can
 * start or end an edge; the handle ids ('top', 'right', ...) are stored on the edge.
 */
const SIDES = [
  { id: 'top', position: Position.Top },
  { id: 'right', position: Position.Right },
  { id: 'bottom', position: Position.Bottom },
  { id: 'left', position: Position.Left },
] as const;

export function SideHandles() {
  return (
    <>
      {SIDES.map((side) => (
        <Handle key={side.id} id={side.id} type="source" position={side.position} className="side-handle" />
      ))}
    </>
  );
}

/** board.css: a handle is 11 px square and reaches this far out of a card's box (4 px) or a note's (5.5 px). */
const HANDLE_SIZE = 11;
const CARD_HANDLE_OUTSET = 4;
const NOTE_HANDLE_OUTSET = 5.5;

function handlesOf(width: number, height: number, outset: number): NodeHandle[] {
  const far = (length: number) => length + outset - HANDLE_SIZE;
  const middle = (length: number) => length / 2 - HANDLE_SIZE / 2;
  const at: Record<(typeof SIDES)[number]['id'], { x: number; y: number }> = {
    top: { x: middle(width), y: -outset },
    right: { x: far(width), y: middle(height) },
    bottom: { x: middle(width), y: far(height) },
    left: { x: -outset, y: middle(height) },
  };
  return SIDES.map((side) => ({ id: side.id, type: 'source', position: side.position, ...at[side.id], width: HANDLE_SIZE, height: HANDLE_SIZE }));
}

const withHandles = new WeakMap<FlowNode, FlowNode>();

/**
 * The node with its side handles declared where board.css puts them. React Flow draws an edge only
 * once it knows both ends' handles, which it learns by measuring a rendered node; the canvas renders
 * only the nodes in view, so an edge from a card on screen to one off it needs them declared.
 * Cached per node object, so an unchanged node keeps its identity from one render to the next.
 */
export function withSideHandles(node: FlowNode): FlowNode {
  const variant = getNodeType(node.type ?? '')?.variant ?? 'component';
  if (variant === 'group' || node.width === undefined || node.height === undefined) return node;
  let declared = withHandles.get(node);
  if (!declared) {
    declared = { ...node, handles: handlesOf(node.width, node.height, variant === 'note' ? NOTE_HANDLE_OUTSET : CARD_HANDLE_OUTSET) };
    withHandles.set(node, declared);
  }
  return declared;
}
