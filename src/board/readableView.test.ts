import { describe, expect, it } from 'vitest';
import { readableViewport, wholeViewport, type ViewItem } from './readableView';

const card = (x: number, y: number): ViewItem => ({ rect: { x, y, width: 240, height: 120 }, frame: false });
const frame = (x: number, y: number, width: number, height: number): ViewItem => ({ rect: { x, y, width, height }, frame: true });
const view = { width: 848, height: 850 };
const LEGIBLE = 0.66;

describe('the view a board opens at', () => {
  it('fits the whole diagram when it stays legible, never above 100 %', () => {
    const small = readableViewport([card(0, 0), card(400, 0)], view, LEGIBLE)!;
    expect(small.zoom).toBe(1);
    const wide = readableViewport([card(0, 0), card(800, 300)], view, LEGIBLE)!;
    expect(wide.zoom).toBeGreaterThanOrEqual(LEGIBLE);
    expect(wide.zoom).toBeLessThan(1);
    // Both cards on screen.
    expect(wide.x).toBeGreaterThanOrEqual(0);
    expect(wide.x + 1040 * wide.zoom).toBeLessThanOrEqual(view.width);
  });

  it('fits the stage nearest the top-left corner when the whole diagram would be too small to read', () => {
    const board = [frame(1200, 0, 1080, 600), frame(0, 0, 1080, 600), frame(0, 720, 2720, 400), card(2400, 100)];
    const opened = readableViewport(board, view, LEGIBLE)!;
    expect(opened.zoom).toBeGreaterThanOrEqual(LEGIBLE);
    // The first stage, 0..1080, fills the width; the second starts beyond the right edge.
    expect(opened.x).toBeGreaterThanOrEqual(0);
    expect(opened.x + 1080 * opened.zoom).toBeLessThanOrEqual(view.width);
    expect(opened.x + 1200 * opened.zoom).toBeGreaterThan(view.width * 0.9);
  });

  it('shows the first stage from its top-left corner at the legible zoom when even that stage is too wide', () => {
    const opened = readableViewport([frame(100, 50, 1080, 600), frame(1300, 50, 1080, 600)], { width: 432, height: 700 }, LEGIBLE)!;
    expect(opened.zoom).toBe(LEGIBLE);
    expect(opened.x + 100 * LEGIBLE).toBeGreaterThan(0);
    expect(opened.x + 100 * LEGIBLE).toBeLessThan(60);
    expect(opened.y + 50 * LEGIBLE).toBeLessThan(60);
  });

  it('shows the top-left of a board without stages at the legible zoom', () => {
    const opened = readableViewport([card(0, 0), card(3000, 2000)], view, LEGIBLE)!;
    expect(opened.zoom).toBe(LEGIBLE);
    expect(opened.x).toBeGreaterThan(0);
    expect(opened.x).toBeLessThan(60);
  });

  it('has nothing to show on an empty board or before the canvas has a size', () => {
    expect(readableViewport([], view, LEGIBLE)).toBeNull();
    expect(readableViewport([card(0, 0)], { width: 0, height: 0 }, LEGIBLE)).toBeNull();
  });
});

describe('the opening view and what floats over the canvas', () => {
  const legend = { x: 15, y: 15, width: 160, height: 105 };
  const minimap = { x: view.width - 215, y: view.height - 165, width: 200, height: 150 };
  const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const onScreen = (rect: { x: number; y: number; width: number; height: number }, v: { x: number; y: number; zoom: number }) => ({
    x: v.x + rect.x * v.zoom,
    y: v.y + rect.y * v.zoom,
    width: rect.width * v.zoom,
    height: rect.height * v.zoom,
  });

  it('keeps every card clear of the legend and the minimap', () => {
    const cards = [card(0, 0), card(400, 0), card(0, 300), card(400, 300), card(800, 600)];
    const bare = readableViewport(cards, view, LEGIBLE)!;
    expect(cards.some((c) => overlaps(onScreen(c.rect, bare), legend) || overlaps(onScreen(c.rect, bare), minimap))).toBe(true);
    const opened = readableViewport(cards, view, LEGIBLE, [legend, minimap])!;
    expect(opened.zoom).toBeGreaterThanOrEqual(LEGIBLE);
    for (const c of cards) {
      expect(overlaps(onScreen(c.rect, opened), legend)).toBe(false);
      expect(overlaps(onScreen(c.rect, opened), minimap)).toBe(false);
    }
  });

  it('starts a stage too big to fit below or beside the legend', () => {
    const opened = readableViewport([frame(0, 0, 3000, 2000)], view, LEGIBLE, [legend])!;
    expect(opened.zoom).toBe(LEGIBLE);
    const corner = onScreen({ x: 0, y: 0, width: 240, height: 120 }, opened);
    expect(overlaps(corner, legend)).toBe(false);
  });
});

describe('the whole board fitted', () => {
  it('shows every card, however small, clear of the overview in the bottom-right corner', () => {
    const rects = Array.from({ length: 9 }, (_, i) => ({ x: (i % 3) * 320, y: Math.floor(i / 3) * 260, width: 240, height: 180 }));
    const overview = { x: 848 - 15 - 200, y: 850 - 15 - 150, width: 200, height: 150 };
    const fitted = wholeViewport(rects, view, [overview])!;
    const onScreen = rects.map((r) => ({ x: r.x * fitted.zoom + fitted.x, y: r.y * fitted.zoom + fitted.y, width: r.width * fitted.zoom, height: r.height * fitted.zoom }));
    for (const r of onScreen) {
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.y).toBeGreaterThanOrEqual(0);
      expect(r.x + r.width).toBeLessThanOrEqual(view.width);
      expect(r.y + r.height).toBeLessThanOrEqual(view.height);
      expect(r.x + r.width <= overview.x || r.y + r.height <= overview.y).toBe(true);
    }
    // Without the overview the same grid fills more of the view.
    expect(wholeViewport(rects, view)!.zoom).toBeGreaterThan(fitted.zoom);
  });
});
