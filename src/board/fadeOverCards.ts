import { useStoreApi } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import type { FlowEdge, FlowNode } from '../doc/binding';
import { isFrameType } from '../doc/geometry';

/** How long the view and the nodes stay still before an overlay checks what lies under it. */
const SETTLE_MS = 120;

/**
 * Marks an overlay of the canvas (legend, minimap) with `data-over-cards` while a card lies under it,
 * so that CSS fades it and the card shows through (it comes back under the pointer). Checked once the
 * view and the nodes have settled, not on every frame of a pan or a drag; written straight to the
 * element, so nothing renders again. Frames do not count: they sit under everything.
 */
export function useFadeOverCards(ref: RefObject<HTMLElement | null>): void {
  const store = useStoreApi<FlowNode, FlowEdge>();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      const element = ref.current;
      const { domNode, transform, nodeLookup } = store.getState();
      if (!element || !domNode) return;
      const [tx, ty, zoom] = transform;
      const origin = domNode.getBoundingClientRect();
      const box = element.getBoundingClientRect();
      // The overlay's box in board coordinates.
      const left = (box.left - origin.left - tx) / zoom;
      const top = (box.top - origin.top - ty) / zoom;
      const right = left + box.width / zoom;
      const bottom = top + box.height / zoom;
      let covered = false;
      for (const node of nodeLookup.values()) {
        if (isFrameType(node.type ?? '')) continue;
        const { x, y } = node.internals.positionAbsolute;
        const width = node.measured.width ?? node.width ?? 0;
        const height = node.measured.height ?? node.height ?? 0;
        if (x < right && left < x + width && y < bottom && top < y + height) {
          covered = true;
          break;
        }
      }
      element.toggleAttribute('data-over-cards', covered);
    };
    const settle = () => {
      clearTimeout(timer);
      timer = setTimeout(check, SETTLE_MS);
    };
    settle();
    const unsubscribe = store.subscribe(settle);
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [ref, store]);
}
