import { absoluteRect, type Point, type Rect } from '../doc/geometry';
import type { BoardFile } from '../shared/format';

/** Space left between the current content and a board merged beside it. */
export const MERGE_GAP = 160;

/** The rectangle every node of a board covers, in board coordinates, from the data alone; null when empty. */
export function boardBounds(board: Pick<BoardFile, 'nodes'>): Rect | null {
  if (!board.nodes.length) return null;
  const byId = new Map(board.nodes.map((node) => [node.id, node]));
  const rects = board.nodes.map((node) => absoluteRect(node, (id) => byId.get(id)));
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { x, y, width: right - x, height: bottom - y };
}

/**
 * Where the top-left corner of a merged board goes (what BoardBinding.insertBoard takes): to the
 * right of what is already there, tops aligned, so nothing overlaps; on an empty board, where the
 * imported board had it.
 */
export function mergeSpot(current: Pick<BoardFile, 'nodes'>, incoming: Pick<BoardFile, 'nodes'>): Point {
  const here = boardBounds(current);
  if (here) return { x: here.x + here.width + MERGE_GAP, y: here.y };
  const tops = incoming.nodes.filter((node) => !node.parentId);
  return { x: Math.min(...tops.map((n) => n.position.x)), y: Math.min(...tops.map((n) => n.position.y)) };
}
