import { describe, expect, it } from 'vitest';
import { cornerBox, PANEL_MARGIN, placeOverlays, type Corner } from './overlayCorners';

const VIEW = { width: 800, height: 600 };
const LEGEND = { size: { width: 150, height: 100 }, corners: ['top-left', 'top-right'] as Corner[] };
const MINIMAP = { size: { width: 200, height: 150 }, corners: ['bottom-right', 'top-right'] as Corner[] };
/** The zoom buttons' box in the bottom-left corner. */
const CONTROLS = { x: PANEL_MARGIN, y: 600 - PANEL_MARGIN - 80, width: 26, height: 80 };
const card = (x: number, y: number) => ({ x, y, width: 240, height: 180 });

describe('placeOverlays', () => {
  it('keeps each overlay in its usual corner while nothing being worked on lies there', () => {
    expect(placeOverlays([LEGEND, MINIMAP], VIEW, [card(300, 200)], [CONTROLS])).toEqual([
      { corner: 'top-left', tucked: false },
      { corner: 'bottom-right', tucked: false },
    ]);
  });

  it('moves an overlay to its next corner when a card being worked on lies under it', () => {
    expect(placeOverlays([LEGEND, MINIMAP], VIEW, [card(650, 500)], [CONTROLS])).toEqual([
      { corner: 'top-left', tucked: false },
      { corner: 'top-right', tucked: false },
    ]);
    expect(placeOverlays([LEGEND, MINIMAP], VIEW, [card(0, 0)], [CONTROLS])[0]).toEqual({ corner: 'top-right', tucked: false });
  });

  it('folds an overlay for now when every corner of its own is taken by work or by an overlay placed before it', () => {
    // The legend flees a card to the top right; the overview, under another card, finds the top right taken.
    expect(placeOverlays([LEGEND, MINIMAP], VIEW, [card(0, 0), card(650, 500)], [CONTROLS])).toEqual([
      { corner: 'top-right', tucked: false },
      { corner: 'bottom-right', tucked: true },
    ]);
    // An obstacle (the interview checklist in the top right) counts as taken.
    expect(placeOverlays([LEGEND], VIEW, [card(0, 0)], [{ x: 400, y: 12, width: 388, height: 300 }])).toEqual([{ corner: 'top-left', tucked: true }]);
  });

  it('places a box at React Flow panel margins from its corner', () => {
    expect(cornerBox('bottom-right', { width: 200, height: 150 }, VIEW)).toEqual({ x: 800 - 15 - 200, y: 600 - 15 - 150, width: 200, height: 150 });
    expect(cornerBox('top-left', { width: 10, height: 10 }, VIEW)).toEqual({ x: 15, y: 15, width: 10, height: 10 });
  });
});
