import { getNodeType } from '../catalog';
import { COMPONENT_NODE_SIZE } from '../catalog/nodeSize';
import type { BoardFile, BoardNode } from '../doc/format';
import type { Rect } from './imagePlan';

/** Space left between the current content and a board merged beside it. */
export const MERGE_GAP = 160;

/** The size a node is drawn at, from the data alone (components have one fixed size). */
export function nodeSize(node: BoardNode): { width: number; height: number } {
  const type = getNodeType(node.type);
  if (!type || type.variant === 'component') return COMPONENT_NODE_SIZE;
  return node.size ?? type.defaultSize ?? COMPONENT_NODE_SIZE;
}

/** The rectangle every node of a board covers, in board coordinates; null for an empty board. */
export function boardBounds(board: Pick<BoardFile, 'nodes'>): Rect | null {
  if (!board.nodes.length) return null;
  const byId = new Map(board.nodes.map((node) => [node.id, node]));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of board.nodes) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    const x = node.position.x + (parent?.position.x ?? 0);
    const y = node.position.y + (parent?.position.y ?? 0);
    const { width, height } = nodeSize(node);
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + width);
    maxY = Math.max(maxY, y + height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * Where to move an imported board so it lands to the right of what is already there, tops aligned,
 * without overlapping it. An empty board takes the import where it is.
 */
export function mergeOffset(current: Pick<BoardFile, 'nodes'>, incoming: Pick<BoardFile, 'nodes'>): { x: number; y: number } {
  const here = boardBounds(current);
  const there = boardBounds(incoming);
  if (!here || !there) return { x: 0, y: 0 };
  return { x: here.x + here.width + MERGE_GAP - there.x, y: here.y - there.y };
}
