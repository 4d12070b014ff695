import { Handle, Position } from '@xyflow/react';

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
