import { useCallback, useState } from 'react';
import { ACTIONS, isEnabled, TOOLBAR_GROUPS, type ActionContext, type ToolbarGroup } from '../actions';
import { useActionRunner } from '../actions/runner';
import { formatShortcut } from '../actions/shortcuts';
import { useBoardSelector, useBoardTitle, useReadOnly } from '../board/BoardContext';
import type { BoardPanelProps } from '../ui/slots';
import { HEADER_WIDGETS } from './extensions';
import { HeaderMenu } from './HeaderMenu';
import { followLink } from '../ui/router';
import { usePanels, useNarrowScreen } from '../ui/panels';
import { useTheme } from '../ui/theme';

/**
 * Toolbar groups shown in the "More actions" menu rather than as buttons: the view toggles, the
 * look-back pages (replay, versions, debrief) and help are used now and then, and each is also in the
 * command palette. This keeps the header uncrowded at 1280 px with the timer running and several people.
 */
const MENU_GROUPS: readonly ToolbarGroup[] = ['view', 'lookBack', 'interview', 'help'];
/** A phone's header has room for the drawer buttons and the menu; every other group goes into the menu. */
const NARROW_MENU_GROUPS: readonly ToolbarGroup[] = TOOLBAR_GROUPS.filter((group) => group !== 'panels');

/**
 * What the toolbar and its menu show of each action (enabled, why not, checked), as one string:
 * the toolbar renders again when that changes, not on every frame of a drag.
 */
function toolbarState(ctx: ActionContext): string {
  return ACTIONS.filter((action) => action.toolbar)
    .map((action) => {
      const enabled = isEnabled(action, ctx);
      return `${enabled}/${enabled ? '' : (action.disabledReason?.(ctx) ?? '')}/${action.checked?.(ctx) ?? ''}`;
    })
    .join('|');
}

/**
 * The board header: home link, the board's title (editable, shared), the toolbar (every action
 * with a `toolbar` group, in TOOLBAR_GROUPS order; MENU_GROUPS in its menu) and the header
 * widgets (timer, status, people).
 */
export function Header(props: BoardPanelProps) {
  const { binding, session } = props;
  const title = useBoardTitle();
  const readOnly = useReadOnly();
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <header className="app-header">
      <a href="/" className="brand" onClick={followLink} title="All boards">
        <img src="/favicon.svg" alt="" width={22} height={22} />
        <span>ML Design Board</span>
      </a>
      <input
        className="board-title-input"
        aria-label="Board title"
        value={draft ?? title}
        maxLength={200}
        readOnly={readOnly}
        onChange={(e) => {
          setDraft(e.target.value);
          binding.setBoardTitle(e.target.value);
        }}
        onBlur={() => setDraft(null)}
        onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
      />
      {readOnly && (
        <span className="badge badge-warning" title="This link lets you view the board, not change it.">
          View only
        </span>
      )}
      {!session.token && (
        <span className="badge badge-warning" title="No server answered when this board was created. It is kept in this browser only and cannot be shared.">
          Local only
        </span>
      )}
      <Toolbar />
      <div className="header-widgets">
        {HEADER_WIDGETS.map((Widget, index) => (
          <Widget key={index} {...props} />
        ))}
      </div>
    </header>
  );
}

function Toolbar() {
  const { ctx, run } = useActionRunner();
  // Re-render when what the toolbar shows changes: undo/redo availability, the selection, the theme.
  useBoardSelector(useCallback(() => toolbarState(ctx), [ctx]));
  useTheme();
  usePanels();
  const menuGroups = useNarrowScreen() ? NARROW_MENU_GROUPS : MENU_GROUPS;
  const inGroup = (group: ToolbarGroup) => ACTIONS.filter((a) => a.toolbar === group);
  return (
    <div className="toolbar" role="toolbar" aria-label="Board actions">
      {TOOLBAR_GROUPS.filter((group) => !menuGroups.includes(group)).map((group) => {
        const actions = inGroup(group);
        if (!actions.length) return null;
        return (
          <div key={group} className="toolbar-group">
            {actions.map((action) => {
              const Icon = action.icon;
              const shortcut = action.shortcuts?.[0];
              const enabled = isEnabled(action, ctx);
              const reason = enabled ? undefined : action.disabledReason?.(ctx);
              return (
                <button
                  key={action.id}
                  type="button"
                  className={Icon ? 'icon-button' : 'button'}
                  aria-label={action.label}
                  title={reason ? `${action.label}: ${reason}` : shortcut ? `${action.label} (${formatShortcut(shortcut)})` : action.label}
                  aria-pressed={action.checked ? action.checked(ctx) : undefined}
                  disabled={!enabled}
                  onClick={() => void run(action)}
                >
                  {Icon ? <Icon size={18} aria-hidden /> : action.label}
                </button>
              );
            })}
          </div>
        );
      })}
      <div className="toolbar-group">
        <HeaderMenu groups={menuGroups.map(inGroup).filter((actions) => actions.length)} />
      </div>
    </div>
  );
}
