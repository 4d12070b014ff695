import { addNodeActions } from './addNode';
import { autoLayout } from './autoLayout';
import { copy, cut, paste } from './clipboard';
import { deleteSelection } from './deleteSelection';
import { duplicate } from './duplicate';
import { exportBoard, importBoard } from './exportImport';
import { commandPalette, showShortcuts } from './help';
import { redo, undo } from './history';
import { openDebrief, openReplay, openVersions } from './lookBack';
import { rename } from './rename';
import { nudgeActions } from './nudge';
import { clearSelection, selectAll } from './selectAll';
import { focusMode, togglePalette, toggleSidePanel } from './panels';
import type { Action } from './types';
import { fitView, toggleDarkTheme, toggleOrthogonalEdges, toggleSnapToGrid, zoomIn, zoomOut } from './view';
import { shareBoard } from './share'; // [collab] the Share dialog
import { openTemplates } from './templates'; // [templates] the gallery button
import { startInterview } from './startInterview'; // [interview] a new mock interview board

/**
 * Every action of the board, in menu order. To add one (export, templates, share...), write its
 * file in this folder and list it here: the toolbar (when it has `toolbar`), the keyboard, the
 * command palette and the shortcuts dialog pick it up.
 */
export const ACTIONS: readonly Action[] = [
  openTemplates,
  importBoard,
  exportBoard,
  shareBoard,
  undo,
  redo,
  copy,
  cut,
  paste,
  duplicate,
  rename,
  deleteSelection,
  selectAll,
  clearSelection,
  autoLayout,
  fitView,
  zoomIn,
  zoomOut,
  toggleSnapToGrid,
  toggleOrthogonalEdges,
  toggleDarkTheme,
  togglePalette,
  toggleSidePanel,
  focusMode,
  openReplay,
  openVersions,
  openDebrief,
  startInterview,
  showShortcuts,
  commandPalette,
  ...nudgeActions,
  ...addNodeActions,
];

const byId = new Map(ACTIONS.map((a) => [a.id, a]));

export function getAction(id: string): Action {
  const action = byId.get(id);
  if (!action) throw new Error(`No action "${id}"`);
  return action;
}

export type { Action, ActionContext, ActionInput, BoardUi, DialogId, ToolbarGroup } from './types';
export { TOOLBAR_GROUPS, isEnabled } from './types';
