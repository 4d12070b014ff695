import type { BoardFile } from '../shared/format';
import { BOARD_MIME_TYPE, boardToJson } from './boardJson';
import type { SceneText } from './pngScene';

/**
 * An SVG export carries its board as JSON in a <metadata> element, so the drawing can be opened
 * again as an editable board; and it is sanitised, so the file is safe to open anywhere: no
 * scripts, no event-handler attributes, no javascript: links. User text is only ever text nodes and
 * attribute values, which XMLSerializer escapes, so a title like `<img onerror=...>` stays text.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Elements that run code or pull in other documents; none of them belongs in a drawing. */
const FORBIDDEN_ELEMENTS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'link', 'meta', 'handler', 'listener']);
/** SVG animation elements can set attributes, e.g. an href to javascript:, after sanitising. */
const ANIMATION_ELEMENTS = new Set(['set', 'animate', 'animatemotion', 'animatetransform', 'discard']);
const URL_ATTRIBUTES = new Set(['href', 'xlink:href', 'src', 'action', 'formaction', 'background', 'poster']);

export const SVG_WITHOUT_BOARD = 'This SVG has no board embedded in it: only SVG images exported from ML Design Board can be opened as a board.';

/** Removes everything that could run code from an SVG element tree, in place. */
export function sanitizeSvg(root: Element): void {
  for (const element of [root, ...Array.from(root.querySelectorAll('*'))]) {
    const name = element.localName.toLowerCase();
    if (FORBIDDEN_ELEMENTS.has(name) || (ANIMATION_ELEMENTS.has(name) && animatesSomethingDangerous(element))) {
      element.remove();
      continue;
    }
    for (const attribute of Array.from(element.attributes)) {
      const attributeName = attribute.name.toLowerCase();
      if (attributeName.startsWith('on') || (URL_ATTRIBUTES.has(attributeName) && isScriptUrl(attribute.value))) {
        element.removeAttributeNode(attribute);
      }
    }
  }
}

function animatesSomethingDangerous(element: Element): boolean {
  const target = (element.getAttribute('attributeName') ?? '').toLowerCase();
  return element.localName.toLowerCase() === 'discard' || target.startsWith('on') || URL_ATTRIBUTES.has(target);
}

function isScriptUrl(value: string): boolean {
  // Browsers ignore whitespace and control characters inside a scheme: "java\tscript:" runs too.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  const compact = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
  return compact.startsWith('javascript:') || compact.startsWith('vbscript:') || compact.startsWith('data:text/html');
}

/**
 * Turns the rendered SVG (see snapshotDiagram) into the file we hand out: sanitised, titled with
 * the board title, and carrying the board JSON in <metadata>.
 */
export function finishSvgExport(svgText: string, board: BoardFile): string {
  const doc = parseSvg(svgText);
  if (typeof doc === 'string') throw new Error(`The rendered SVG could not be read back: ${doc}`);
  const root = doc.documentElement;
  sanitizeSvg(root);
  for (const old of boardMetadataElements(doc)) old.remove();
  const title = doc.createElementNS(SVG_NS, 'title');
  title.textContent = board.title;
  const metadata = doc.createElementNS(SVG_NS, 'metadata');
  metadata.setAttribute('data-type', BOARD_MIME_TYPE);
  metadata.textContent = boardToJson(board);
  root.insertBefore(metadata, root.firstChild);
  root.insertBefore(title, root.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
}

/** The board JSON embedded in an SVG export, or a message saying why there is none. */
export function extractBoardTextFromSvg(svgText: string): SceneText {
  const doc = parseSvg(svgText);
  if (typeof doc === 'string') return { ok: false, error: `The SVG file could not be read: ${doc}.` };
  const metadata = boardMetadataElements(doc)[0];
  if (!metadata) return { ok: false, error: SVG_WITHOUT_BOARD };
  return { ok: true, text: metadata.textContent ?? '' };
}

/** Parses SVG markup as XML; DOMParser never runs the scripts of what it parses. */
function parseSvg(svgText: string): Document | string {
  const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) return `it is not well-formed XML (${(error.textContent ?? '').trim().split('\n')[0].slice(0, 200)})`;
  const root = doc.documentElement;
  if (root.localName !== 'svg' || root.namespaceURI !== SVG_NS) return `its root element is <${root.localName}>, not an SVG <svg>`;
  return doc;
}

function boardMetadataElements(doc: Document): Element[] {
  return Array.from(doc.getElementsByTagNameNS(SVG_NS, 'metadata')).filter((m) => m.getAttribute('data-type') === BOARD_MIME_TYPE);
}
