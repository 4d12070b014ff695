import { menuIcon } from './menuIcon';
import type { Action } from './types';

export const duplicate: Action = {
  id: 'duplicate',
  label: 'Duplicate',
  shortcuts: ['Mod+D'],
  icon: menuIcon('CopyPlus'),
  enabled: ({ binding }) => binding.getSelection().nodes.length > 0,
  perform: ({ binding }) => {
    binding.duplicate(binding.getSelection().nodes);
  },
};
