import { Check, Ellipsis } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { isEnabled, type Action } from '../actions';
import { useActionRunner } from '../actions/runner';
import { formatShortcut } from '../actions/shortcuts';

/**
 * The header's "More actions" menu: toolbar actions used now and then (view toggles, help) as
 * labelled items with their shortcut, so the header keeps room for the title, the timer and the
 * people on the board. A menu button in the ARIA pattern: arrows move, Escape closes and gives the
 * focus back to the button, a click outside closes.
 */
export function HeaderMenu({ groups }: { groups: Action[][] }) {
  const { ctx, run } = useActionRunner();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();

  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role^="menuitem"]:not(:disabled)') ?? [])];

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function close() {
    setOpen(false);
    button.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    const move: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: list.length - 1 };
    if (event.key in move) list[(move[event.key]! + list.length) % list.length]?.focus();
    else if (event.key === 'Escape') close();
    else if (event.key === 'Tab') setOpen(false);
    else return;
    // Handled here: the board's own keys (arrows nudge nodes, Escape clears the selection) stay out of it.
    if (event.key !== 'Tab') event.preventDefault();
  }

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
        <div ref={menu} id={id} className="header-menu-list" role="menu" aria-label="More actions" onKeyDown={onKeyDown}>
          {groups.map((actions, index) => (
            <div key={index} role="group" className="header-menu-group">
              {actions.map((action) => {
                const Icon = action.icon;
                const shortcut = action.shortcuts?.[0];
                const enabled = isEnabled(action, ctx);
                const checked = action.checked?.(ctx);
                return (
                  <button
                    key={action.id}
                    type="button"
                    role={checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
                    aria-checked={checked}
                    className="header-menu-item"
                    title={enabled ? undefined : action.disabledReason?.(ctx)}
                    disabled={!enabled}
                    onClick={() => {
                      close();
                      void run(action);
                    }}
                  >
                    <span className="command-icon">{Icon && <Icon size={16} aria-hidden />}</span>
                    <span className="command-label">{action.label}</span>
                    {checked && <Check size={16} aria-hidden className="header-menu-check" />}
                    {shortcut && <kbd>{formatShortcut(shortcut)}</kbd>}
                  </button>
                );
              })}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
