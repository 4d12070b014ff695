import { absolutePosition, type Point } from '../doc/geometry';

/**
 * Pure geometry for presence: where dragged nodes are in absolute flow coordinates, what part of
 * the board a viewport shows, and the viewport that shows someone else's view on this screen.
 */
export type View = { x: number; y: number; width: number; height: number };
export type Viewport = { x: number; y: number; zoom: number };

/** What the geometry needs of a React Flow node (positions are relative to the parent frame). */
export interface PlacedNode {
  id: string;
  position: Point;
  parentId?: string;
  dragging?: boolean;
}

/**
 * The absolute positions of the nodes being dragged and of the nodes inside dragged frames
 * (they travel with them), rounded; null when nothing is being dragged.
 */
export function dragPositions(nodes: readonly PlacedNode[]): Record<string, Point> | null {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const moving = (node: PlacedNode): boolean => !!node.dragging || (!!node.parentId && !!byId.get(node.parentId) && moving(byId.get(node.parentId)!));
  let drag: Record<string, Point> | null = null;
  for (const node of nodes) {
    if (!moving(node)) continue;
    const at = absolutePosition(node, (id) => byId.get(id));
    (drag ??= {})[node.id] = { x: Math.round(at.x), y: Math.round(at.y) };
  }
  return drag;
}

/** The part of the board a viewport shows on a pane of this size. */
export function visibleView(viewport: Viewport, width: number, height: number): View | null {
  if (!(width > 0 && height > 0 && viewport.zoom > 0)) return null;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    x: round(-viewport.x / viewport.zoom),
    y: round(-viewport.y / viewport.zoom),
    width: round(width / viewport.zoom),
    height: round(height / viewport.zoom),
  };
}

/** The viewport showing all of `view` centred on a pane of this size, the zoom kept within limits. */
export function viewportShowing(view: View, width: number, height: number, minZoom: number, maxZoom: number): Viewport {
  const zoom = Math.min(maxZoom, Math.max(minZoom, Math.min(width / view.width, height / view.height)));
  const centre = { x: view.x + view.width / 2, y: view.y + view.height / 2 };
  return { x: width / 2 - centre.x * zoom, y: height / 2 - centre.y * zoom, zoom };
}

export function sameViewport(a: Viewport, b: Viewport): boolean {
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.zoom - b.zoom) < 1e-3;
}
