import { describe, expect, it } from 'vitest';
import { edgeLanes, inLane, LANE_GAP } from './geometry';

describe('lanes of edges between the same two cards', () => {
  it('spreads the edges joining one pair, either way round, around the middle; a lone edge or a loop has none', () => {
    const lanes = edgeLanes([
      { id: 'b', source: 'app', target: 'server' },
      { id: 'a', source: 'server', target: 'app' },
      { id: 'lone', source: 'app', target: 'cache' },
      { id: 'loop', source: 'app', target: 'app' },
      { id: 'x', source: 'p', target: 'q' },
      { id: 'y', source: 'p', target: 'q' },
      { id: 'z', source: 'q', target: 'p' },
    ]);
    expect(Object.fromEntries(lanes)).toEqual({ a: -0.5, b: 0.5, x: -1, y: 0, z: 1 });
  });

  it('moves an end along the side it attaches to', () => {
    expect(inLane({ x: 10, y: 20 }, 'right', 0.5)).toEqual({ x: 10, y: 20 + LANE_GAP / 2 });
    expect(inLane({ x: 10, y: 20 }, 'top', -1)).toEqual({ x: 10 - LANE_GAP, y: 20 });
  });
});
