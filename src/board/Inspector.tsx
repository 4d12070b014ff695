import type { ReactNode } from 'react';
import { useActionRunner } from '../actions/runner';
import type { BoardSnapshot } from '../doc/binding';
import { sameItems, useBinding, useBoardSelector } from './BoardContext';
import { lazyPart } from '../ui/lazyPart';

// The forms, for a selection, are not part of the board's first frame (docs/BENCHMARKS.md, load).
const NodeInspector = lazyPart(() => import('./InspectorForms').then((m) => m.NodeInspector), 'panel');
const EdgeInspector = lazyPart(() => import('./InspectorForms').then((m) => m.EdgeInspector), 'panel');

interface Inspected {
  readOnly: boolean;
  nodes: string[];
  edges: string[];
  /** What the forms show (node types and data, edge data and the data of their ends): a change renders them again. */
  shown: unknown[];
}

/** The selection and what is shown of it, not positions: dragging the selected node does not render the panel. */
function selectInspected(snapshot: BoardSnapshot): Inspected {
  const inspected: Inspected = { readOnly: snapshot.readOnly, nodes: [], edges: [], shown: [] };
  for (const node of snapshot.nodes) {
    if (!node.selected) continue;
    inspected.nodes.push(node.id);
    inspected.shown.push(node.type, node.data);
  }
  const selectedEdges = snapshot.edges.filter((e) => e.selected);
  if (selectedEdges.length) {
    const dataOf = new Map(snapshot.nodes.map((n) => [n.id, n.data]));
    for (const edge of selectedEdges) {
      inspected.edges.push(edge.id);
      inspected.shown.push(edge.data, dataOf.get(edge.source), dataOf.get(edge.target));
    }
  }
  return inspected;
}

const sameInspected = (a: Inspected, b: Inspected) => a.readOnly === b.readOnly && sameItems(a.nodes, b.nodes) && sameItems(a.edges, b.edges) && sameItems(a.shown, b.shown);

/** The selected node's title and properties (a form generated from its catalog schema), or the selected edge's kind and label. */
export function Inspector() {
  const binding = useBinding();
  const { readOnly, nodes, edges } = useBoardSelector(selectInspected, sameInspected);

  // A fieldset disables every control of the form at once on a read-only board.
  const form = (content: ReactNode) => (
    <fieldset className="inspector-fieldset" disabled={readOnly}>
      {content}
    </fieldset>
  );
  if (nodes.length === 1 && edges.length === 0) return form(<NodeInspector key={nodes[0]} binding={binding} nodeId={nodes[0]} />);
  if (edges.length === 1 && nodes.length === 0) return form(<EdgeInspector key={edges[0]} binding={binding} edgeId={edges[0]} />);
  if (nodes.length + edges.length > 1) return <MultiSelection nodes={nodes.length} edges={edges.length} />;
  return (
    <div className="inspector inspector-empty">
      <p>Select a node or an edge to edit it here.</p>
      <p className="muted">Add components from the palette on the left: click one, or drag it onto the board. Connect two by dragging from the dot on one card’s edge to another card.</p>
    </div>
  );
}

function MultiSelection({ nodes, edges }: { nodes: number; edges: number }) {
  const { run } = useActionRunner();
  const parts = [nodes && `${nodes} node${nodes === 1 ? '' : 's'}`, edges && `${edges} edge${edges === 1 ? '' : 's'}`].filter(Boolean);
  return (
    <div className="inspector">
      <p>{parts.join(' and ')} selected.</p>
      <div className="button-row">
        {nodes > 0 && (
          <button type="button" className="button" onClick={() => void run('duplicate')}>
            Duplicate
          </button>
        )}
        <button type="button" className="button button-danger" onClick={() => void run('delete')}>
          Delete
        </button>
      </div>
    </div>
  );
}
