import { useRef } from 'react';
import type { FlowNode } from '../doc/binding';
import { BoardMinimap } from './BoardMinimap';
import { Legend } from './Legend';
import type { Corner } from './overlayCorners';
import { useClearCorners, type OverlaySlot } from './useClearCorners';

/*
 * The legend keeps to the top edge and the overview to the right one: the zoom buttons hold the
 * bottom-left corner, and the overview is placed after the legend, so it moves up only when the top
 * right is free.
 */
const LEGEND_CORNERS: readonly Corner[] = ['top-left', 'top-right'];
const MINIMAP_CORNERS: readonly Corner[] = ['bottom-right', 'top-right'];

/** Inside a <ReactFlow>: the edge legend and the overview, each moved aside (or folded for now) while a card being worked on lies under it. */
export function CanvasOverlays({ minimapColor, minimapLabel }: { minimapColor(node: FlowNode): string; minimapLabel: string }) {
  const legendRef = useRef<HTMLDivElement>(null);
  const minimapRef = useRef<HTMLDivElement>(null);
  const slots = useRef<OverlaySlot[]>([
    { ref: legendRef, corners: LEGEND_CORNERS },
    { ref: minimapRef, corners: MINIMAP_CORNERS },
  ]).current;
  const [legend, minimap] = useClearCorners(slots);
  return (
    <>
      <BoardMinimap ref={minimapRef} placement={minimap!} ariaLabel={minimapLabel} color={minimapColor} />
      <Legend ref={legendRef} placement={legend!} />
    </>
  );
}
