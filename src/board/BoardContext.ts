import { createContext, useContext, useSyncExternalStore } from 'react';
import type { BoardBinding, BoardSnapshot } from '../doc/binding';

/** The open board's binding, for the canvas and panels: they read through it and write through it. */
export const BindingContext = createContext<BoardBinding | null>(null);

export function useBinding(): BoardBinding {
  const binding = useContext(BindingContext);
  if (!binding) throw new Error('useBinding outside a board');
  return binding;
}

export function useBoardSnapshot(): BoardSnapshot {
  const binding = useBinding();
  return useSyncExternalStore(binding.subscribe, binding.getSnapshot);
}
