import { Ellipsis } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import type { Action } from '../actions';
import { lazyPart } from '../ui/lazyPart';

/** The menu's list loads with the other lazy parts: it is closed when the board appears. */
const ActionMenu = lazyPart(() => import('../actions/ActionMenu').then((m) => m.ActionMenu));

/**
 * The header's "More actions" menu: toolbar actions used now and then (view toggles, help) as
 * labelled items with their shortcut, so the header keeps room for the title, the timer and the
 * people on the board. A menu button in the ARIA pattern (see ActionMenu); closing with Escape or
 * an item gives the focus back to the button.
 */
export function HeaderMenu({ groups }: { groups: Action[][] }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();

  return (
    <div className="header-menu">
      <button
        ref={button}
        type="button"
        className="icon-button"
        aria-label="More actions"
        title="More actions"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((was) => !was)}
      >
        <Ellipsis size={18} aria-hidden />
      </button>
      {open && (
        <ActionMenu
          id={id}
          label="More actions"
          groups={groups}
          className="header-menu-list"
          anchor={button}
          onClose={(refocus) => {
            setOpen(false);
            if (refocus) button.current?.focus();
          }}
        />
      )}
    </div>
  );
}
