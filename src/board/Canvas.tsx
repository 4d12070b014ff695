import { ConnectionMode, ControlButton, Controls, ReactFlow, useReactFlow, type Connection, type EdgeMouseHandler, type IsValidConnection, type OnConnectEnd, useStoreApi } from '@xyflow/react';
import { Maximize } from 'lucide-react';
import { useCallback, useMemo, type ComponentType, type DragEvent, type PointerEvent, type RefObject } from 'react';
import { getNodeType } from '../catalog';
import { addNodeAt } from '../actions/addNode';
import { useActionRunner, type ActionRunner } from '../actions/runner';
import { fitView } from '../actions/view';
import { markBoardDrawn } from '../ui/lazyPart';
import { notifyError } from '../ui/notices';
import { useTheme } from '../ui/theme';
import type { FlowEdge as FlowEdgeType, FlowNode } from '../doc/binding';
import { edgeLanes, GRID_SIZE, type Point } from '../doc/geometry';
import { useBinding, useBoardSelector, useBoardSnapshot } from './BoardContext';
import type { BoardSnapshot } from '../doc/boardView';
import { edgeTypes } from './edges/FlowEdge';
import { startEditing } from '../ui/editing';
import { BoardGrid } from './BoardGrid';
import { CanvasOverlays } from './CanvasOverlays';
import { DropTargetHighlight, nodeAt } from './dropTarget';
import { useNodeMenu } from './NodeMenu';
import { nodeTypes } from './nodes/nodeTypes';
import { withSideHandles } from './nodes/SideHandles';
import { useRendersWholeBoard } from './wholeBoard';
import { ReadableOpening } from './useReadableView';
import { NODE_TYPE_MIME } from './Palette';
import { MAX_ZOOM, MIN_ZOOM } from './zoomLimits';

/** Components in their colour; frames and notes as faint outlines so they do not hide what they hold. */
function minimapColor(node: FlowNode): string {
  const type = getNodeType(node.type ?? '');
  if (!type) return '#94a3b8';
  return type.variant === 'component' ? type.color : 'rgb(148 163 184 / 0.25)';
}

const shownAs = new WeakMap<FlowEdgeType, FlowEdgeType>();
/**
 * The edge as drawn: right-angled (edgeTypes.orthogonal) on an orthogonal board, in its lane when it
 * shares its two cards with other edges. Cached, so an unchanged edge keeps its identity from one
 * render to the next.
 */
function asShown(edge: FlowEdgeType, orthogonal: boolean, lane: number | undefined): FlowEdgeType {
  if (!orthogonal && lane === undefined) return edge;
  const cached = shownAs.get(edge);
  if (cached && (cached.type === 'orthogonal') === orthogonal && cached.data?.lane === lane) return cached;
  const shown = { ...edge, ...(orthogonal ? { type: 'orthogonal' } : {}), ...(lane === undefined ? {} : { data: { ...edge.data!, lane } }) };
  shownAs.set(edge, shown);
  return shown;
}
const selectEdgeRouting = (snapshot: BoardSnapshot) => snapshot.edgeRouting;

const notSelf: IsValidConnection<FlowEdgeType> = (c) => c.source !== c.target;

/*
 * Props of <ReactFlow> keep their identity from one render to the next: the canvas renders on
 * every frame of a drag, and React Flow copies a changed prop into its store (every store
 * selector runs again) or passes it down to every edge and node (each renders again).
 */
const SNAP_GRID: [number, number] = [GRID_SIZE, GRID_SIZE];
/*
 * A board opens at a zoom where titles read (useReadableView), so from about a hundred cards most of
 * them lie outside the view: rendering only those in view pays there (the 500-node drag about half the
 * CPU per step and on time, the 100-node drag about a sixth less; the pan level at 100), while a smaller
 * board keeps every card in the page, docs/BENCHMARKS.md (#16, session 13).
 */
const CULL_FROM_NODES = 100;
/** React Flow's fit button, fitting as "fit board to screen" does: the whole board, clear of the legend and the overview. */
function FitButton({ run }: { run: ActionRunner['run'] }) {
  return (
    <ControlButton className="react-flow__controls-fitview" onClick={() => void run(fitView)} title="Fit view" aria-label="Fit view">
      <Maximize style={{ fill: 'none' }} aria-hidden />
    </ControlButton>
  );
}

function onDragOver(event: DragEvent) {
  if (event.dataTransfer.types.includes(NODE_TYPE_MIME)) {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }
}

/**
 * The React Flow canvas. It only renders the binding's snapshot and forwards what the user does to
 * the binding: changes (selection, live drag), commits at drag end, connections, palette drops.
 * React Flow's own delete key is off: deleting goes through the action registry like every key.
 */
