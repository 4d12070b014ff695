import { useState, type KeyboardEvent } from 'react';
import { ACTIONS, isEnabled } from '../actions';
import { useActionRunner } from '../actions/runner';
import { formatShortcut } from '../actions/shortcuts';
import { Dialog } from '../ui/Dialog';

/** Ctrl+K: every action of the registry, filtered as you type; Enter runs the highlighted one. */
export function CommandPalette({ onClose }: { onClose: () => void }) {
  const { ctx, run } = useActionRunner();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const found = ACTIONS.filter((a) => a.id !== 'command-palette' && words.every((w) => a.label.toLowerCase().includes(w)));
  const current = Math.min(active, Math.max(found.length - 1, 0));

  const choose = (index: number) => {
    const action = found[index];
    if (!action || !isEnabled(action, ctx)) return;
    onClose();
    void run(action);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive((current + 1) % Math.max(found.length, 1));
    else if (event.key === 'ArrowUp') setActive((current - 1 + found.length) % Math.max(found.length, 1));
    else if (event.key === 'Enter') choose(current);
    else return;
    event.preventDefault();
  };

  return (
    <Dialog title="Command palette" onClose={onClose} className="command-palette">
      <input
        data-autofocus
        type="text"
        className="search-input command-input"
        aria-label="Search commands"
        placeholder="Type a command…"
        value={query}
        role="combobox"
        aria-expanded
        aria-controls="command-list"
        aria-activedescendant={found[current] ? `command-${found[current].id}` : undefined}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id="command-list" role="listbox" className="command-list" aria-label="Commands">
        {found.map((action, index) => {
          const Icon = action.icon;
          const enabled = isEnabled(action, ctx);
          const reason = enabled ? undefined : action.disabledReason?.(ctx);
          return (
            <li
              key={action.id}
              id={`command-${action.id}`}
              role="option"
              aria-selected={index === current}
              aria-disabled={!enabled}
              className="command-item"
              onMouseEnter={() => setActive(index)}
              onClick={() => choose(index)}
            >
              <span className="command-icon">{Icon && <Icon size={16} aria-hidden />}</span>
              <span className="command-label">
                {action.label}
                {reason && <span className="muted command-reason"> — {reason}</span>}
              </span>
              {action.shortcuts?.[0] && <kbd>{formatShortcut(action.shortcuts[0])}</kbd>}
            </li>
          );
        })}
        {found.length === 0 && <li className="muted command-empty">No command matches.</li>}
      </ul>
    </Dialog>
  );
}
