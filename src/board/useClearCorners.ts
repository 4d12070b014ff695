import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { FlowEdge, FlowNode } from '../doc/binding';
import { isFrameType, type Rect, type Size } from '../doc/geometry';
import { cornerBox, placeOverlays, type Corner, type OverlaySpec, type Placement } from './overlayCorners';

/** Room kept around the pointer of a connection being drawn: the card it may end on is near it. */
const POINTER_ROOM = 48;

/** The class of something that floats over the canvas outside React Flow's panels (the interview checklist): no overlay moves under it. */
export const CANVAS_OVERLAY_CLASS = 'canvas-overlay';

/**
 * The screen boxes (in the canvas's pixels) of what the user works on: the cards selected or being
 * dragged, and the end of a connection being drawn. A selected stage frame counts only while dragged:
 * it spans much of the view and is selected mostly to be renamed.
 */
function workRects(state: ReactFlowState<FlowNode, FlowEdge>): Rect[] {
  const [tx, ty, zoom] = state.transform;
  const rects: Rect[] = [];
  for (const node of state.nodeLookup.values()) {
    if (!node.selected && !node.dragging) continue;
    if (!node.dragging && isFrameType(node.type ?? '')) continue;
    const { x, y } = node.internals.positionAbsolute;
    const width = node.measured.width ?? node.width ?? 0;
    const height = node.measured.height ?? node.height ?? 0;
    rects.push({ x: x * zoom + tx, y: y * zoom + ty, width: width * zoom, height: height * zoom });
  }
  const { connection } = state;
  if (connection.inProgress) {
    const x = connection.to.x * zoom + tx;
    const y = connection.to.y * zoom + ty;
    rects.push({ x: x - POINTER_ROOM, y: y - POINTER_ROOM, width: 2 * POINTER_ROOM, height: 2 * POINTER_ROOM });
  }
  return rects;
}

function boxIn(element: Element, origin: DOMRect): Rect {
  const box = element.getBoundingClientRect();
  return { x: box.left - origin.left, y: box.top - origin.top, width: box.width, height: box.height };
}

export interface OverlaySlot {
  ref: RefObject<HTMLElement | null>;
  corners: readonly Corner[];
}

type StoreApi = ReturnType<typeof useStoreApi<FlowNode, FlowEdge>>;

/**
 * Per canvas: the settled overlay boxes, as useClearCorners computes them. Keyed by the store's
 * getState, the one thing every useStoreApi() of a canvas shares (each call wraps it in a new object).
 */
const settledBoxes = new WeakMap<StoreApi['getState'], () => Rect[] | null>();

/**
 * The screen boxes (in the canvas's pixels) of everything floating over the canvas as it will sit once
 * nothing is worked on: the legend and the overview in the corners they take with no card in the way,
 * unfolded, and React Flow's other panels (the zoom buttons) where they are. A view that fits the diagram clear of these boxes
 * keeps it clear after the overlays settle, whereas the boxes measured now may be where an overlay
 * stood aside for a selection that is just ending. Null when the canvas has no such overlays.
 */
export function settledOverlayBoxes(store: StoreApi): Rect[] | null {
  return settledBoxes.get(store.getState)?.() ?? null;
}

const samePlacements = (a: readonly Placement[], b: readonly Placement[]) => a.every((p, i) => p.corner === b[i]?.corner && p.tucked === b[i]?.tucked);

/**
 * Inside a <ReactFlow>: where each overlay of `slots` sits, moved to another of its corners (or
 * folded for now) while a card the user works on lies under it. Checked at most once a frame, on a
 * change of the nodes, the connection being drawn, the canvas's size or an overlay's size, and of the
 * view while a card is worked on; the overlays render again only when a placement changes.
 */
