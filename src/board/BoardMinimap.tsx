import { Panel, useReactFlow, useStore, useStoreApi, type InternalNode, type ReactFlowState } from '@xyflow/react';
import { ChevronDown, Map as MapIcon } from 'lucide-react';
import { useEffect, useRef, type PointerEvent, type RefObject, type WheelEvent } from 'react';
import { setPanels, usePanels } from '../ui/panels';
import type { FlowEdge, FlowNode } from '../doc/binding';
import { useFadeOverCards } from './fadeOverCards';
import type { Placement } from './overlayCorners';
import { useUnfoldAnyway } from './useUnfoldAnyway';

/**
 * An overview of the board: the nodes as rectangles in their colours (one SVG path per colour), and
 * the part of the board in view as a frame over them. React Flow's <MiniMap> redraws an SVG mask over
 * the whole overview on every frame of a pan, and Chrome then repaints the cards beneath (35-40 ms of a
 * 95 ms pan step at 1,000 cards). Here a pan moves one small element, and the picture is drawn again
 * only when the nodes change, at most ten times a second. Nothing in it is a compositor layer of its
 * own (a canvas is one, and then the frame, the fold button and React Flow's attribution over it were
 * layers too): Chrome composites in software here, and each layer cost CPU on every frame of a gesture
 * (docs/BENCHMARKS.md). Drag on it to pan, wheel to zoom.
 */
const WIDTH = 200;
const HEIGHT = 150;
/** Space around the nodes in the overview, as a share of the larger side of their bounds. */
const MARGIN = 0.05;
const WHEEL_ZOOM_STEP = 1.2;
/** A canvas narrower than this (1024 px beside both panels is 432) has no room to spare for the overview: it starts folded. */
const ROOMY_CANVAS = 600;
/** While the nodes change (a drag), the picture is drawn again at most this often; the view frame still follows every frame. */
const REDRAW_INTERVAL_MS = 100;
const SVG_NS = 'http://www.w3.org/2000/svg';

interface Scene {
  /** Board coordinates at the overview's top-left corner, and overview pixels per board pixel. */
  x: number;
  y: number;
  scale: number;
  /** No nodes: nothing to place the view against, so no frame (it would fill the whole overview). */
  empty: boolean;
}

const EMPTY_SCENE: Scene = { x: 0, y: 0, scale: 1, empty: true };

type Store = ReturnType<typeof useStoreApi<FlowNode, FlowEdge>>;

function sceneOf(nodes: Iterable<InternalNode<FlowNode>>): Scene {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of nodes) {
    const { x, y } = node.internals.positionAbsolute;
    left = Math.min(left, x);
    top = Math.min(top, y);
    right = Math.max(right, x + (node.measured.width ?? node.width ?? 0));
    bottom = Math.max(bottom, y + (node.measured.height ?? node.height ?? 0));
  }
  if (left > right) return EMPTY_SCENE;
  const margin = Math.max(right - left, bottom - top) * MARGIN;
  const width = right - left + 2 * margin;
  const height = bottom - top + 2 * margin;
  const scale = Math.min(WIDTH / width, HEIGHT / height);
  // Centred: the spare room goes equally to both sides.
  return { x: left - margin - (WIDTH / scale - width) / 2, y: top - margin - (HEIGHT / scale - height) / 2, scale, empty: false };
}

/** Rounded to a tenth of an overview pixel: shorter path data, no visible change. */
const short = (n: number) => Math.round(n * 10) / 10;

function draw(picture: SVGSVGElement, scene: Scene, nodes: Iterable<InternalNode<FlowNode>>, color: (node: FlowNode) => string): void {
  // One path per colour: a fill per colour, not an element per node.
  const byColor = new Map<string, string[]>();
  for (const node of nodes) {
    const fill = color(node);
    let rects = byColor.get(fill);
    if (!rects) byColor.set(fill, (rects = []));
    const { x, y } = node.internals.positionAbsolute;
    const width = Math.max(1, (node.measured.width ?? node.width ?? 0) * scene.scale);
    const height = Math.max(1, (node.measured.height ?? node.height ?? 0) * scene.scale);
    rects.push(`M${short((x - scene.x) * scene.scale)} ${short((y - scene.y) * scene.scale)}h${short(width)}v${short(height)}h${short(-width)}z`);
  }
  const paths = picture.children;
  let index = 0;
  for (const [fill, rects] of byColor) {
    const path = paths[index++] ?? picture.appendChild(document.createElementNS(SVG_NS, 'path'));
    path.setAttribute('fill', fill);
    path.setAttribute('d', rects.join(''));
  }
  while (paths.length > index) paths[index]!.remove();
}

