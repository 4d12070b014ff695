import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { Placement } from './binding';
import { isFrameType, nodeSize } from './geometry';
import type { BoardFile } from '../shared/format';

/**
 * Auto-layout with ELK's layered algorithm, left to right. Frames are laid out as blocks: the nodes
 * inside a frame are arranged within it (the frame grows or shrinks to fit them) and the frames and
 * free nodes are arranged around each other, with edges between frames taken into account
 * (hierarchy handling INCLUDE_CHILDREN). The board keeps its top-left corner.
 */
const elk = new ELK();

const LAYERED = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '48',
  'elk.layered.spacing.nodeNodeBetweenLayers': '96',
  'elk.spacing.componentComponent': '80',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
};
/** Room for the frame's title in its top-left corner. */
const FRAME_PADDING = '[top=72,left=40,bottom=40,right=40]';

export async function computeLayout(board: Pick<BoardFile, 'nodes' | 'edges'>): Promise<Placement[]> {
  const tops = board.nodes.filter((n) => !n.parentId);
  if (!tops.length) return [];
  const childrenOf = new Map<string, typeof board.nodes>();
  for (const node of board.nodes) {
    if (node.parentId) childrenOf.set(node.parentId, [...(childrenOf.get(node.parentId) ?? []), node]);
  }
  const leaf = (node: (typeof board.nodes)[number]): ElkNode => ({ id: node.id, ...nodeSize(node) });
  const graph: ElkNode = {
    id: '__root__',
    layoutOptions: { ...LAYERED, 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' },
    children: tops.map((node) => {
      const children = childrenOf.get(node.id) ?? [];
      if (!isFrameType(node.type) || !children.length) return leaf(node);
      return { id: node.id, layoutOptions: { ...LAYERED, 'elk.padding': FRAME_PADDING }, children: children.map(leaf) };
    }),
    edges: board.edges.filter((e) => e.source !== e.target).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const result = await elk.layout(graph);
  const left = Math.min(...tops.map((n) => n.position.x));
  const top = Math.min(...tops.map((n) => n.position.y));
  // ELK pads the root graph; measure from its first block instead.
  const blocks = result.children ?? [];
  const dx = left - Math.min(...blocks.map((b) => b.x ?? 0));
  const dy = top - Math.min(...blocks.map((b) => b.y ?? 0));
  const placements: Placement[] = [];
  for (const block of blocks) {
    const isFrameWithChildren = (block.children?.length ?? 0) > 0;
    placements.push({
      id: block.id,
      position: { x: dx + (block.x ?? 0), y: dy + (block.y ?? 0) },
      ...(isFrameWithChildren ? { size: { width: block.width ?? 0, height: block.height ?? 0 } } : {}),
    });
    for (const child of block.children ?? []) placements.push({ id: child.id, position: { x: child.x ?? 0, y: child.y ?? 0 } });
  }
  return placements;
}
