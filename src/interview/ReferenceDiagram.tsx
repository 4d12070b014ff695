import { Background, BackgroundVariant, ConnectionMode, Controls, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { X } from 'lucide-react';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import * as Y from 'yjs';
import { useTheme } from '../ui/theme';
import { BindingContext } from '../board/BoardContext';
import { edgeTypes } from '../board/edges/FlowEdge';
import { nodeTypes } from '../board/nodes/nodeTypes';
import { ReadableOpening } from '../board/useReadableView';
import { BoardBinding, type FlowEdge, type FlowNode } from '../doc/binding';
import type { BoardFile } from '../shared/format';

/** Reference ids get a prefix, so they never meet the board's own ids (a board made from the template has the same ones). */
export const REFERENCE_ID_PREFIX = 'reference:';

function prefixed(board: BoardFile): BoardFile {
  const id = (value: string) => REFERENCE_ID_PREFIX + value;
  return {
    ...board,
    nodes: board.nodes.map((n) => ({ ...n, id: id(n.id), ...(n.parentId ? { parentId: id(n.parentId) } : {}) })),
    edges: board.edges.map((e) => ({ ...e, id: id(e.id), source: id(e.source), target: id(e.target) })),
  };
}

/**
 * The template's reference architecture drawn the way the board draws it (the same node and edge
 * components), read-only, in a window over the canvas beside the candidate's own diagram. It has
 * its own document and binding, so nothing done here can touch the board.
 */
export function ReferenceDiagram({ board, onClose }: { board: BoardFile; onClose: () => void }) {
  const binding = useMemo(() => {
    const reference = new BoardBinding(new Y.Doc());
    reference.replaceBoard(prefixed(board));
    reference.setReadOnly(true);
    return reference;
  }, [board]);
  useEffect(() => () => binding.destroy(), [binding]);
  const { nodes, edges } = useSyncExternalStore(binding.subscribe, binding.getSnapshot);
  const theme = useTheme();
  const host = document.querySelector('.canvas-area');
  if (!host) return null;

  return createPortal(
    <section className="reference-window" aria-label={`Reference diagram: ${board.title}`}>
      <header className="reference-window-header">
        <span>
          Reference: <strong>{board.title}</strong>
        </span>
        <button type="button" className="icon-button" aria-label="Close the reference diagram" title="Close" onClick={onClose}>
          <X size={16} aria-hidden />
        </button>
      </header>
      <div className="reference-window-flow">
        <ReactFlowProvider>
          <BindingContext.Provider value={binding}>
            <ReactFlow<FlowNode, FlowEdge>
              id="reference-diagram"
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              nodesDraggable={false}
              nodesConnectable={false}
              // The board's handles are all source handles; loose mode lets edges end on them, as on the canvas.
              connectionMode={ConnectionMode.Loose}
              elementsSelectable={false}
              deleteKeyCode={null}
              disableKeyboardA11y
              colorMode={theme}
              minZoom={0.05}
              maxZoom={1.5}
            >
              <Background variant={BackgroundVariant.Dots} gap={24} size={1} />
              <Controls showInteractive={false} position="bottom-left" />
              <ReadableOpening />
            </ReactFlow>
          </BindingContext.Provider>
        </ReactFlowProvider>
      </div>
    </section>,
    host,
  );
}
