import { useReactFlow, useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect, useMemo, useRef } from 'react';
import type { FlowEdge, FlowNode } from '../doc/binding';
import { absoluteRects, isFrame, type Rect } from '../doc/geometry';
import { useBinding } from './BoardContext';
import { settledOverlayBoxes } from './useClearCorners';
import { LEGIBLE_TITLE_PX, legibleWidth, readableViewport, wholeViewport } from './readableView';

/** The card title's font size in board.css, for when no card is drawn yet (only the cards in view are). */
const TITLE_FONT_PX = 18;

/** The zoom at which a card title reaches LEGIBLE_TITLE_PX, from the title's font size as drawn. */
function legibleZoom(flowElement: HTMLElement | null): number {
  const title = flowElement?.querySelector('.component-node-title');
  const fontPx = title ? parseFloat(getComputedStyle(title).fontSize) : NaN;
  return LEGIBLE_TITLE_PX / (fontPx > 0 ? fontPx : TITLE_FONT_PX);
}

/**
 * The boxes of what floats over the canvas (legend, minimap, zoom buttons), in the canvas's own pixels:
 * where they settle once no card is worked on (see settledOverlayBoxes), or, on a canvas whose
 * overlays do not move, where they are.
 */
function overlayRects(store: Parameters<typeof settledOverlayBoxes>[0], flowElement: HTMLElement | null): Rect[] {
  const settled = settledOverlayBoxes(store);
  if (settled) return settled;
  if (!flowElement) return [];
  const origin = flowElement.getBoundingClientRect();
  return [...flowElement.querySelectorAll('.react-flow__panel')]
    .map((panel) => panel.getBoundingClientRect())
    .filter((box) => box.width > 0 && box.height > 0)
    .map((box) => ({ x: box.left - origin.left, y: box.top - origin.top, width: box.width, height: box.height }));
}

export interface ReadableView {
  /** Moves the view of the surrounding React Flow to the board's readable view (see readableViewport). */
  show(options?: { duration?: number }): void;
  /** Moves the view to the whole diagram, clear of the overlays (see wholeViewport). */
  fitWhole(options?: { duration?: number }): void;
  /** How wide a diagram the canvas shows whole at a zoom where titles read, in board pixels. */
  legibleWidth(): number;
}

/** The diagram is read from the binding, so the view is right before React Flow has measured new nodes. */
export function useReadableView(): ReadableView {
  const binding = useBinding();
  const store = useStoreApi<FlowNode, FlowEdge>();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  return useMemo(
    () => ({
      show(options) {
        const { width, height, domNode } = store.getState();
        const nodes = binding.toBoardFile().nodes;
        const rects = absoluteRects(nodes);
        const items = nodes.map((node) => ({ rect: rects.get(node.id)!, frame: isFrame(node) }));
        const viewport = readableViewport(items, { width, height }, legibleZoom(domNode), overlayRects(store, domNode));
        if (viewport) void flow.setViewport(viewport, options);
      },
      fitWhole(options) {
        const { width, height, domNode } = store.getState();
        const viewport = wholeViewport([...absoluteRects(binding.toBoardFile().nodes).values()], { width, height }, overlayRects(store, domNode));
        if (viewport) void flow.setViewport(viewport, options);
      },
      legibleWidth() {
        const { width, height, domNode } = store.getState();
        return legibleWidth({ width, height }, legibleZoom(domNode));
      },
    }),
    [binding, store, flow],
  );
}

const selectReady = (s: ReactFlowState) => s.nodes.length > 0 && s.width > 0 && s.height > 0;

/** Inside a <ReactFlow>: shows the readable view once, when the board first has nodes and the canvas a size. */
export function ReadableOpening() {
  const { show } = useReadableView();
  const ready = useStore(selectReady);
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current) return;
    done.current = true;
    // A frame later, the cards in view are drawn and their title can be measured.
    requestAnimationFrame(() => show());
  }, [ready, show]);
  return null;
}
