import { Redo2, Undo2 } from 'lucide-react';
import type { Action } from './types';

/** Undo and redo revert this user's own changes only (the binding's UndoManager tracks one origin). */
export const undo: Action = {
  id: 'undo',
  label: 'Undo',
  shortcuts: ['Mod+Z'],
  icon: Undo2,
  toolbar: 'history',
  enabled: ({ binding }) => binding.getSnapshot().canUndo,
  perform: ({ binding }) => binding.undo(),
};

export const redo: Action = {
  id: 'redo',
  label: 'Redo',
  shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
  icon: Redo2,
  toolbar: 'history',
  enabled: ({ binding }) => binding.getSnapshot().canRedo,
  perform: ({ binding }) => binding.redo(),
};
