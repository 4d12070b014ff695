import { Trash2 } from 'lucide-react';
import type { Action } from './types';

export const deleteSelection: Action = {
  id: 'delete',
  label: 'Delete selection',
  shortcuts: ['Delete', 'Backspace'],
  icon: Trash2,
  enabled: ({ binding }) => {
    const { nodes, edges } = binding.getSelection();
    return nodes.length + edges.length > 0;
  },
  perform: ({ binding }) => {
    const { nodes, edges } = binding.getSelection();
    binding.deleteElements(nodes, edges);
  },
};
