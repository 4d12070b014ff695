import { GRID_SIZE } from '../doc/geometry';
import type { Action, ActionContext } from './types';

/** Arrow keys move the selected nodes a little; with Shift, five times as far. With snap on, one grid step. */
const DIRECTIONS = [
  { key: 'ArrowUp', name: 'up', dx: 0, dy: -1 },
  { key: 'ArrowDown', name: 'down', dx: 0, dy: 1 },
  { key: 'ArrowLeft', name: 'left', dx: -1, dy: 0 },
  { key: 'ArrowRight', name: 'right', dx: 1, dy: 0 },
] as const;

const BIG_STEP_FACTOR = 5;

function step(ctx: ActionContext): number {
  return ctx.ui.snapToGrid ? GRID_SIZE : 10;
}

export const nudgeActions: Action[] = DIRECTIONS.map(({ key, name, dx, dy }) => ({
  id: `nudge-${name}`,
  label: `Move selection ${name}`,
  shortcuts: [key, `Shift+${key}`],
  enabled: ({ binding }) => binding.getSelection().nodes.length > 0,
  perform: (ctx, input) => {
    const distance = step(ctx) * (input?.shortcut?.startsWith('Shift+') ? BIG_STEP_FACTOR : 1);
    ctx.binding.moveBy(ctx.binding.getSelection().nodes, dx * distance, dy * distance);
  },
}));
