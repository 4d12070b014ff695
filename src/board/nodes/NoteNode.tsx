import { NodeResizer, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../../doc/binding';
import { notifyError } from '../../ui/notices';
import { useBinding } from '../BoardContext';
import { startEditing, stopEditing, useIsEditing } from '../../ui/editing';
import { InlineEditor } from '../InlineEditor';
import { SideHandles } from './SideHandles';

export const NOTE_MIN_SIZE = { width: 120, height: 80 };

/** A sticky note: resizable, its text edited in place (double-click or Enter). */
export const NoteNode = memo(function NoteNode({ id, data, selected }: NodeProps<FlowNode>) {
  const binding = useBinding();
  const editing = useIsEditing(id);
  const text = typeof data.props.text === 'string' ? data.props.text : '';

  return (
    <div className={`note-node${selected ? ' is-selected' : ''}`} onDoubleClick={() => !binding.readOnly && startEditing(id)}>
      <NodeResizer isVisible={selected && !binding.readOnly} minWidth={NOTE_MIN_SIZE.width} minHeight={NOTE_MIN_SIZE.height} onResizeEnd={() => binding.commitLocalGeometry({ reparent: false })} />
      <SideHandles />
      {editing ? (
        <InlineEditor
          className="note-node-editor"
          label="Note text"
          value={text}
          multiline
          onCommit={(value) => {
            const result = binding.setProp(id, 'text', value);
            if (!result.ok) notifyError(result.error);
          }}
          onDone={() => stopEditing(id)}
        />
      ) : (
        <div className="note-node-text">{text || <span className="placeholder">Double-click to write</span>}</div>
      )}
    </div>
  );
});