/** The frame of the part in view: moved and sized, never drawn into the picture. */
function placeFrame(frame: HTMLElement, scene: Scene, state: ReactFlowState<FlowNode, FlowEdge>): void {
  frame.hidden = scene.empty;
  if (scene.empty) return;
  const [tx, ty, zoom] = state.transform;
  const x = (-tx / zoom - scene.x) * scene.scale;
  const y = (-ty / zoom - scene.y) * scene.scale;
  frame.style.transform = `translate(${x}px, ${y}px)`;
  frame.style.width = `${(state.width / zoom) * scene.scale}px`;
  frame.style.height = `${(state.height / zoom) * scene.scale}px`;
}

function useOverview(store: Store, color: (node: FlowNode) => string) {
  const pictureRef = useRef<SVGSVGElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const sceneRef = useRef<Scene>(EMPTY_SCENE);
  useEffect(() => {
    let drawn: unknown;
    let timer: number | undefined;
    let frame = 0;
    let drawnAt = -Infinity;
    const redraw = () => {
      frame = 0;
      drawnAt = performance.now();
      const state = store.getState();
      sceneRef.current = sceneOf(state.nodeLookup.values());
      if (pictureRef.current) draw(pictureRef.current, sceneRef.current, state.nodeLookup.values(), color);
      if (frameRef.current) placeFrame(frameRef.current, sceneRef.current, state);
    };
    const update = (state: ReactFlowState<FlowNode, FlowEdge>) => {
      if (state.nodes !== drawn) {
        drawn = state.nodes;
        // Drawn in the animation frame that shows the change of the nodes: a change of the picture in a
        // frame of its own would cost Chrome a whole frame's work (its layerization of every card). The
        // last change of a burst (a drag's drop) is drawn once the nodes have been still for a while.
        window.clearTimeout(timer);
        if (performance.now() - drawnAt >= REDRAW_INTERVAL_MS) frame ||= requestAnimationFrame(redraw);
        else timer = window.setTimeout(() => (frame ||= requestAnimationFrame(redraw)), REDRAW_INTERVAL_MS);
      }
      if (frameRef.current) placeFrame(frameRef.current, sceneRef.current, state);
    };
    update(store.getState());
    const unsubscribe = store.subscribe(update);
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
      cancelAnimationFrame(frame);
    };
  }, [store, color]);
  return { pictureRef, frameRef, sceneRef };
}

interface MinimapProps {
  ref: RefObject<HTMLDivElement | null>;
  placement: Placement;
  color(node: FlowNode): string;
  ariaLabel: string;
}

const selectCramped = (s: ReactFlowState) => s.width > 0 && s.width < ROOMY_CANVAS;

/**
 * The overview, or, folded, a button that unfolds it: folded as last left in this browser, or for now
 * while `placement` says so or the canvas is narrow, unless the user unfolds it.
 */
export function BoardMinimap({ ref, placement, color, ariaLabel }: MinimapProps) {
  const cramped = useStore(selectCramped);
  const foldedForNow = placement.tucked || cramped;
  const [unfoldedAnyway, unfoldAnyway] = useUnfoldAnyway(foldedForNow);
  const open = usePanels().minimap && (!foldedForNow || unfoldedAnyway);
  useFadeOverCards(ref);
  return (
    <Panel ref={ref} position={placement.corner} className="board-minimap">
      {open ? (
        <>
          <Overview color={color} ariaLabel={ariaLabel} />
          <button type="button" className="icon-button board-minimap-toggle" aria-label="Hide overview" title="Hide overview" onClick={() => setPanels({ minimap: false })}>
            <ChevronDown size={14} aria-hidden />
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button board-minimap-show"
          aria-label="Show overview"
          title="Show overview"
          onClick={() => {
            setPanels({ minimap: true });
            unfoldAnyway();
          }}
        >
          <MapIcon size={16} aria-hidden /> Overview
        </button>
      )}
    </Panel>
  );
}

function Overview({ color, ariaLabel }: { color(node: FlowNode): string; ariaLabel: string }) {
  const store = useStoreApi<FlowNode, FlowEdge>();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const { pictureRef, frameRef, sceneRef } = useOverview(store, color);

  /** Centres the view on the board point under the pointer. */
  const centreOn = (event: PointerEvent<HTMLElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const scene = sceneRef.current;
    void flow.setCenter(scene.x + (event.clientX - box.left) / scene.scale, scene.y + (event.clientY - box.top) / scene.scale, { zoom: flow.getZoom() });
  };
  const onWheel = (event: WheelEvent) => {
    const zoom = flow.getZoom() * (event.deltaY < 0 ? WHEEL_ZOOM_STEP : 1 / WHEEL_ZOOM_STEP);
    void flow.zoomTo(zoom);
  };

  return (
    <div
      className="board-minimap-view"
      role="img"
      aria-label={ariaLabel}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        centreOn(event);
      }}
      onPointerMove={(event) => event.currentTarget.hasPointerCapture(event.pointerId) && centreOn(event)}
      onWheel={onWheel}
    >
      <svg ref={pictureRef} width={WIDTH} height={HEIGHT} />
      <div ref={frameRef} className="board-minimap-frame" hidden />
    </div>
  );
}
