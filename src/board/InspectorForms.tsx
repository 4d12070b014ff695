import { useState } from 'react';
import { getNodeType, nodeIcon } from '../catalog';
import { EDGE_KINDS, getEdgeKind } from '../shared/catalog/edgeKinds';
import { fieldMeta } from '../shared/catalog/fields';
import type { BoardBinding } from '../doc/binding';
import { PropertyField } from './PropertyField';

/*
 * The inspector's forms for a selected node or edge. Nothing is selected when a board opens, so
 * they load with the other lazy parts rather than with the board's first frame (see Inspector).
 */

export function NodeInspector({ binding, nodeId }: { binding: BoardBinding; nodeId: string }) {
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

export function EdgeInspector({ binding, edgeId }: { binding: BoardBinding; edgeId: string }) {
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
