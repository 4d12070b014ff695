import { BaseEdge, getBezierPath, getSmoothStepPath, Position, useInternalNode, useStore, type EdgeProps, type InternalNode, type ReactFlowState } from '@xyflow/react';
import { memo, useMemo, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { getEdgeKind } from '../../shared/catalog/edgeKinds';
import type { FlowEdge as FlowEdgeType } from '../../doc/binding';
import { notifyError } from '../../ui/notices';
import { useBinding } from '../BoardContext';
import { startEditing, stopEditing, useIsEditing } from '../../ui/editing';
import { InlineEditor } from '../InlineEditor';
import { facingSides, handlePoint, inLane, labelRect, type Rect, type Side } from '../../doc/geometry';
import { routedPath } from '../../doc/edgePath';

type Ends = Parameters<typeof getBezierPath>[0];
type Route = (ends: Ends) => [path: string, labelX: number, labelY: number, ...rest: number[]];

/** Right-angled lines with rounded corners, for boards whose routing is orthogonal. */
const orthogonalRoute: Route = (ends) => getSmoothStepPath({ ...ends, borderRadius: 10, offset: 24 });

/**
 * A data flow, drawn by its kind (colour, dash, motion for streaming) with an arrowhead and an
 * optional label (double-click the edge to edit). The line is React Flow's bezier (the one the
 * template checks model) or, on a board routed orthogonally, its smooth step; an edge auto-layout
 * routed round the cards runs through its bends (../../doc/edgePath.ts, which the checks read too). An end drawn without a
 * chosen handle (every edge drawn since ends float, templates, imports) attaches to the side of its
 * node that faces the other node.
 */
function flowEdge(route: Route) {
  return memo(function FlowEdge(props: EdgeProps<FlowEdgeType>) {
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
      const facing = facingEnds(sourceNode, targetNode);
      if (!data?.pinnedSource) ends = { ...ends, sourceX: facing.source.x, sourceY: facing.source.y, sourcePosition: facing.source.position };
      if (!data?.pinnedTarget) ends = { ...ends, targetX: facing.target.x, targetY: facing.target.y, targetPosition: facing.target.position };
    }
    if (data?.lane) {
      // Edges between the same two cards (one each way, say) would be drawn on top of each other: each keeps to its lane.
      const source = inLane({ x: ends.sourceX, y: ends.sourceY }, ends.sourcePosition as Side, data.lane);
      const target = inLane({ x: ends.targetX, y: ends.targetY }, ends.targetPosition as Side, data.lane);
      ends = { ...ends, sourceX: source.x, sourceY: source.y, targetX: target.x, targetY: target.y };
    }
    const label = data?.label ?? '';
    const routed =
      data?.bends && data.pinnedSource && data.pinnedTarget
        ? routedPath(
            { x: ends.sourceX, y: ends.sourceY },
            ends.sourcePosition as Side,
            { x: ends.targetX, y: ends.targetY },
            ends.targetPosition as Side,
            data.bends,
            label ? labelRect(label, ORIGIN).width : 0,
          )
        : undefined;
    const [path, labelX, labelY] = routed ? [routed.d, routed.label.x, routed.label.y] : route(ends);

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
          <EdgeLabelPortal>
            <div
              className={`edge-label nodrag nopan${selected ? ' is-selected' : ''}`}
              style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, borderColor: kind.color }}
              title={editing ? undefined : label}
              onDoubleClick={() => !binding.readOnly && startEditing(id)}
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
          </EdgeLabelPortal>
        )}
      </>
    );
  });
}

/*
 * What React Flow's <EdgeLabelRenderer> does, without its store selector that runs querySelector
 * on every store update (several per frame of a drag, once per labelled edge): the container is
 * looked up once per canvas.
 */
const selectDomNode = (s: ReactFlowState) => s.domNode;
function EdgeLabelPortal({ children }: { children: ReactNode }) {
  const domNode = useStore(selectDomNode);
  const container = useMemo(() => domNode?.querySelector('.react-flow__edgelabel-renderer') ?? null, [domNode]);
  return container ? createPortal(children, container) : null;
}

const ORIGIN = { x: 0, y: 0 };

/** React Flow's side names for the catalog geometry's. */
const POSITION: Record<Side, Position> = { top: Position.Top, right: Position.Right, bottom: Position.Bottom, left: Position.Left };

function rectOf(node: InternalNode): Rect {
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, width: node.measured.width ?? node.width ?? 0, height: node.measured.height ?? node.height ?? 0 };
}

/**
 * Where an end without a chosen handle attaches: the sides facing each other, chosen by the same
 * rule the template checks use (src/doc/geometry.ts), so a checked template draws as checked.
 */
function facingEnds(sourceNode: InternalNode, targetNode: InternalNode) {
  const source = rectOf(sourceNode);
  const target = rectOf(targetNode);
  const sides = facingSides(source, target);
  return {
    source: { ...handlePoint(source, sides.source), position: POSITION[sides.source] },
    target: { ...handlePoint(target, sides.target), position: POSITION[sides.target] },
  };
}

export const edgeTypes = { flow: flowEdge(getBezierPath), orthogonal: flowEdge(orthogonalRoute) };
