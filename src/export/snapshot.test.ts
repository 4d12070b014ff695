// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { EXPORT_HIDDEN_CLASS } from '../ui/exportHidden';
import { EXPORTING_CLASS, isDiagramContent } from './image';
import { snapshotDiagram } from './snapshot';
import { extractBoardTextFromSvg, finishSvgExport } from './svgScene';
import { testBoard } from './testBoard';

/** A page shaped like the board: style sheet, theme on the root, React Flow root, viewport with a node, a handle and a cursor layer. */
function boardPage(): HTMLElement {
  document.documentElement.dataset.theme = 'dark';
  document.head.innerHTML = '<style>.component-node { border-radius: 10px; } :root[data-theme="dark"] .component-node-type { color: white; }</style>';
  document.body.innerHTML = `
    <div class="react-flow light ${EXPORTING_CLASS}" style="font-family: Arial; color: rgb(1, 2, 3)">
      <div class="react-flow__renderer">
        <div class="react-flow__viewport" style="transform: translate(120px, 40px) scale(0.5)">
          <div class="react-flow__node" style="transform: translate(10px, 20px)">
            <div class="component-node" style="--node-color: #2563eb">
              <div class="react-flow__handle side-handle"></div>
              <div class="component-node-type">Ranker</div>
              <div class="component-node-title">Multi-task ranker</div>
            </div>
          </div>
          <div class="collab-layer ${EXPORT_HIDDEN_CLASS}"><div class="cursor">Ana</div></div>
        </div>
      </div>
    </div>`;
  return document.querySelector<HTMLElement>('.react-flow__viewport')!;
}

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  delete document.documentElement.dataset.theme;
});

describe('diagram snapshot', () => {
  const area = { x: -32, y: -16, width: 400, height: 200 };

  it('copies the diagram without the chrome, moved so the area starts at the origin, at the asked size', () => {
    const viewport = boardPage();
    const svg = snapshotDiagram(viewport, area, { width: 800, height: 400 }, isDiagramContent);
    expect(svg.getAttribute('width')).toBe('800');
    expect(svg.getAttribute('height')).toBe('400');
    expect(svg.getAttribute('viewBox')).toBe('0 0 400 200');
    const copy = svg.querySelector<HTMLElement>('foreignObject .react-flow__viewport')!;
    expect(copy.style.transform).toBe('translate(32px, 16px) scale(1)');
    expect(copy.querySelector('.component-node-title')!.textContent).toBe('Multi-task ranker');
    expect(copy.querySelector('.component-node')!.getAttribute('style')).toContain('--node-color: #2563eb');
    expect(copy.querySelector('.react-flow__handle')).toBeNull();
    expect(copy.querySelector(`.${EXPORT_HIDDEN_CLASS}, .cursor`)).toBeNull();
    // The page itself is untouched.
    expect(viewport.querySelector('.react-flow__handle')).not.toBeNull();
    expect(viewport.style.transform).toBe('translate(120px, 40px) scale(0.5)');
  });

  it('carries the page rules, the theme, the React Flow classes and the inherited text style', () => {
    const svg = snapshotDiagram(boardPage(), area, area, isDiagramContent);
    expect(svg.getAttribute('data-theme')).toBe('dark');
    const style = svg.querySelector('foreignObject style')!;
    expect(style.textContent).toContain('.component-node');
    expect(style.textContent).toContain('[data-theme="dark"] .component-node-type');
    const frame = svg.querySelector<HTMLElement>('foreignObject > div')!;
    expect(frame.classList.contains('react-flow')).toBe(true);
    expect(frame.classList.contains(EXPORTING_CLASS)).toBe(true);
    expect(frame.style.fontFamily).toBe('Arial');
    expect(frame.style.color).toBe('rgb(1, 2, 3)');
    expect(frame.style.width).toBe('400px');
    expect(frame.style.height).toBe('200px');
  });

  it('makes an SVG file that keeps the drawing and its rules and carries the board', () => {
    const svg = snapshotDiagram(boardPage(), area, area, isDiagramContent);
    const file = finishSvgExport(new XMLSerializer().serializeToString(svg), testBoard());
    const doc = new DOMParser().parseFromString(file, 'image/svg+xml');
    expect(doc.querySelector('style')?.textContent).toContain('.component-node');
    expect(doc.documentElement.textContent).toContain('Multi-task ranker');
    const embedded = extractBoardTextFromSvg(file);
    expect(embedded.ok && JSON.parse(embedded.text).title).toBe(testBoard().title);
  });
});
