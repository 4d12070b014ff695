import { describe, expect, it } from 'vitest';
import { routeAround } from './edgeRouter';
import type { Rect } from './geometry';
import { edgeRoute, segmentsThrough } from './edgeRoute';

const card = (x: number, y: number): Rect => ({ x, y, width: 240, height: 180 });

describe('routes round the cards', () => {
  // Three cards in a row: the straight way from the first to the third runs through the second.
  const [first, middle, third] = [card(0, 0), card(400, 0), card(800, 0)];

  it('takes an edge no curve clears round the card in its way, through its bends, into the sides it names', () => {
    expect(segmentsThrough(edgeRoute({}, first, third).points, middle, false)).toBeGreaterThan(0);
    const route = routeAround(first, third, [middle])!;
    expect(route.bends.length).toBeGreaterThan(1);
    const drawn = edgeRoute({ sourceHandle: route.source, targetHandle: route.target, bends: route.bends, label: 'features' }, first, third);
    expect(segmentsThrough(drawn.points, middle, false)).toBe(0);
    expect(segmentsThrough(drawn.points, first, true) + segmentsThrough(drawn.points, third, true)).toBe(0);
    // Right angles only: every stretch between corners is level or upright.
    for (const [a, b] of route.bends.slice(1).map((p, i) => [route.bends[i], p])) expect(a.x === b.x || a.y === b.y).toBe(true);
    // The label sits on the route's level stretch over the card, not on the card.
    expect(drawn.label.y < middle.y || drawn.label.y > middle.y + middle.height).toBe(true);
  });

  it('draws the edge as a curve again once a card has moved off its bends', () => {
    const route = routeAround(first, third, [middle])!;
    const edge = { sourceHandle: route.source, targetHandle: route.target, bends: route.bends };
    const sides = { sourceHandle: route.source, targetHandle: route.target };
    expect(edgeRoute(edge, first, third)).not.toEqual(edgeRoute(sides, first, third));
    for (const moved of [
      { ...first, y: 30 },
      { ...first, x: -30, y: -30 },
    ])
      expect(edgeRoute(edge, moved, third)).toEqual(edgeRoute(sides, moved, third));
    for (const moved of [
      { ...third, x: 830 },
      { ...third, x: 770, y: 40 },
    ])
      expect(edgeRoute(edge, first, moved)).toEqual(edgeRoute(sides, first, moved));
  });

  it('finds no route into a card walled in by others', () => {
    const walls = [card(800, -200), card(800, 200), card(540, 0), card(1060, 0)];
    expect(routeAround(first, third, walls)).toBeUndefined();
  });
});
