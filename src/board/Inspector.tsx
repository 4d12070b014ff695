import { useState, type ReactNode } from 'react';
import { getNodeType, nodeIcon } from '../catalog';
import { EDGE_KINDS, getEdgeKind } from '../shared/catalog/edgeKinds';
import { fieldMeta } from '../shared/catalog/fields';
import { useActionRunner } from '../actions/runner';
import type { BoardBinding, BoardSnapshot } from '../doc/binding';
import { sameItems, useBinding, useBoardSelector } from './BoardContext';
import { PropertyField } from './PropertyField';

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

function NodeInspector({ binding, nodeId }: { binding: BoardBinding; nodeId: string }) {
  const node = binding.getNode(nodeId);
  if (!node) return null;
  const type = getNodeType(node.type);
  const Icon = type ? nodeIcon(type.id) : undefined;
  return (
    <div className="inspector">
      <div className="inspector-type" style={{ color: type?.color }}>
        {Icon && <Icon size={18} aria-hidden />}
        <span>{type?.label ?? `Unknown type "${node.type}"`}</span>
      </div>
      {type && <p className="inspector-description muted">{type.description}</p>}
      <TextField label="Title" value={node.title} onWrite={(title) => binding.setTitle(nodeId, title)} />
      {type &&
        Object.entries(type.props.shape).map(([key, schema]) => <PropertyField key={key} meta={fieldMeta(schema)} value={node.props[key]} onWrite={(value) => binding.setProp(nodeId, key, value)} />)}
    </div>
  );
}

function EdgeInspector({ binding, edgeId }: { binding: BoardBinding; edgeId: string }) {
  const edge = binding.getEdge(edgeId);
  if (!edge) return null;
  const kind = getEdgeKind(edge.kind);
  const from = binding.getNode(edge.source)?.title || 'node';
  const to = binding.getNode(edge.target)?.title || 'node';
  return (
    <div className="inspector">
      <div className="inspector-type" style={{ color: kind.color }}>
        <span>Data flow</span>
      </div>
      <p className="inspector-description muted">
        {from} → {to}
      </p>
      <div className="field">
        <label htmlFor="edge-kind" className="field-label">
          Kind
        </label>
        <select id="edge-kind" value={edge.kind} onChange={(e) => binding.setEdgeKind(edgeId, e.target.value)}>
          {EDGE_KINDS.map((k) => (
            <option key={k.id} value={k.id}>
              {k.label}
            </option>
          ))}
        </select>
        <p className="field-help">{kind.description}</p>
      </div>
      <TextField label="Label" value={edge.label ?? ''} onWrite={(label) => binding.setEdgeLabel(edgeId, label)} />
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

/** A plain text field (titles, labels) with the same draft-while-typing behaviour as property fields. */
function TextField({ label, value, onWrite }: { label: string; value: string; onWrite: (value: string) => { ok: boolean; error?: string } }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = `field-${label.toLowerCase()}`;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        type="text"
        value={draft ?? value}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          const result = onWrite(e.target.value);
          setError(result.ok ? null : (result.error ?? 'Invalid value'));
        }}
        onBlur={() => !error && setDraft(null)}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
