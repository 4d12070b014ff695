import { useCallback, useRef, useState, type MouseEvent as ReactMouseEvent, type PointerEvent as ReactPointerEvent } from 'react';
import type { Node } from '@xyflow/react';
import { lazyPart } from '../ui/lazyPart';
import { useBinding } from './BoardContext';

/**
 * The node menu: a long press on a card with a finger or a pen (touch screens have no right button),
 * or a right-click with a mouse, selects the card (keeping a selection it is part of) and opens the
 * node's actions from the registry (NODE_MENU) where it was pressed. As on Excalidraw, the press is
 * held LONG_PRESS_MS without moving more than MOVE_TOLERANCE px; a second finger (a pinch), a drag
 * or lifting the finger earlier cancels it. Not on a handle: a press there starts a connection.
 */
const LONG_PRESS_MS = 500;
const MOVE_TOLERANCE = 10;

/** The menu itself loads with the other lazy parts: no card has one open when the board appears. */
const NodeMenu = lazyPart(() => import('./NodeMenuList').then((m) => m.NodeMenu));

interface Press {
  pointerId: number;
  x: number;
  y: number;
  timer: ReturnType<typeof setTimeout>;
}

export function useNodeMenu() {
  const binding = useBinding();
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const press = useRef<Press | null>(null);

  const open = useCallback(
    (id: string, x: number, y: number) => {
      if (!binding.getSelection().nodes.includes(id)) binding.setSelection([id]);
      setMenu({ x, y });
    },
    [binding],
  );
  const cancel = useCallback(() => {
    if (press.current) clearTimeout(press.current.timer);
    press.current = null;
  }, []);

  const onPointerDown = useCallback(
    (event: ReactPointerEvent) => {
      if (event.pointerType === 'mouse') return;
      if (press.current) return cancel();
      const target = event.target as Element;
      const id = target.closest('.react-flow__node')?.getAttribute('data-id');
      if (!id || target.closest('.react-flow__handle')) return;
      const { pointerId, clientX: x, clientY: y } = event;
      press.current = { pointerId, x, y, timer: setTimeout(() => (cancel(), open(id, x, y)), LONG_PRESS_MS) };
    },
    [cancel, open],
  );
  const onPointerMove = useCallback(
    (event: ReactPointerEvent) => {
      const held = press.current;
      if (held && held.pointerId === event.pointerId && Math.hypot(event.clientX - held.x, event.clientY - held.y) > MOVE_TOLERANCE) cancel();
    },
    [cancel],
  );
  const onNodeContextMenu = useCallback(
    (event: ReactMouseEvent, node: Node) => {
      event.preventDefault();
      cancel();
      open(node.id, event.clientX, event.clientY);
    },
    [cancel, open],
  );

  const element = menu && <NodeMenu at={menu} onClose={() => setMenu(null)} />;
  return { element, onPointerDown, onPointerMove, onPointerUp: cancel, onPointerCancel: cancel, onNodeContextMenu };
}
