import { BoxSelect } from 'lucide-react';
import type { Action } from './types';

export const selectAll: Action = {
  id: 'select-all',
  label: 'Select all',
  shortcuts: ['Mod+A'],
  icon: BoxSelect,
  perform: ({ binding }) => binding.selectAll(),
};
