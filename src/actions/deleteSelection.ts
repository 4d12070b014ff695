import { menuIcon } from './menuIcon';
import type { Action } from './types';

export const deleteSelection: Action = {
  id: 'delete',
  label: 'Delete selection',
  shortcuts: ['Delete', 'Backspace'],
  icon: menuIcon('Trash2'),
  enabled: ({ binding }) => {
    const { nodes, edges } = binding.getSelection();
    return nodes.length + edges.length > 0;
  },
  perform: ({ binding }) => {
    const { nodes, edges } = binding.getSelection();
    binding.deleteElements(nodes, edges);
  },
};
