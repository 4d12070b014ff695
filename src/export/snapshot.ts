import type { Rect } from './imagePlan';

/**
 * A picture of the diagram as an SVG: a copy of React Flow's viewport element in a foreignObject,
 * styled by the page's own style sheets carried along in a <style> element. The browser lays the
 * copy out again with the same markup and the same rules, so it looks as the board does, and
 * taking it costs a cloneNode instead of reading and writing ~550 computed properties on each of
 * the ~500 elements of a large board (what html-to-image does; 2.5 s of a 5 s export).
 *
 * Only what the rules cannot see is carried explicitly:
 * - the ancestors above the viewport: the copy sits in an element with the React Flow root's
 *   classes (for `.react-flow ...` rules and EXPORTING_CLASS), sized to the area and given the
 *   inherited text properties the page's <body> passes down;
 * - the theme: `:root[data-theme=...]` rules match the <svg>, which is the root of the image and
 *   gets the page root's data-theme;
 * - the chrome: removed from the copy (see isDiagramContent).
 */
const SVG_NS = 'http://www.w3.org/2000/svg';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** Text properties an element inherits from the page above React Flow (set on <body> and above). */
const INHERITED_TEXT = [
  'color',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'font-stretch',
  'font-variant',
  'font-feature-settings',
  'font-kerning',
  'line-height',
  'letter-spacing',
  'word-spacing',
  'text-align',
  'text-transform',
  'text-rendering',
  'white-space',
  'overflow-wrap',
  'word-break',
  '-webkit-font-smoothing',
];

/**
 * Copies the viewport into an <svg> of `size` showing `area` (board coordinates); the <svg> is made
 * by this document but not put in the page. `keep` decides which elements of the copy stay
 * (interface chrome goes).
 */
export function snapshotDiagram(viewport: HTMLElement, area: Rect, size: { width: number; height: number }, keep: (element: HTMLElement) => boolean): SVGSVGElement {
  const flowRoot = viewport.closest('.react-flow') ?? viewport.parentElement!;
  const copy = viewport.cloneNode(true) as HTMLElement;
  for (const element of Array.from(copy.querySelectorAll<HTMLElement>('*'))) {
    // A removed ancestor takes its descendants along; they are skipped once detached.
    if (copy.contains(element) && !keep(element)) element.remove();
  }
  copy.style.transform = `translate(${-area.x}px, ${-area.y}px) scale(1)`;

  const frame = document.createElementNS(XHTML_NS, 'div') as HTMLDivElement;
  frame.setAttribute('class', flowRoot.getAttribute('class') ?? '');
  const inherited = getComputedStyle(flowRoot);
  for (const name of INHERITED_TEXT) frame.style.setProperty(name, inherited.getPropertyValue(name));
  // The root's own layout (full size of its parent, its canvas colour) is not the picture's.
  frame.style.setProperty('position', 'relative');
  frame.style.setProperty('width', `${area.width}px`);
  frame.style.setProperty('height', `${area.height}px`);
  frame.style.setProperty('overflow', 'hidden');
  frame.style.setProperty('background', 'none');
  const style = document.createElementNS(XHTML_NS, 'style') as HTMLStyleElement;
  style.textContent = pageCss();
  frame.append(style, copy);

  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', String(size.width));
  svg.setAttribute('height', String(size.height));
  svg.setAttribute('viewBox', `0 0 ${area.width} ${area.height}`);
  const theme = document.documentElement.getAttribute('data-theme');
  if (theme) svg.setAttribute('data-theme', theme);
  const foreignObject = document.createElementNS(SVG_NS, 'foreignObject');
  foreignObject.setAttribute('x', '0');
  foreignObject.setAttribute('y', '0');
  foreignObject.setAttribute('width', String(area.width));
  foreignObject.setAttribute('height', String(area.height));
  foreignObject.append(frame);
  svg.append(foreignObject);
  return svg;
}

/** Every rule of the page's style sheets, as text. Sheets of another origin cannot be read and are skipped. */
function pageCss(): string {
  const rules: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    let list: CSSRuleList;
    try {
      list = sheet.cssRules;
    } catch {
      continue;
    }
    for (const rule of Array.from(list)) rules.push(rule.cssText);
  }
  return rules.join('\n');
}

/**
 * Draws a snapshot onto a canvas of `width` x `height` pixels over `background` (none: transparent).
 * The SVG goes in as a data: URL: Chromium taints a canvas that draws a foreignObject from a blob: URL.
 */
export async function drawSnapshot(svg: SVGSVGElement, width: number, height: number, background: string | undefined): Promise<HTMLCanvasElement> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
  try {
    await image.decode();
  } catch (error) {
    throw new Error(`The browser could not draw the diagram (${(error as Error).message}). Try a lower scale, or export SVG.`, { cause: error });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error(`The browser could not make a ${width} x ${height} px canvas. Try a lower scale, or export SVG.`);
  if (background) {
    context.fillStyle = background;
    context.fillRect(0, 0, width, height);
  }
  context.drawImage(image, 0, 0, width, height);
  return canvas;
}
