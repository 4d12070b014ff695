import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, Position, useInternalNode, type EdgeProps, type InternalNode } from '@xyflow/react';
import { memo } from 'react';
import { getEdgeKind } from '../../catalog/edgeKinds';
import type { FlowEdge as FlowEdgeType } from '../../doc/binding';
import { notifyError } from '../../app/notices';
import { useBinding } from '../BoardContext';
import { startEditing, stopEditing, useIsEditing } from '../editing';
import { InlineEditor } from '../InlineEditor';

/**
 * A data flow, drawn by its kind (colour, dash, motion for streaming) with an arrowhead and an
 * optional label (double-click the edge to edit). An end drawn without a chosen handle (templates,
 * imports) attaches to the side of its node that faces the other node.
 */
export const FlowEdge = memo(function FlowEdge(props: EdgeProps<FlowEdgeType>) {
  const { id, source, target, data, selected, markerEnd } = props;
  const binding = useBinding();
  const editing = useIsEditing(id);
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  const kind = getEdgeKind(data?.kind ?? 'batch');

  let ends = {
    sourceX: props.sourceX,
    sourceY: props.sourceY,
    sourcePosition: props.sourcePosition,
    targetX: props.targetX,
    targetY: props.targetY,
    targetPosition: props.targetPosition,
  };
  if (sourceNode && targetNode && (!data?.pinnedSource || !data?.pinnedTarget)) {
    const facing = facingSides(sourceNode, targetNode);
    if (!data?.pinnedSource) ends = { ...ends, sourceX: facing.source.x, sourceY: facing.source.y, sourcePosition: facing.source.position };
    if (!data?.pinnedTarget) ends = { ...ends, targetX: facing.target.x, targetY: facing.target.y, targetPosition: facing.target.position };
  }
  const [path, labelX, labelY] = getSmoothStepPath({ ...ends, borderRadius: 14, offset: 24 });
  const label = data?.label ?? '';

  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={24}
        className={`flow-edge flow-edge-${kind.id}${selected ? ' is-selected' : ''}`}
        style={{ stroke: kind.color, strokeDasharray: kind.dash }}
      />
      {(label || editing) && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label nodrag nopan${selected ? ' is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, borderColor: kind.color }}
            onDoubleClick={() => startEditing(id)}
          >
            {editing ? (
              <InlineEditor
                label="Edge label"
                value={label}
                onCommit={(value) => {
                  const result = binding.setEdgeLabel(id, value.trim());
                  if (!result.ok) notifyError(result.error);
                }}
                onDone={() => stopEditing(id)}
              />
            ) : (
              label
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

interface Side {
  x: number;
  y: number;
  position: Position;
}

function box(node: InternalNode) {
  const { x, y } = node.internals.positionAbsolute;
  const width = node.measured.width ?? node.width ?? 0;
  const height = node.measured.height ?? node.height ?? 0;
  return { x, y, width, height, cx: x + width / 2, cy: y + height / 2 };
}

function sidePoint(b: ReturnType<typeof box>, position: Position): Side {
  switch (position) {
    case Position.Left:
      return { x: b.x, y: b.cy, position };
    case Position.Right:
      return { x: b.x + b.width, y: b.cy, position };
    case Position.Top:
      return { x: b.cx, y: b.y, position };
    default:
      return { x: b.cx, y: b.y + b.height, position };
  }
}

/** The sides of two nodes that face each other: left/right when they sit side by side, else top/bottom. */
function facingSides(sourceNode: InternalNode, targetNode: InternalNode): { source: Side; target: Side } {
  const s = box(sourceNode);
  const t = box(targetNode);
  const dx = t.cx - s.cx;
  const dy = t.cy - s.cy;
  const horizontal = Math.abs(dx) * s.height >= Math.abs(dy) * s.width * 0.5;
  if (horizontal) {
    return dx >= 0
      ? { source: sidePoint(s, Position.Right), target: sidePoint(t, Position.Left) }
      : { source: sidePoint(s, Position.Left), target: sidePoint(t, Position.Right) };
  }
  return dy >= 0
    ? { source: sidePoint(s, Position.Bottom), target: sidePoint(t, Position.Top) }
    : { source: sidePoint(s, Position.Top), target: sidePoint(t, Position.Bottom) };
}

export const edgeTypes = { flow: FlowEdge };
