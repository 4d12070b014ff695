import { NodeResizer, type NodeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { CATEGORIES, getNodeType, STAGES, type Stage } from '../../catalog';
import { fieldMeta, formatFieldValue } from '../../shared/catalog/fields';
import type { FlowNode } from '../../doc/binding';
import { useBinding } from '../BoardContext';
import { startEditing, stopEditing, useIsEditing } from '../../ui/editing';
import { InlineEditor } from '../InlineEditor';

/** Each stage is tinted with the colour of the catalog category it is about. */
const STAGE_CATEGORY: Record<Stage, (typeof CATEGORIES)[number]['id']> = {
  data: 'data',
  training: 'training',
  serving: 'serving',
  monitoring: 'monitoring',
  other: 'product',
};

export const FRAME_MIN_SIZE = { width: 240, height: 160 };

/** A stage frame: a tinted, resizable area whose nodes move with it; title and stage in its corner. */
export const FrameNode = memo(function FrameNode({ id, type, data, selected }: NodeProps<FlowNode>) {
  const binding = useBinding();
  const editing = useIsEditing(id);
  const stage = (STAGES as readonly string[]).includes(data.props.stage as string) ? (data.props.stage as Stage) : 'other';
  const color = CATEGORIES.find((c) => c.id === STAGE_CATEGORY[stage])!.color;
  const stageField = getNodeType(type)?.props.shape.stage;
  const stageLabel = stageField ? formatFieldValue(fieldMeta(stageField), stage) : stage;
  // A frame titled "Data" or "Serving (hourly batch)" needs no chip repeating its stage beside the title.
  const titleSaysStage = data.title.toLowerCase().includes(stage);

  return (
    <div className={`frame-node${selected ? ' is-selected' : ''}`} style={{ '--frame-color': color } as CSSProperties}>
      <NodeResizer
        isVisible={selected && !binding.readOnly}
        minWidth={FRAME_MIN_SIZE.width}
        minHeight={FRAME_MIN_SIZE.height}
        color={color}
        onResizeEnd={() => binding.commitLocalGeometry({ reparent: false })}
      />
      <div className="frame-node-header" onDoubleClick={() => !binding.readOnly && startEditing(id)}>
        {editing ? (
          <InlineEditor label="Frame title" value={data.title} onCommit={(title) => binding.setTitle(id, title)} onDone={() => stopEditing(id)} />
        ) : (
          <span className="frame-node-title" title={data.title}>
            {data.title || 'Untitled stage'}
          </span>
        )}
        {!titleSaysStage && <span className="frame-node-stage">{stageLabel}</span>}
      </div>
    </div>
  );
});
