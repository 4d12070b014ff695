import { useLayoutEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { ActionMenu } from '../actions/ActionMenu';
import { NODE_MENU } from '../actions/nodeMenu';

/** Between the menu and the finger that opened it, so the finger does not cover its first item. */
const OFFSET = 12;

/** The menu at the press, moved inside the window when it would cross its edge. */
export function NodeMenu({ at, onClose }: { at: { x: number; y: number }; onClose(): void }) {
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
