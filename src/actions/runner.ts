import { createContext, useContext } from 'react';
import { runAction } from './dispatch';
import { getAction } from './index';
import type { Action, ActionContext, ActionInput } from './types';

/** How components dispatch actions: toolbar buttons, palette buttons, menus and the command palette. */
export interface ActionRunner {
  ctx: ActionContext;
  run(action: Action | string, input?: ActionInput): Promise<boolean>;
}

export const ActionRunnerContext = createContext<ActionRunner | null>(null);

export function makeRunner(ctx: ActionContext): ActionRunner {
  return { ctx, run: (action, input) => runAction(typeof action === 'string' ? getAction(action) : action, ctx, input) };
}

export function useActionRunner(): ActionRunner {
  const runner = useContext(ActionRunnerContext);
  if (!runner) throw new Error('useActionRunner outside a board');
  return runner;
}
