import { useCallback, useLayoutEffect, useRef, useState, type MouseEvent as ReactMouseEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { createPortal } from 'react-dom';
import type { Node } from '@xyflow/react';
import { ActionMenu } from '../actions/ActionMenu';
import { NODE_MENU } from '../actions/nodeMenu';
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
/** Between the menu and the finger that opened it, so the finger does not cover its first item. */
const OFFSET = 12;

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

/** The menu at the press, moved inside the window when it would cross its edge. */
function NodeMenu({ at, onClose }: { at: { x: number; y: number }; onClose(): void }) {
  const [place, setPlace] = useState({ left: at.x + OFFSET, top: at.y + OFFSET, visibility: 'hidden' as 'hidden' | 'visible' });
  useLayoutEffect(() => {
    const box = document.querySelector<HTMLElement>('.node-menu')?.getBoundingClientRect();
    if (!box) return;
    const left = Math.max(8, Math.min(at.x + OFFSET, window.innerWidth - box.width - 8));
    const below = at.y + OFFSET + box.height + 8 <= window.innerHeight;
    const top = below ? at.y + OFFSET : Math.max(8, at.y - OFFSET - box.height);
    setPlace({ left, top, visibility: 'visible' });
  }, [at]);
  return createPortal(<ActionMenu label="Node actions" groups={NODE_MENU} className="header-menu-list node-menu" style={place} onClose={onClose} />, document.body);
}
