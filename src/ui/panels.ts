import { useSyncExternalStore } from 'react';

/**
 * What shows around and over the canvas: the palette (left), the side panel (right), the edge legend
 * and the minimap. On a wide screen the choice is remembered in this browser. Below NARROW_QUERY the
 * palette and the panel are drawers over a full-width canvas: they start closed on every visit, one
 * at a time, and the legend and minimap start folded.
 */
export interface PanelsShown {
  palette: boolean;
  side: boolean;
  legend: boolean;
  minimap: boolean;
}

export const NARROW_QUERY = '(max-width: 899px)';
const KEY = 'mldb.panels';
const WIDE_DEFAULT: PanelsShown = { palette: true, side: true, legend: true, minimap: true };
const NARROW_DEFAULT: PanelsShown = { palette: false, side: false, legend: false, minimap: false };

/**
 * The panels after `change`. On a narrow screen a drawer opened closes the other: two would cover
 * the whole canvas.
 */
export function nextPanels(current: PanelsShown, change: Partial<PanelsShown>, narrow: boolean): PanelsShown {
  const next = { ...current, ...change };
  if (narrow && change.palette) next.side = false;
  else if (narrow && change.side) next.palette = false;
  return next;
}

/** Focus mode: neither the palette nor the side panel shows. */
export function isFocused(panels: PanelsShown): boolean {
  return !panels.palette && !panels.side;
}

function readStored(): PanelsShown {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (!stored || typeof stored !== 'object') return WIDE_DEFAULT;
    const read = (key: keyof PanelsShown) => {
      const value = (stored as Record<string, unknown>)[key];
      return typeof value === 'boolean' ? value : WIDE_DEFAULT[key];
    };
    return { palette: read('palette'), side: read('side'), legend: read('legend'), minimap: read('minimap') };
  } catch {
    return WIDE_DEFAULT;
  }
}

const listeners = new Set<() => void>();
const narrowMedia = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(NARROW_QUERY) : null;
let wide = readStored();
let narrowPanels = NARROW_DEFAULT;
/** The palette and panel shown before focus mode, brought back when it ends. */
let beforeFocus: Pick<PanelsShown, 'palette' | 'side'> | null = null;

function notify() {
  for (const listener of listeners) listener();
}
narrowMedia?.addEventListener('change', () => {
  narrowPanels = NARROW_DEFAULT;
  notify();
});

export function isNarrowScreen(): boolean {
  return narrowMedia?.matches ?? false;
}

export function getPanels(): PanelsShown {
  return isNarrowScreen() ? narrowPanels : wide;
}

export function setPanels(change: Partial<PanelsShown>): void {
  if (isNarrowScreen()) {
    narrowPanels = nextPanels(narrowPanels, change, true);
  } else {
    wide = nextPanels(wide, change, false);
    try {
      localStorage.setItem(KEY, JSON.stringify(wide));
    } catch {
      // Not remembered, still applied.
    }
  }
  if (change.palette || change.side) beforeFocus = null;
  notify();
}

/** Hides the palette and the side panel, or brings back what focus mode hid (both, if it hid nothing). */
export function toggleFocusMode(): void {
  const panels = getPanels();
  if (!isFocused(panels)) {
    const shown = { palette: panels.palette, side: panels.side };
    setPanels({ palette: false, side: false });
    beforeFocus = shown;
    return;
  }
  // A narrow screen has room for one drawer at a time, and none is the canvas's full width.
  setPanels(isNarrowScreen() ? { palette: false, side: false } : (beforeFocus ?? { palette: true, side: true }));
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePanels(): PanelsShown {
  return useSyncExternalStore(subscribe, getPanels);
}

export function useNarrowScreen(): boolean {
  return useSyncExternalStore(subscribe, isNarrowScreen);
}
