import { Background, BackgroundVariant, ConnectionMode, Controls, ReactFlow, type Viewport } from '@xyflow/react';
import type { ReactNode } from 'react';
import { useTheme } from '../ui/theme';
import { BindingContext } from '../board/BoardContext';
import { edgeTypes } from '../board/edges/FlowEdge';
import { nodeTypes } from '../board/nodes/nodeTypes';
import { MAX_ZOOM, MIN_ZOOM } from '../board/zoomLimits';
import type { BoardBinding, FlowEdge, FlowNode } from '../doc/binding';

/**
 * The same object at every render: React Flow writes a prop it tracks to its store whenever the prop
 * is a new object, and every node and edge on the canvas then reads the store again.
 */
const FIT_VIEW_OPTIONS = { padding: 0.1 };

/**
 * A board drawn read-only with the board's own node and edge components (the replay, the
 * debrief's picture): nothing can be selected, moved or connected, and the binding given is a
 * read-only one over a document nobody shares. Loose connection mode, as on the board: edges
 * drawn without chosen handles attach to any side.
 */
export function ReadOnlyCanvas({
  id,
  binding,
  nodes,
  edges,
  defaultViewport,
  fitView = false,
  controls = true,
  children,
}: {
  /** Tells this flow from another on the same page (its edge markers' ids). */
  id?: string;
  binding: BoardBinding;
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** The view in the first frame (read once). */
  defaultViewport?: Viewport;
  fitView?: boolean;
  controls?: boolean;
  children?: ReactNode;
}) {
  const theme = useTheme();
  return (
    <BindingContext.Provider value={binding}>
      <ReactFlow<FlowNode, FlowEdge>
        id={id}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={binding.applyNodeChanges}
        defaultViewport={defaultViewport}
        connectionMode={ConnectionMode.Loose}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        deleteKeyCode={null}
        colorMode={theme}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        zoomOnDoubleClick={false}
        fitView={fitView}
        fitViewOptions={FIT_VIEW_OPTIONS}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.5} />
        {controls && <Controls showInteractive={false} position="bottom-left" />}
        {children}
      </ReactFlow>
    </BindingContext.Provider>
  );
}
