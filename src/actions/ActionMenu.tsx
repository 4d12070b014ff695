import { Check } from 'lucide-react';
import { useEffect, useRef, type CSSProperties, type KeyboardEvent, type RefObject } from 'react';
import { useActionRunner } from './runner';
import { formatShortcut } from './shortcuts';
import { isEnabled, type Action } from './types';

/**
 * A menu of actions from the registry, in groups: each item its label, icon and first shortcut,
 * disabled (with the reason as its tooltip) when the action is off. The ARIA menu pattern: the first
 * item takes the focus, arrows move, Escape closes and hands the focus back, Tab or a pointer down
 * outside closes. The header's "More actions" and the node menu (long-press or right-click on a card).
 */
export function ActionMenu({
  id,
  label,
  groups,
  className,
  style,
  onClose,
  anchor,
}: {
  id?: string;
  label: string;
  groups: readonly (readonly Action[])[];
  className: string;
  style?: CSSProperties;
  /** `refocus`: Escape or an item chosen, so the focus goes back where the menu came from. */
  onClose(refocus: boolean): void;
  /** Where a pointer down is not outside the menu: the button that opens it. */
  anchor?: RefObject<HTMLElement | null>;
}) {
  const { ctx, run } = useActionRunner();
  const menu = useRef<HTMLDivElement>(null);
  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role^="menuitem"]:not(:disabled)') ?? [])];
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    items()[0]?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !anchor?.current?.contains(target)) close.current(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [anchor]);

  function onKeyDown(event: KeyboardEvent) {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    const move: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: list.length - 1 };
    if (event.key in move) list[(move[event.key]! + list.length) % list.length]?.focus();
    else if (event.key === 'Escape') onClose(true);
    else if (event.key === 'Tab') onClose(false);
    else return;
    // Handled here: the board's own keys (arrows nudge nodes, Escape clears the selection) stay out of it.
    if (event.key !== 'Tab') event.preventDefault();
  }

  return (
    <div ref={menu} id={id} className={className} style={style} role="menu" aria-label={label} onKeyDown={onKeyDown}>
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
                  onClose(true);
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
  );
}
