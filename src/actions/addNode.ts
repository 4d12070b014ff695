import { NODE_TYPES, nodeIcon, type NodeTypeDefinition } from '../catalog';
import { notifyError } from '../ui/notices';
import type { Point } from '../doc/geometry';
import type { Action, ActionContext } from './types';

/** "Add <type>" for every catalog type: the palette buttons and the command palette dispatch these. */
export function addNodeActionId(typeId: string): string {
  return `add-node:${typeId}`;
}

/** Adds a node centred at `at` (default: the centre of the view), or in the nearest free spot. */
export function addNodeAt(ctx: ActionContext, type: NodeTypeDefinition, at: Point = ctx.ui.viewCentre()): void {
  const result = ctx.binding.addNode(type.id, at);
  if (!result.ok) notifyError(result.error);
}

export const addNodeActions: Action[] = NODE_TYPES.map((type) => ({
  id: addNodeActionId(type.id),
  label: `Add ${type.label}`,
  icon: nodeIcon(type.id),
  perform: (ctx) => addNodeAt(ctx, type),
}));
