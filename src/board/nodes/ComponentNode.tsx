import type { NodeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { getNodeType, nodeIcon } from '../../catalog';
import { fieldMeta, formatFieldValue } from '../../shared/catalog/fields';
import type { FlowNode } from '../../doc/binding';
import { useBinding } from '../BoardContext';
import { startEditing, stopEditing, useIsEditing } from '../../ui/editing';
import { InlineEditor } from '../InlineEditor';
import { iconImage, liftedForDark } from './iconImage';
import { SideHandles } from './SideHandles';

const ICON_STROKE = 2.2;

/**
 * A system component card, drawn at the catalog's one fixed size: icon and type, the title (two
 * lines at most, then an ellipsis) and up to three face properties, each label and value wrapping
 * over up to three lines, whole in the row's title attribute. Nothing here grows the card.
 */
export const ComponentNode = memo(function ComponentNode({ id, type, data, selected }: NodeProps<FlowNode>) {
  const binding = useBinding();
  const editing = useIsEditing(id);
  const definition = getNodeType(type);
  const Icon = nodeIcon(type);
  const color = definition?.color ?? '#64748b';
  const face = (definition?.face ?? [])
    .map((key) => {
      const meta = fieldMeta(definition!.props.shape[key]);
      return { key, label: meta.label, value: formatFieldValue(meta, data.props[key]) };
    })
    .filter((row) => row.value);

  // The icon in the type's colour and in the dark theme's lifted one; board.css picks one.
  const style = {
    '--node-color': color,
    '--node-icon': iconImage(Icon, color, ICON_STROKE),
    '--node-icon-dark': iconImage(Icon, liftedForDark(color), ICON_STROKE),
  } as CSSProperties;

  return (
    <div className={`component-node${selected ? ' is-selected' : ''}`} style={style} onDoubleClick={() => !binding.readOnly && startEditing(id)}>
      <SideHandles />
      <div className="component-node-type">
        <span className="component-node-icon" aria-hidden />
        <span className="component-node-type-label">{definition?.label ?? `Unknown type "${type}"`}</span>
      </div>
      {editing ? (
        <InlineEditor className="component-node-title-editor" label="Node title" value={data.title} multiline onCommit={(title) => binding.setTitle(id, title)} onDone={() => stopEditing(id)} />
      ) : (
        <div className="component-node-title" title={data.title}>
          {data.title || <span className="placeholder">Untitled</span>}
        </div>
      )}
      {face.length > 0 && (
        <dl className="component-node-face">
          {face.map((row) => (
            <div key={row.key} className="component-node-face-row" title={`${row.label}: ${row.value}`}>
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
});
