import type { ReactFlowInstance } from '@xyflow/react';
import type { BoardFile } from '../shared/format';
import { withWholeBoardRendered } from '../board/wholeBoard';
import { planImage, type ImagePlan, type Rect } from './imagePlan';
import { embedBoardInPng } from './pngScene';
import { drawSnapshot, snapshotDiagram } from './snapshot';
import { finishSvgExport } from './svgScene';
import { EXPORT_HIDDEN_CLASS } from '../ui/exportHidden';

/**
 * Renders the whole diagram (not the visible part of it) to PNG or SVG: a copy of the viewport
 * element, moved so the diagram's bounds are at the origin at zoom 1, styled by the page's own
 * rules (see snapshotDiagram). The PNG pixel size is planned (and clamped) before drawing, so the
 * file is exactly the bounds plus padding times the scale.
 *
 * Known failures, and what avoids them:
 * - interface chrome in the image: the viewport holds only the diagram (minimap, controls and
 *   background are outside it), and the copy drops handles, resize controls, selection boxes,
 *   the connection line and anything marked EXPORT_HIDDEN_CLASS (other users' cursors);
 * - selection outlines: the caller clears the selection while the copy is taken (see withCleanCanvas);
 * - fonts and pictures: an SVG image loads nothing from outside, so a web font or an <img> in a
 *   node would be missing from the copy; the app uses the system's fonts, and card icons are data: URLs (an SVG image may use those);
 * - blank or cropped images: bounds come from React Flow's measured nodes plus the drawn edges and
 *   edge labels; a blank canvas is detected and drawn once more, then reported;
 * - canvas size limits: see planImage.
 */
export type ImageBackground = 'white' | 'transparent' | 'dark';

export const BACKGROUND_COLORS: Record<ImageBackground, string | undefined> = {
  white: '#ffffff',
  transparent: undefined,
  dark: '#0f172a',
};

/** On the React Flow root while an export is being taken: styles can drop transitions and hover looks. */
export const EXPORTING_CLASS = 'is-exporting';

const CHROME_CLASSES = [
  EXPORT_HIDDEN_CLASS,
  'react-flow__handle',
  'react-flow__resize-control',
  'react-flow__nodesselection',
  'react-flow__selection',
  'react-flow__connectionline',
  'react-flow__edge-interaction',
  'react-flow__controls',
  'react-flow__panel',
  'react-flow__attribution',
];

export interface ImageOptions {
  scale: number;
  background: ImageBackground;
  /** Space around the diagram, in board pixels. */
  padding: number;
}

type Flow = Pick<ReactFlowInstance, 'getNodes' | 'getNodesBounds' | 'screenToFlowPosition'>;

/** The React Flow viewport element: the diagram, without the interface around it. */
export function findViewport(root: ParentNode = document): HTMLElement {
  const viewport = root.querySelector<HTMLElement>('.react-flow .react-flow__viewport');
  if (!viewport) throw new Error('The board is not on screen, so there is nothing to draw.');
  return viewport;
}

/** Whether a node of the cloned tree belongs in the image. */
export function isDiagramContent(node: HTMLElement): boolean {
  const classes = (node as Element).classList;
  return !classes || !CHROME_CLASSES.some((name) => classes.contains(name));
}

/**
 * The rectangle the diagram covers, in board coordinates: React Flow's measured node bounds, grown
 * by every drawn edge path and edge label (a curve or a label can reach past the nodes it joins).
 */
