import { useSyncExternalStore } from 'react';

/**
 * On large boards the canvas renders only the nodes and edges in view (React Flow's onlyRenderVisibleElements):
 * at 1,000 cards most of the per-frame cost of a pan or a drag is cards nobody sees. An image export
 * copies the rendered diagram, so while one is taken the canvas renders the whole board again.
 */
let holders = 0;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function hold(delta: number): void {
  holders += delta;
  for (const listener of listeners) listener();
}

const rendersWholeBoard = () => holders > 0;

/** Whether the canvas must render every node and edge, off-screen ones too. */
export function useRendersWholeBoard(): boolean {
  return useSyncExternalStore(subscribe, rendersWholeBoard);
}

/** Runs `task` with every node and edge of the board rendered (`task` waits for them to be drawn). */
export async function withWholeBoardRendered<T>(task: () => Promise<T>): Promise<T> {
  hold(1);
  try {
    return await task();
  } finally {
    hold(-1);
  }
}
