import { describe, expect, it } from 'vitest';
import { emptyBoard } from '../doc/format';
import { boardBounds, MERGE_GAP, mergeOffset } from './mergePlacement';
import { testBoard } from './testBoard';

describe('placing a merged board', () => {
  it('measures a board from its data, children inside their frame', () => {
    // client app at x -400 (240 wide), frame 600x300 at 0,0, note 200x140 at 700,0.
    expect(boardBounds(testBoard())).toEqual({ x: -400, y: 0, width: 1300, height: 300 });
    expect(boardBounds(emptyBoard())).toBeNull();
  });

  it('puts the import to the right of the current content, tops aligned', () => {
    const offset = mergeOffset(testBoard(), testBoard());
    expect(offset).toEqual({ x: 1300 + MERGE_GAP, y: 0 });
    expect(mergeOffset(emptyBoard(), testBoard())).toEqual({ x: 0, y: 0 });
  });
});
