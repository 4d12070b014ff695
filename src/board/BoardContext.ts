import { createContext, useContext, useRef, useSyncExternalStore } from 'react';
import type { BoardBinding, BoardSnapshot } from '../doc/binding';

/** The open board's binding, for the canvas and panels: they read through it and write through it. */
export const BindingContext = createContext<BoardBinding | null>(null);

export function useBinding(): BoardBinding {
  const binding = useContext(BindingContext);
  if (!binding) throw new Error('useBinding outside a board');
  return binding;
}

/** The whole snapshot: the component renders again on every change, each frame of a drag included. */
export function useBoardSnapshot(): BoardSnapshot {
  const binding = useBinding();
  return useSyncExternalStore(binding.subscribe, binding.getSnapshot);
}

/**
 * One piece of the snapshot: the component renders again only when `select` gives something that
 * is not `equal` to what it gave before. Panels use it so a drag (a new snapshot every frame)
 * does not render them every frame.
 */
export function useBoardSelector<T>(select: (snapshot: BoardSnapshot) => T, equal: (a: T, b: T) => boolean = Object.is): T {
  const binding = useBinding();
  const last = useRef<{ snapshot: BoardSnapshot; select: (snapshot: BoardSnapshot) => T; value: T } | null>(null);
  const get = (): T => {
    const snapshot = binding.getSnapshot();
    const before = last.current;
    if (before && before.snapshot === snapshot && before.select === select) return before.value;
    const next = select(snapshot);
    const value = before && equal(before.value, next) ? before.value : next;
    last.current = { snapshot, select, value };
    return value;
  };
  return useSyncExternalStore(binding.subscribe, get);
}

const selectTitle = (snapshot: BoardSnapshot) => snapshot.title;
const selectReadOnly = (snapshot: BoardSnapshot) => snapshot.readOnly;

/** The board's title; renders again only when it changes. */
export function useBoardTitle(): string {
  return useBoardSelector(selectTitle);
}

/** Whether this person may only view the board; renders again only when that changes. */
export function useReadOnly(): boolean {
  return useBoardSelector(selectReadOnly);
}

/** Equal when both arrays hold the same items in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => Object.is(item, b[i]));
}