export function diagramBounds(flow: Flow, viewport: HTMLElement): Rect {
  const nodes = flow.getNodes();
  if (!nodes.length) throw new Error('The board is empty: add something to export.');
  const bounds = flow.getNodesBounds(nodes);
  let left = bounds.x;
  let top = bounds.y;
  let right = bounds.x + bounds.width;
  let bottom = bounds.y + bounds.height;
  for (const element of viewport.querySelectorAll('.react-flow__edge-path, .react-flow__edgelabel-renderer > *')) {
    const box = element.getBoundingClientRect();
    if (!box.width && !box.height) continue;
    const start = flow.screenToFlowPosition({ x: box.left, y: box.top }, { snapToGrid: false });
    const end = flow.screenToFlowPosition({ x: box.right, y: box.bottom }, { snapToGrid: false });
    left = Math.min(left, start.x);
    top = Math.min(top, start.y);
    right = Math.max(right, end.x);
    bottom = Math.max(bottom, end.y);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

export interface PngImage {
  blob: Blob;
  plan: ImagePlan;
}

/** The whole diagram as a PNG carrying the board in a tEXt chunk. */
export async function renderPng(flow: Flow, board: BoardFile, options: ImageOptions): Promise<PngImage> {
  const viewport = findViewport();
  const plan = planImage(diagramBounds(flow, viewport), options.padding, options.scale);
  const svg = snapshotDiagram(viewport, plan.area, { width: plan.pixelWidth, height: plan.pixelHeight }, isDiagramContent);
  const draw = () => drawSnapshot(svg, plan.pixelWidth, plan.pixelHeight, BACKGROUND_COLORS[options.background]);
  let canvas = await draw();
  // Chromium has been seen to paint the first drawing of a large foreignObject before its content
  // was laid out; one more drawing is then complete.
  if (isBlank(canvas)) canvas = await draw();
  if (isBlank(canvas)) throw new Error('The image came out blank. Try a lower scale, or export SVG.');
  const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!png) throw new Error(`The browser could not encode a ${plan.pixelWidth} x ${plan.pixelHeight} px image. Try a lower scale, or export SVG.`);
  const bytes = embedBoardInPng(new Uint8Array(await png.arrayBuffer()), board);
  return { blob: new Blob([bytes], { type: 'image/png' }), plan };
}

/** The whole diagram as a sanitised SVG carrying the board in <metadata>. */
export async function renderSvg(flow: Flow, board: BoardFile, options: Omit<ImageOptions, 'scale'>): Promise<Blob> {
  const viewport = findViewport();
  const plan = planImage(diagramBounds(flow, viewport), options.padding, 1);
  const svg = snapshotDiagram(viewport, plan.area, plan.area, isDiagramContent);
  // The background is a rectangle under the drawing, so the padding is painted too.
  const background = BACKGROUND_COLORS[options.background];
  if (background) svg.insertBefore(backgroundRect(document, background), svg.firstChild);
  return new Blob([finishSvgExport(new XMLSerializer().serializeToString(svg), board)], { type: 'image/svg+xml;charset=utf-8' });
}

function backgroundRect(doc: Document, color: string): Element {
  const rect = doc.createElementNS('http://www.w3.org/2000/svg', 'rect');
  rect.setAttribute('width', '100%');
  rect.setAttribute('height', '100%');
  rect.setAttribute('fill', color);
  return rect;
}

/** A canvas whose every sampled pixel is the same colour (a 32 x 32 sample of it). */
function isBlank(canvas: HTMLCanvasElement): boolean {
  const size = 32;
  const thumb = document.createElement('canvas');
  thumb.width = size;
  thumb.height = size;
  const context = thumb.getContext('2d', { willReadFrequently: true });
  if (!context) return false;
  // Nearest-pixel sampling: a smoothed downscale of a 100-megapixel canvas costs a second or more.
  context.imageSmoothingEnabled = false;
  context.drawImage(canvas, 0, 0, size, size);
  const pixels = new Uint32Array(context.getImageData(0, 0, size, size).data.buffer);
  return pixels.every((pixel) => pixel === pixels[0]);
}

/**
 * Runs an export with the canvas clean and whole: no selection outlines (the selection is cleared
 * and given back after), the EXPORTING_CLASS on the React Flow root so styles can turn off
 * transitions, and every node and edge rendered, off-screen ones too (see withWholeBoardRendered).
 */
export async function withCleanCanvas<T>(
  flow: Pick<ReactFlowInstance, 'getNodes' | 'getEdges'>,
  selection: { get(): { nodes: string[]; edges: string[] }; set(nodes: string[], edges: string[]): void },
  run: () => Promise<T>,
): Promise<T> {
  const root = document.querySelector('.react-flow');
  const kept = selection.get();
  selection.set([], []);
  root?.classList.add(EXPORTING_CLASS);
  try {
    return await withWholeBoardRendered(async () => {
      await wholeBoardDrawn(flow);
      return run();
    });
  } finally {
    root?.classList.remove(EXPORTING_CLASS);
    selection.set(kept.nodes, kept.edges);
  }
}

/** Frames a board of thousands of nodes may take to mount them all; past this the picture is taken as it is. */
const MAX_FRAMES_TO_DRAW = 600;

/** Resolves at the second frame where every node and edge of the board is in the viewport element. */
async function wholeBoardDrawn(flow: Pick<ReactFlowInstance, 'getNodes' | 'getEdges'>): Promise<void> {
  const viewport = findViewport();
  const drawn = () => viewport.querySelectorAll('.react-flow__node').length >= flow.getNodes().length && viewport.querySelectorAll('.react-flow__edge').length >= flow.getEdges().length;
  let complete = 0;
  for (let frame = 0; frame < MAX_FRAMES_TO_DRAW && complete < 2; frame++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    complete = drawn() ? complete + 1 : 0;
  }
}
