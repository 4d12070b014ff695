import { getViewportForBounds, type Viewport } from '@xyflow/react';
import { boundsOf, type Rect, type Size } from '../doc/geometry';

/** A card title this tall on screen reads without zooming in (the floor is 11 px). */
export const LEGIBLE_TITLE_PX = 12;
const MAX_ZOOM = 1;
const PADDING_PX = 32;
/** Room left between an overlay (legend, minimap, zoom buttons) and the diagram. */
const OVERLAY_GAP_PX = 8;

export interface ViewItem {
  rect: Rect;
  /** A stage frame: the first one is what the view shows when the whole diagram would be too small to read. */
  frame: boolean;
}

/** Screen space kept clear on each side of the view. */
interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

const NO_INSETS: Insets = { top: 0, right: 0, bottom: 0, left: 0 };

/**
 * The ways to keep the diagram clear of the overlays in the view's corners: each overlay gives up
 * either the band of rows it sits in (at the top or the bottom) or its band of columns (left or right).
 */
function insetChoices(overlays: readonly Rect[], view: Size): Insets[] {
  let choices = [NO_INSETS];
  for (const overlay of overlays) {
    const rows: Partial<Insets> = overlay.y + overlay.height / 2 < view.height / 2 ? { top: overlay.y + overlay.height + OVERLAY_GAP_PX } : { bottom: view.height - overlay.y + OVERLAY_GAP_PX };
    const columns: Partial<Insets> = overlay.x + overlay.width / 2 < view.width / 2 ? { left: overlay.x + overlay.width + OVERLAY_GAP_PX } : { right: view.width - overlay.x + OVERLAY_GAP_PX };
    choices = choices.flatMap((insets) => [rows, columns].map((band) => widen(insets, band)));
  }
  return choices.filter((insets) => view.width - insets.left - insets.right > 2 * PADDING_PX && view.height - insets.top - insets.bottom > 2 * PADDING_PX);
}

function widen(insets: Insets, band: Partial<Insets>): Insets {
  return {
    top: Math.max(insets.top, band.top ?? 0),
    right: Math.max(insets.right, band.right ?? 0),
    bottom: Math.max(insets.bottom, band.bottom ?? 0),
    left: Math.max(insets.left, band.left ?? 0),
  };
}

const clearArea = (insets: Insets, view: Size) => (view.width - insets.left - insets.right) * (view.height - insets.top - insets.bottom);

function fitWithin(bounds: Rect, view: Size, insets: Insets): Viewport {
  const width = view.width - insets.left - insets.right;
  const height = view.height - insets.top - insets.bottom;
  const fitted = getViewportForBounds(bounds, width, height, 0.01, MAX_ZOOM, `${PADDING_PX}px`);
  return { x: fitted.x + insets.left, y: fitted.y + insets.top, zoom: fitted.zoom };
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
 * `overlays` are the screen boxes of what floats over the canvas (legend, minimap, zoom buttons):
 * the diagram is placed clear of them, each giving up its rows or its columns, whichever leaves the
 * larger zoom (then the larger clear area).
 */
export function readableViewport(items: readonly ViewItem[], view: Size, legibleZoom: number, overlays: readonly Rect[] = []): Viewport | null {
  if (!items.length || view.width <= 0 || view.height <= 0) return null;
  const floor = Math.min(legibleZoom, MAX_ZOOM);
  const { byArea, bestFit } = clearFitting(view, overlays);
  const all = boundsOf(items.map((item) => item.rect));
  const whole = bestFit(all);
  if (whole.zoom >= floor) return whole;
  const first = firstStage(items, all) ?? all;
  const stage = bestFit(first);
  if (stage.zoom >= floor) return stage;
  const insets = byArea[0]!;
  return { x: insets.left + PADDING_PX - first.x * floor, y: insets.top + PADDING_PX - first.y * floor, zoom: floor };
}

/** The whole diagram fitted clear of the overlays, however small that makes it (what "fit board to screen" shows). */
export function wholeViewport(rects: readonly Rect[], view: Size, overlays: readonly Rect[] = []): Viewport | null {
  if (!rects.length || view.width <= 0 || view.height <= 0) return null;
  return clearFitting(view, overlays).bestFit(boundsOf(rects));
}

/**
 * The ways to keep clear of the overlays, the largest clear area first, and the fit of a box that
 * leaves it the larger zoom (then the larger clear area).
 */
function clearFitting(view: Size, overlays: readonly Rect[]) {
  const choices = insetChoices(overlays, view);
  if (!choices.length) choices.push(NO_INSETS);
  const byArea = [...choices].sort((a, b) => clearArea(b, view) - clearArea(a, view));
  const bestFit = (bounds: Rect) => byArea.map((insets) => fitWithin(bounds, view, insets)).reduce((best, viewport) => (viewport.zoom > best.zoom + 1e-9 ? viewport : best));
  return { byArea, bestFit };
}

/** How wide a diagram the view shows whole at the zoom where titles read, in board pixels. */
export function legibleWidth(view: Size, legibleZoom: number): number {
  const zoom = Math.min(legibleZoom, MAX_ZOOM);
  return Math.max(0, view.width - 2 * PADDING_PX) / zoom;
}
