import type { ReactFlowInstance } from '@xyflow/react';
import { getFontEmbedCSS, toCanvas, toSvg } from 'html-to-image';
import type { BoardFile } from '../doc/format';
import { planImage, type ImagePlan, type Rect } from './imagePlan';
import { embedBoardInPng } from './pngScene';
import { finishSvgExport } from './svgScene';
import { pruneDefaultStyles } from './svgStyles';

/**
 * Renders the whole diagram (not the visible part of it) to PNG or SVG with html-to-image, the way
 * React Flow's "download image" example does: the viewport element is cloned with a transform that
 * puts the diagram's bounds at the origin, at zoom 1. The PNG pixel size is planned (and clamped)
 * before drawing, so the file is exactly the bounds plus padding times the scale.
 *
 * Known failures, and what avoids them:
 * - edges missing: html-to-image is pinned at 1.11.11, the last version that copies React Flow's edge SVGs;
 * - interface chrome in the image: the viewport holds only the diagram (minimap, controls and
 *   background are outside it), and the filter drops handles, resize controls, selection boxes,
 *   the connection line and anything marked EXPORT_HIDDEN_CLASS (other users' cursors);
 * - selection outlines: the caller clears the selection while the clone is taken (see withCleanCanvas);
 * - fonts: web fonts are embedded once per export with getFontEmbedCSS;
 * - blank or cropped images: bounds come from React Flow's measured nodes plus the drawn edges and
 *   edge labels; a blank canvas is detected and drawn once more, then reported;
 * - canvas size limits: see planImage;
 * - SVG size: the inlined styles that change nothing are dropped (see pruneDefaultStyles).
 */
export type ImageBackground = 'white' | 'transparent' | 'dark';

export const BACKGROUND_COLORS: Record<ImageBackground, string | undefined> = {
  white: '#ffffff',
  transparent: undefined,
  dark: '#0f172a',
};

/** Put this class on anything drawn over the canvas that is not part of the diagram (cursors, presence). */
export const EXPORT_HIDDEN_CLASS = 'export-hidden';
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
  'react-flow__minimap',
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

function renderOptions(plan: ImagePlan, background: ImageBackground, fontEmbedCSS: string) {
  const { area } = plan;
  return {
    width: area.width,
    height: area.height,
    backgroundColor: BACKGROUND_COLORS[background],
    style: { width: `${area.width}px`, height: `${area.height}px`, transform: `translate(${-area.x}px, ${-area.y}px) scale(1)` },
    filter: isDiagramContent,
    fontEmbedCSS,
  };
}

export interface PngImage {
  blob: Blob;
  plan: ImagePlan;
}

/** The whole diagram as a PNG carrying the board in a tEXt chunk. */
export async function renderPng(flow: Flow, board: BoardFile, options: ImageOptions): Promise<PngImage> {
  const viewport = findViewport();
  const plan = planImage(diagramBounds(flow, viewport), options.padding, options.scale);
  const render = { ...renderOptions(plan, options.background, await getFontEmbedCSS(viewport)), pixelRatio: plan.scale, skipAutoScale: true };
  let canvas = await toCanvas(viewport, render);
  // Chromium sometimes paints the first drawing of a large foreignObject before its content has
  // loaded; one more drawing is then complete.
  if (isBlank(canvas)) canvas = await toCanvas(viewport, render);
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
  // The background is a rectangle under the drawing: a background colour on the cloned viewport
  // would move with its transform and leave the padding bare.
  const dataUrl = await toSvg(viewport, renderOptions(plan, 'transparent', await getFontEmbedCSS(viewport)));
  const svg = decodeURIComponent(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const background = BACKGROUND_COLORS[options.background];
  const prepare = (root: Element) => {
    pruneDefaultStyles(root);
    if (background) root.insertBefore(backgroundRect(root.ownerDocument, background), root.firstChild);
  };
  return new Blob([finishSvgExport(svg, board, prepare)], { type: 'image/svg+xml;charset=utf-8' });
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
 * Runs an export with the canvas clean: no selection outlines (the selection is cleared and given
 * back after), and the EXPORTING_CLASS on the React Flow root so styles can turn off transitions.
 */
export async function withCleanCanvas<T>(
  selection: { get(): { nodes: string[]; edges: string[] }; set(nodes: string[], edges: string[]): void },
  run: () => Promise<T>,
): Promise<T> {
  const root = document.querySelector('.react-flow');
  const kept = selection.get();
  selection.set([], []);
  root?.classList.add(EXPORTING_CLASS);
  try {
    await nextPaint();
    return await run();
  } finally {
    root?.classList.remove(EXPORTING_CLASS);
    selection.set(kept.nodes, kept.edges);
  }
}

function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}
