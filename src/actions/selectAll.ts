import { menuIcon } from './menuIcon';
import type { Action } from './types';

export const selectAll: Action = {
  id: 'select-all',
  label: 'Select all',
  shortcuts: ['Mod+A'],
  icon: menuIcon('BoxSelect'),
  perform: ({ binding }) => binding.selectAll(),
};

export const clearSelection: Action = {
  id: 'clear-selection',
  label: 'Clear selection',
  shortcuts: ['Escape'],
  icon: menuIcon('SquareDashed'),
  enabled: ({ binding }) => {
    const { nodes, edges } = binding.getSelection();
    return nodes.length + edges.length > 0;
  },
  perform: ({ binding }) => binding.setSelection([]),
};
