import { useSyncExternalStore } from 'react';

/**
 * Which node title, note text or edge label is being edited in place. Local to this tab (never in
 * the document); set by double-click, by the Rename action (Enter), and cleared on commit or Escape.
 */
let editingId: string | null = null;
const listeners = new Set<() => void>();

export function startEditing(id: string): void {
  editingId = id;
  for (const listener of listeners) listener();
}

export function stopEditing(id: string): void {
  if (editingId !== id) return;
  editingId = null;
  for (const listener of listeners) listener();
}

export function useIsEditing(id: string): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => editingId === id,
  );
}