/** `layers` are drawn inside React Flow, over the board (src/app/extensions.ts lists them). */
export function Canvas({ snapToGrid, pointerRef, layers }: { snapToGrid: boolean; pointerRef: RefObject<Point | null>; layers: readonly ComponentType[] }) {
  const binding = useBinding();
  const { nodes, edges, readOnly } = useBoardSnapshot();
  const shownNodes = useMemo(() => nodes.map(withSideHandles), [nodes]);
  const routing = useBoardSelector(selectEdgeRouting);
  const shownEdges = useMemo(() => {
    const lanes = edgeLanes(edges);
    if (routing !== 'orthogonal' && !lanes.size) return edges;
    return edges.map((edge) => asShown(edge, routing === 'orthogonal', lanes.get(edge.id)));
  }, [edges, routing]);
  const wholeBoard = useRendersWholeBoard();
  const theme = useTheme();
  const flow = useReactFlow<FlowNode, FlowEdgeType>();
  const { ctx, run } = useActionRunner();

  // Both ends float: an edge attaches to the sides its cards turn to each other, wherever they move.
  const onConnect = useCallback(
    ({ source, target }: Connection) => {
      const result = binding.connect({ source, target });
      if (!result.ok) notifyError(result.error);
    },
    [binding],
  );
  // A drop on a card's body, away from its handles, connects to that card too.
  const store = useStoreApi<FlowNode, FlowEdgeType>();
  const onConnectEnd = useCallback<OnConnectEnd>(
    (event, connection) => {
      if (connection.isValid || !connection.fromNode) return;
      const at = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!at) return;
      const target = nodeAt(store.getState().nodeLookup.values(), flow.screenToFlowPosition({ x: at.clientX, y: at.clientY }), connection.fromNode.id);
      if (target) onConnect({ source: connection.fromNode.id, target: target.id, sourceHandle: null, targetHandle: null });
    },
    [store, flow, onConnect],
  );
  const commitDrag = useCallback(() => binding.commitLocalGeometry({ reparent: true }), [binding]);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = getNodeType(event.dataTransfer.getData(NODE_TYPE_MIME));
      if (!type) return;
      event.preventDefault();
      addNodeAt(ctx, type, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [ctx, flow],
  );
  const onEdgeDoubleClick = useCallback<EdgeMouseHandler<FlowEdgeType>>((_, edge) => !binding.readOnly && startEditing(edge.id), [binding]);
  const nodeMenu = useNodeMenu();
  const pressMoved = nodeMenu.onPointerMove;
  const onPointerMove = useCallback(
    (event: PointerEvent) => {
      pointerRef.current = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      pressMoved(event);
    },
    [flow, pointerRef, pressMoved],
  );
  const onPointerLeave = useCallback(() => {
    pointerRef.current = null;
  }, [pointerRef]);

  return (
    <ReactFlow<FlowNode, FlowEdgeType>
      nodes={shownNodes}
      edges={shownEdges}
      onlyRenderVisibleElements={!wholeBoard && nodes.length >= CULL_FROM_NODES}
      onInit={markBoardDrawn}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={binding.applyNodeChanges}
      onEdgesChange={binding.applyEdgeChanges}
      onNodeDragStop={commitDrag}
      onSelectionDragStop={commitDrag}
      onConnect={onConnect}
      onConnectEnd={onConnectEnd}
      isValidConnection={notSelf}
      onEdgeDoubleClick={onEdgeDoubleClick}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onPointerDown={nodeMenu.onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={nodeMenu.onPointerUp}
      onPointerCancel={nodeMenu.onPointerCancel}
      onPointerLeave={onPointerLeave}
      onNodeContextMenu={nodeMenu.onNodeContextMenu}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      connectionMode={ConnectionMode.Loose}
      deleteKeyCode={null}
      disableKeyboardA11y
      elevateNodesOnSelect={false}
      snapToGrid={snapToGrid}
      snapGrid={SNAP_GRID}
      colorMode={theme}
      minZoom={MIN_ZOOM}
      maxZoom={MAX_ZOOM}
      zoomOnDoubleClick={false}
    >
      <BoardGrid />
      <Controls showInteractive={false} showFitView={false} position="bottom-left">
        <FitButton run={run} />
      </Controls>
      <CanvasOverlays minimapLabel="Board overview" minimapColor={minimapColor} />
      <ReadableOpening />
      <DropTargetHighlight />
      {nodeMenu.element}
      {layers.map((Layer, index) => (
        <Layer key={index} />
      ))}
    </ReactFlow>
  );
}
