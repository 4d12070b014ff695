import { menuIcon } from './menuIcon';
import { startEditing } from '../ui/editing';
import type { Action } from './types';

/** Enter edits the title of the one selected node (or the text of a note, the label of an edge) in place. */
export const rename: Action = {
  id: 'rename',
  label: 'Rename selected',
  shortcuts: ['Enter'],
  icon: menuIcon('PencilLine'),
  enabled: ({ binding }) => {
    const { nodes, edges } = binding.getSelection();
    return !binding.readOnly && nodes.length + edges.length === 1;
  },
  perform: ({ binding }) => {
    const { nodes, edges } = binding.getSelection();
    startEditing(nodes[0] ?? edges[0]);
  },
};
