import type { ReactFlowInstance } from '@xyflow/react';
import type { BoardBinding, FlowEdge, FlowNode } from '../doc/binding';
import type { Point } from '../doc/geometry';
import type { BoardSession } from '../sync/session';
import type { IconComponent } from '../ui/lazyIcon';

/**
 * One user action, defined once: the header toolbar, the keyboard, the command palette and the
 * shortcuts dialog all read and dispatch these objects (see ./index.ts for the list).
 */
export interface Action {
  id: string;
  label: string;
  /**
   * Key combinations, the first one shown in menus: 'Mod+Z', 'Shift+ArrowUp', 'Delete', '?'.
   * Mod is Ctrl, or ⌘ on a Mac.
   */
  shortcuts?: string[];
  icon?: IconComponent;
  /** Shown as a button in the header toolbar, in this group (see TOOLBAR_GROUPS). */
  toolbar?: ToolbarGroup;
  /** Run from the browser's clipboard event, which carries the clipboard, instead of from keydown. */
  clipboardEvent?: 'copy' | 'cut' | 'paste';
  enabled?(ctx: ActionContext): boolean;
  /** Why the action is off, when it is: the toolbar shows it as the button's tooltip. */
  disabledReason?(ctx: ActionContext): string;
  /** For on/off actions (snap to grid, dark theme): whether it is on; toolbar buttons show it pressed. */
  checked?(ctx: ActionContext): boolean;
  perform(ctx: ActionContext, input?: ActionInput): void | Promise<void>;
}

/**
 * Header toolbar groups, left to right. `file` is for Templates, Export and Share; `lookBack` for replay, versions, debrief;
 * `interview` for starting a mock interview; `panels` for showing the palette and the side panel.
 */
export const TOOLBAR_GROUPS = ['file', 'history', 'arrange', 'view', 'lookBack', 'interview', 'help', 'panels'] as const;
export type ToolbarGroup = (typeof TOOLBAR_GROUPS)[number];

/** A dialog registered in DIALOGS (src/app/extensions.ts): 'shortcuts', 'commands', and those features add. */
export type DialogId = string;

/** What an action can reach: the board (through its binding only), the canvas view, and the page's UI. */
export interface ActionContext {
  binding: BoardBinding;
  flow: ReactFlowInstance<FlowNode, FlowEdge>;
  session: BoardSession;
  ui: BoardUi;
}

export interface BoardUi {
  snapToGrid: boolean;
  setSnapToGrid(on: boolean): void;
  openDialog(dialog: DialogId): void;
  /** The centre of the visible canvas, in flow coordinates. */
  viewCentre(): Point;
  /** Where the pointer last was over the canvas, in flow coordinates; null if it never was. */
  pointer(): Point | null;
  /** Moves the view to where the board reads: the whole diagram if legible, else its first stage. */
  showReadable(options?: { duration?: number }): void;
  /** Moves the view to the whole diagram, clear of the legend, the overview and the zoom buttons. */
  fitWhole(options?: { duration?: number }): void;
  /** How wide a diagram the canvas shows whole at a zoom where card titles read, in board pixels. */
  legibleWidth(): number;
}

export interface ActionInput {
  /** The clipboard of the copy / cut / paste event that triggered the action. */
  clipboardData?: DataTransfer | null;
  /** The shortcut that triggered the action, e.g. 'Shift+ArrowUp'. */
  shortcut?: string;
}

export function isEnabled(action: Action, ctx: ActionContext): boolean {
  return action.enabled ? action.enabled(ctx) : true;
}
