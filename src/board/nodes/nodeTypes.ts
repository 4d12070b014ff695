import type { NodeTypes } from '@xyflow/react';
import { NODE_TYPES } from '../../catalog';
import type { NodeVariant } from '../../shared/catalog/types';
import { ComponentNode } from './ComponentNode';
import { FrameNode } from './FrameNode';
import { NoteNode } from './NoteNode';

const BY_VARIANT: Record<NodeVariant, NodeTypes[string]> = { component: ComponentNode, group: FrameNode, note: NoteNode };

/**
 * React Flow node types keyed by catalog type id, each drawn by its variant's component. `default`
 * catches types this version does not know (a newer collaborator's), drawn as a labelled card.
 */
export const nodeTypes: NodeTypes = {
  ...Object.fromEntries(NODE_TYPES.map((type) => [type.id, BY_VARIANT[type.variant]])),
  default: ComponentNode,
};