export function useClearCorners(slots: readonly OverlaySlot[]): Placement[] {
  const store = useStoreApi<FlowNode, FlowEdge>();
  const [placements, setPlacements] = useState<Placement[]>(() => slots.map((slot) => ({ corner: slot.corners[0]!, tucked: false })));
  /** The placements the page shows: an overlay's size is its unfolded one only once it is drawn unfolded. */
  const drawn = useRef(placements);
  useLayoutEffect(() => {
    drawn.current = placements;
  }, [placements]);
  useEffect(() => {
    /** Each overlay's size when last seen unfolded: folded for now, it is placed by the size it will unfold to. */
    const sizes: (Size | undefined)[] = [];
    let current = placements;
    let pending = 0;
    const schedule = () => {
      pending ||= requestAnimationFrame(place);
    };
    const resized = new ResizeObserver(schedule);
    /** The canvas overlays on the page, kept current by the browser (a live collection): its length is cheap to read each frame. */
    const canvasOverlays = document.getElementsByClassName(CANVAS_OVERLAY_CLASS);
    /** Whether a card was worked on at the last placement: with none, a pan alone moves nothing that decides it. */
    let working = true;
    /** How many canvas overlays there were at the last placement: one coming or going is placed around (their sizes are observed). */
    let overlaysSeen = 0;
    /** What placing the overlays needs from the page now, or nothing while the canvas has no size. */
    const measure = () => {
      const state = store.getState();
      const { domNode } = state;
      if (!domNode || !state.width || !state.height) return null;
      const origin = domNode.getBoundingClientRect();
      const specs: OverlaySpec[] = slots.map((slot, i) => {
        const element = slot.ref.current;
        if (element && !drawn.current[i]?.tucked) sizes[i] = { width: element.offsetWidth, height: element.offsetHeight };
        return { size: sizes[i] ?? { width: 0, height: 0 }, corners: slot.corners };
      });
      const own = new Set(slots.map((slot) => slot.ref.current));
      // The attribution is not in the way: it is a line of small print in the corner's margin.
      const boxesOf = (elements: Iterable<Element>) =>
        [...elements]
          .filter((element) => !own.has(element as HTMLElement))
          .map((element) => boxIn(element, origin))
          .filter((box) => box.width > 0 && box.height > 0);
      const panels = boxesOf(domNode.querySelectorAll('.react-flow__panel:not(.react-flow__attribution)'));
      overlaysSeen = canvasOverlays.length;
      for (const element of canvasOverlays) resized.observe(element);
      const obstacles = [...panels, ...boxesOf(canvasOverlays)];
      return { state, specs, panels, obstacles, view: { width: state.width, height: state.height } };
    };
    const place = () => {
      pending = 0;
      const measured = measure();
      if (!measured) return;
      const work = workRects(measured.state);
      working = work.length > 0;
      const next = placeOverlays(measured.specs, measured.view, work, measured.obstacles);
      if (samePlacements(next, current)) return;
      current = next;
      setPlacements(next);
    };
    settledBoxes.set(store.getState, () => {
      const measured = measure();
      if (!measured) return null;
      const { specs, view, panels, obstacles } = measured;
      const boxes = placeOverlays(specs, view, [], obstacles).map((placement, i) => cornerBox(placement.corner, specs[i]!.size, view));
      return [...panels, ...boxes.filter((box) => box.width > 0 && box.height > 0)];
    });
    // The overlays and React Flow's panels keep their places on the screen while the view moves: a
    // change of the view alone (a pan frame) is placed again only while a card is worked on, whose
    // box moves with it. Measuring costs a layout each frame otherwise.
    const onStore = (state: ReactFlowState<FlowNode, FlowEdge>, previous: ReactFlowState<FlowNode, FlowEdge>) => {
      const viewOnly = state.nodes === previous.nodes && state.connection === previous.connection && state.width === previous.width && state.height === previous.height;
      if (!viewOnly || working || canvasOverlays.length !== overlaysSeen) schedule();
    };
    schedule();
    const unsubscribe = store.subscribe(onStore);
    for (const slot of slots) if (slot.ref.current) resized.observe(slot.ref.current);
    return () => {
      settledBoxes.delete(store.getState);
      unsubscribe();
      resized.disconnect();
      cancelAnimationFrame(pending);
    };
    // The slots are fixed for the life of the canvas; placements is only the starting point.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);
  return placements;
}
