import { describe, expect, it } from 'vitest';
import { emptyBoard } from '../shared/format';
import { boardBounds, MERGE_GAP, mergeSpot } from './mergePlacement';
import { testBoard } from './testBoard';

describe('placing a merged board', () => {
  it('measures a board from its data, children inside their frame', () => {
    // client app at x -400 (240 wide), frame 600x300 at 0,0, note 200x140 at 700,0.
    expect(boardBounds(testBoard())).toEqual({ x: -400, y: 0, width: 1300, height: 300 });
    expect(boardBounds(emptyBoard())).toBeNull();
  });

  it('puts the import to the right of the current content, tops aligned', () => {
    expect(mergeSpot(testBoard(), testBoard())).toEqual({ x: 900 + MERGE_GAP, y: 0 });
  });

  it('keeps the import where it was on an empty board', () => {
    expect(mergeSpot(emptyBoard(), testBoard())).toEqual({ x: -400, y: 0 });
  });
});
