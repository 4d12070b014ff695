// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseBoardText } from '../shared/parseBoard';
import { extractBoardTextFromSvg, finishSvgExport, sanitizeSvg, SVG_WITHOUT_BOARD } from './svgScene';
import { HOSTILE_TITLE, testBoard } from './testBoard';

/** The shape of a rendered diagram (HTML in a foreignObject), with everything a sanitiser must catch. */
const RENDERED = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100" onload="alert(1)">
<script>alert(2)</script>
<foreignObject width="100%" height="100%" x="0" y="0">
  <div xmlns="http://www.w3.org/1999/xhtml" class="react-flow__viewport" onclick="alert(3)">
    <div class="node" title="${HOSTILE_TITLE.replace(/</g, '&lt;').replace(/>/g, '&gt;')}">&lt;img src=x onerror=alert(1)&gt;</div>
    <iframe srcdoc="&lt;b&gt;frame&lt;/b&gt;"></iframe>
    <a href=" java&#9;script:alert(4)">link</a>
    <img src="data:image/png;base64,iVBORw0KGgo=" onerror="alert(5)" />
  </div>
</foreignObject>
<a href="javascript:alert(6)"><text>edge</text><set attributeName="href" to="javascript:alert(7)" /></a>
<animate attributeName="opacity" from="0" to="1" dur="1s" />
</svg>`;

function parse(svg: string): Document {
  return new DOMParser().parseFromString(svg, 'image/svg+xml');
}

function unsafeParts(doc: Document): string[] {
  const found: string[] = [];
  for (const element of Array.from(doc.querySelectorAll('*'))) {
    if (['script', 'iframe', 'set'].includes(element.localName)) found.push(`<${element.localName}>`);
    for (const attribute of Array.from(element.attributes)) {
      if (attribute.name.startsWith('on') || /script:/i.test(attribute.value.replace(/\s/g, ''))) found.push(`${attribute.name}=${attribute.value}`);
    }
  }
  return found;
}

describe('SVG export', () => {
  it('finds every unsafe part in the raw render (so the check below can fail)', () => {
    expect(unsafeParts(parse(RENDERED))).toHaveLength(9);
  });

  it('removes scripts, frames, event handlers and script links, and keeps the drawing and user text as text', () => {
    const doc = parse(finishSvgExport(RENDERED, testBoard()));
    expect(unsafeParts(doc)).toEqual([]);
    expect(doc.querySelector('.node')?.textContent).toBe(HOSTILE_TITLE);
    expect(doc.querySelector('.node')?.getAttribute('title')).toBe(HOSTILE_TITLE);
    expect(doc.querySelector('img')?.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(doc.querySelector('animate')).not.toBeNull();
    expect(doc.querySelectorAll('img, a, text, foreignObject')).toHaveLength(5);
  });

  it('titles the drawing with the board title', () => {
    const doc = parse(finishSvgExport(RENDERED, testBoard()));
    expect(doc.documentElement.firstElementChild?.localName).toBe('title');
    expect(doc.documentElement.firstElementChild?.textContent).toBe('Fraud "detection" — v2');
  });

  it('round-trips the board through <metadata>, escaped however hostile its text', () => {
    const board = { ...testBoard(), title: '</metadata><script>alert(1)</script> ]]> &amp;' };
    const svg = finishSvgExport(RENDERED, board);
    expect(svg).not.toContain('<script>');
    const text = extractBoardTextFromSvg(svg);
    expect(text.ok).toBe(true);
    if (!text.ok) return;
    const parsed = parseBoardText(text.text);
    expect(parsed.ok && parsed.board).toEqual(board);
  });

  it('replaces an earlier embedded board rather than keeping two', () => {
    const once = finishSvgExport(RENDERED, testBoard());
    const twice = finishSvgExport(once, { ...testBoard(), title: 'Second' });
    expect(parse(twice).getElementsByTagName('metadata')).toHaveLength(1);
  });

  it('says what is wrong with an SVG that holds no board, is not XML, or is not an SVG', () => {
    expect(extractBoardTextFromSvg(RENDERED)).toEqual({ ok: false, error: SVG_WITHOUT_BOARD });
    const broken = extractBoardTextFromSvg('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>');
    expect(broken.ok || broken.error).toMatch(/^The SVG file could not be read: it is not well-formed XML/);
    expect(extractBoardTextFromSvg('<html xmlns="http://www.w3.org/1999/xhtml"/>')).toEqual({
      ok: false,
      error: 'The SVG file could not be read: its root element is <html>, not an SVG <svg>.',
    });
  });

  it('sanitises in place', () => {
    const doc = parse(RENDERED);
    sanitizeSvg(doc.documentElement);
    expect(unsafeParts(doc)).toEqual([]);
  });
});
