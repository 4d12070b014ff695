import { overlaps, type Rect, type Size } from '../doc/geometry';

export type Corner = 'top-left' | 'top-right' | 'bottom-right' | 'bottom-left';

/** React Flow's margin around a <Panel> (its style sheet's `.react-flow__panel { margin: 15px }`). */
export const PANEL_MARGIN = 15;

export interface OverlaySpec {
  /** The overlay's size unfolded, in screen pixels. */
  size: Size;
  /** Where it may sit, its usual place first. */
  corners: readonly Corner[];
}

/** Where an overlay sits, and whether it is folded for now because no corner of its own is clear. */
export interface Placement {
  corner: Corner;
  tucked: boolean;
}

/** The screen box of an overlay of `size` in `corner` of a view of `view`'s size. */
export function cornerBox(corner: Corner, size: Size, view: Size): Rect {
  const x = corner.endsWith('left') ? PANEL_MARGIN : view.width - PANEL_MARGIN - size.width;
  const y = corner.startsWith('top') ? PANEL_MARGIN : view.height - PANEL_MARGIN - size.height;
  return { x, y, ...size };
}

/**
 * Places the overlays of the canvas (legend, minimap) clear of the work: each takes the first of its
 * corners where it meets neither a box of `work` (the cards being selected, dragged or connected)
 * nor an obstacle (the zoom buttons, another overlay placed before it). With no such corner it
 * stays in its usual one, folded until the work moves away.
 */
export function placeOverlays(overlays: readonly OverlaySpec[], view: Size, work: readonly Rect[], obstacles: readonly Rect[] = []): Placement[] {
  const taken = [...obstacles];
  return overlays.map(({ size, corners }) => {
    const corner = corners.find((c) => {
      const box = cornerBox(c, size, view);
      return !work.some((rect) => overlaps(box, rect)) && !taken.some((rect) => overlaps(box, rect));
    });
    if (!corner) return { corner: corners[0]!, tucked: true };
    taken.push(cornerBox(corner, size, view));
    return { corner, tucked: false };
  });
}
