import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect, useId, useRef } from 'react';
import { GRID_SIZE } from '../doc/geometry';

/** Dot diameter in board pixels, as React Flow's dotted <Background size={1.5}> drew it. */
const DOT = 1.5;

/**
 * The dot grid behind the cards. React Flow's <Background> moves its canvas-sized SVG pattern on
 * every frame of a pan, so Chrome repaints and rasterises the whole canvas each frame (8-13 ms of
 * browser CPU per pan step at 100 cards, docs/BENCHMARKS.md). This is the same pattern, one grid
 * step larger than the canvas, shifted by less than a step with a transform. While the pane is
 * panned it is in a layer of its own, so a pan frame only moves that layer; at other times it is
 * painted with the page, because a layer under the cards makes Chrome give the cards above it layers
 * too, and a node drag then repaints them (a permanent layer cost 3x per drag step at 500 cards).
 * The dots are where React Flow's were, at every view.
 */
export function BoardGrid() {
  const store = useStoreApi();
  const svgRef = useRef<SVGSVGElement>(null);
  const patternRef = useRef<SVGPatternElement>(null);
  const dotRef = useRef<SVGCircleElement>(null);
  const patternId = `board-grid-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;

  useEffect(() => {
    let drawn = { zoom: 0, width: 0, height: 0 };
    const update = (state: ReactFlowState) => {
      const svg = svgRef.current;
      const pattern = patternRef.current;
      const dot = dotRef.current;
      if (!svg || !pattern || !dot) return;
      const [tx, ty, zoom] = state.transform;
      const gap = GRID_SIZE * zoom;
      if (zoom !== drawn.zoom || state.width !== drawn.width || state.height !== drawn.height) {
        drawn = { zoom, width: state.width, height: state.height };
        svg.setAttribute('width', String(state.width + gap));
        svg.setAttribute('height', String(state.height + gap));
        for (const name of ['width', 'height']) pattern.setAttribute(name, String(gap));
        for (const name of ['x', 'y']) pattern.setAttribute(name, String(-gap / 2));
        const radius = (DOT * zoom) / 2;
        for (const name of ['cx', 'cy', 'r']) dot.setAttribute(name, String(radius));
      }
      // Tiles start where React Flow's did: at the view's offset modulo the step, half a step back.
      const shift = (offset: number) => (((offset % gap) + gap) % gap) - gap;
      svg.style.transform = `translate(${shift(tx)}px, ${shift(ty)}px)`;
      svg.classList.toggle('is-panned', state.paneDragging);
    };
    update(store.getState());
    return store.subscribe(update);
  }, [store]);

  return (
    <div className="board-grid react-flow__background" aria-hidden>
      <svg ref={svgRef} width={0} height={0}>
        <pattern ref={patternRef} id={patternId} patternUnits="userSpaceOnUse">
          <circle ref={dotRef} className="react-flow__background-pattern dots" />
        </pattern>
        <rect width="100%" height="100%" fill={`url(#${patternId})`} />
      </svg>
    </div>
  );
}
