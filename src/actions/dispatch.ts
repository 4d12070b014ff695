import { useEffect } from 'react';
import { notifyError } from '../ui/notices';
import { ACTIONS } from './index';
import { isControlActivation, isTypingTarget, matches } from './shortcuts';
import { isEnabled, type Action, type ActionContext, type ActionInput } from './types';

/** Runs an action if it is enabled; a failure becomes a message, never an uncaught error. */
export async function runAction(action: Action, ctx: ActionContext, input?: ActionInput): Promise<boolean> {
  if (!isEnabled(action, ctx)) return false;
  try {
    await action.perform(ctx, input);
  } catch (error) {
    notifyError(`${action.label} failed: ${(error as Error).message}`);
  }
  return true;
}

export function findShortcut(event: KeyboardEvent): { action: Action; shortcut: string } | undefined {
  for (const action of ACTIONS) {
    if (action.clipboardEvent) continue;
    const shortcut = action.shortcuts?.find((s) => matches(s, event));
    if (shortcut) return { action, shortcut };
  }
  return undefined;
}

/**
 * The board's keyboard: keydown runs the action whose shortcut matches; copy, cut and paste come
 * from the browser's clipboard events. Nothing fires while the user types in a field or while a
 * dialog is open (`active` false).
 */
export function useActionKeys(getContext: () => ActionContext | null, active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || isTypingTarget(event.target) || isControlActivation(event)) return;
      const found = findShortcut(event);
      const ctx = getContext();
      if (!found || !ctx || !isEnabled(found.action, ctx)) return;
      event.preventDefault();
      void runAction(found.action, ctx, { shortcut: found.shortcut });
    };
    const onClipboard = (event: ClipboardEvent) => {
      if (isTypingTarget(event.target) || isTypingTarget(document.activeElement)) return;
      const action = ACTIONS.find((a) => a.clipboardEvent === event.type);
      const ctx = getContext();
      if (!action || !ctx || !isEnabled(action, ctx)) return;
      event.preventDefault();
      void runAction(action, ctx, { clipboardData: event.clipboardData });
    };
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onClipboard);
    document.addEventListener('cut', onClipboard);
    document.addEventListener('paste', onClipboard);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onClipboard);
      document.removeEventListener('cut', onClipboard);
      document.removeEventListener('paste', onClipboard);
    };
  }, [getContext, active]);
}
