import { describe, expect, it } from 'vitest';
import { dragPositions, sameViewport, viewportShowing, visibleView } from './presenceGeometry';

describe('dragPositions', () => {
  it('is null when nothing is dragged', () => {
    expect(dragPositions([{ id: 'a', position: { x: 0, y: 0 } }])).toBeNull();
  });

  it('gives absolute positions of dragged nodes, with the content of a dragged frame', () => {
    const nodes = [
      { id: 'frame', position: { x: 100, y: 50 }, dragging: true },
      { id: 'inside', position: { x: 10.4, y: 20.6 }, parentId: 'frame' },
      { id: 'other-frame', position: { x: 500, y: 500 } },
      { id: 'dragged-child', position: { x: 5, y: 5 }, parentId: 'other-frame', dragging: true },
      { id: 'still', position: { x: 1, y: 1 } },
    ];
    expect(dragPositions(nodes)).toEqual({
      frame: { x: 100, y: 50 },
      inside: { x: 110, y: 71 },
      'dragged-child': { x: 505, y: 505 },
    });
  });
});

describe('views', () => {
  it('a viewport shows the board rectangle under the pane', () => {
    expect(visibleView({ x: -200, y: 100, zoom: 2 }, 800, 600)).toEqual({ x: 100, y: -50, width: 400, height: 300 });
    expect(visibleView({ x: 0, y: 0, zoom: 1 }, 0, 600)).toBeNull();
  });

  it('following shows the same centre, zoomed to fit the other screen, within the zoom limits', () => {
    const theirs = visibleView({ x: -200, y: 100, zoom: 2 }, 800, 600)!;
    // A screen half as wide: the same centre, half the zoom.
    const mine = viewportShowing(theirs, 400, 600, 0.1, 2.5);
    expect(mine.zoom).toBe(1);
    const shown = visibleView(mine, 400, 600)!;
    expect(shown.x + shown.width / 2).toBeCloseTo(theirs.x + theirs.width / 2);
    expect(shown.y + shown.height / 2).toBeCloseTo(theirs.y + theirs.height / 2);
    expect(viewportShowing({ x: 0, y: 0, width: 10, height: 10 }, 800, 600, 0.1, 2.5).zoom).toBe(2.5);
  });

  it('sameViewport tolerates rounding only', () => {
    expect(sameViewport({ x: 1, y: 2, zoom: 1 }, { x: 1.2, y: 2.3, zoom: 1.0004 })).toBe(true);
    expect(sameViewport({ x: 1, y: 2, zoom: 1 }, { x: 3, y: 2, zoom: 1 })).toBe(false);
  });
});
