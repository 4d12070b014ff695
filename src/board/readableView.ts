import { getViewportForBounds, type Viewport } from '@xyflow/react';
import { boundsOf, type Rect, type Size } from '../doc/geometry';

/** A card title this tall on screen reads without zooming in (the floor is 11 px). */
export const LEGIBLE_TITLE_PX = 12;
const MAX_ZOOM = 1;
const PADDING_PX = 32;

export interface ViewItem {
  rect: Rect;
  /** A stage frame: the first one is what the view shows when the whole diagram would be too small to read. */
  frame: boolean;
}

/** The stage a reader starts from: the frame whose corner is nearest the diagram's top-left corner. */
function firstStage(items: readonly ViewItem[], all: Rect): Rect | undefined {
  const distance = (r: Rect) => Math.hypot(r.x - all.x, r.y - all.y);
  return items
    .filter((item) => item.frame)
    .map((item) => item.rect)
    .sort((a, b) => distance(a) - distance(b))[0];
}

/**
 * The view a board opens at: the whole diagram when it fits at a zoom where titles are legible,
 * else the first stage fitted, else the first stage's top-left corner at the legible zoom (the
 * minimap shows the rest). `legibleZoom` is the zoom at which a title reaches LEGIBLE_TITLE_PX.
 */
export function readableViewport(items: readonly ViewItem[], view: Size, legibleZoom: number): Viewport | null {
  if (!items.length || view.width <= 0 || view.height <= 0) return null;
  const floor = Math.min(legibleZoom, MAX_ZOOM);
  const fit = (bounds: Rect) => getViewportForBounds(bounds, view.width, view.height, 0.01, MAX_ZOOM, `${PADDING_PX}px`);
  const all = boundsOf(items.map((item) => item.rect));
  const whole = fit(all);
  if (whole.zoom >= floor) return whole;
  const first = firstStage(items, all) ?? all;
  const stage = fit(first);
  if (stage.zoom >= floor) return stage;
  return { x: PADDING_PX - first.x * floor, y: PADDING_PX - first.y * floor, zoom: floor };
}
