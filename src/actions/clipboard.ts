import { menuIcon } from './menuIcon';
import { notify, notifyError } from '../ui/notices';
import type { Action, ActionContext, ActionInput } from './types';

/**
 * Copy, cut and paste carry board JSON (the file format of src/shared/format.ts), so a selection
 * pastes into another board, another tab, or a text editor and back. Keyboard use goes through
 * the browser's clipboard events; the command palette uses the async Clipboard API, and when the
 * browser refuses it, the last copy made in this tab.
 */
let lastCopied = '';

async function writeClipboard(text: string, input?: ActionInput): Promise<void> {
  lastCopied = text;
  if (input?.clipboardData) {
    input.clipboardData.setData('text/plain', text);
    return;
  }
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Permission refused: paste in this tab still works from lastCopied.
  }
}

async function readClipboard(input?: ActionInput): Promise<string> {
  if (input?.clipboardData) return input.clipboardData.getData('text/plain');
  try {
    return await navigator.clipboard.readText();
  } catch {
    return lastCopied;
  }
}

const hasSelectedNodes = ({ binding }: ActionContext) => binding.getSelection().nodes.length > 0;

async function copySelection(ctx: ActionContext, input?: ActionInput): Promise<number> {
  const board = ctx.binding.selectionToBoard();
  await writeClipboard(JSON.stringify(board, null, 2), input);
  return board.nodes.length;
}

export const copy: Action = {
  id: 'copy',
  label: 'Copy',
  shortcuts: ['Mod+C'],
  icon: menuIcon('Copy'),
  clipboardEvent: 'copy',
  enabled: hasSelectedNodes,
  perform: async (ctx, input) => {
    const count = await copySelection(ctx, input);
    notify(`Copied ${count} node${count === 1 ? '' : 's'}.`);
  },
};

export const cut: Action = {
  id: 'cut',
  label: 'Cut',
  shortcuts: ['Mod+X'],
  icon: menuIcon('Scissors'),
  clipboardEvent: 'cut',
  enabled: hasSelectedNodes,
  perform: async (ctx, input) => {
    await copySelection(ctx, input);
    ctx.binding.deleteElements(ctx.binding.getSelection().nodes, []);
  },
};

export const paste: Action = {
  id: 'paste',
  label: 'Paste',
  shortcuts: ['Mod+V'],
  icon: menuIcon('ClipboardPaste'),
  clipboardEvent: 'paste',
  perform: async (ctx, input) => {
    const text = (await readClipboard(input)).trim();
    if (!text) {
      notifyError('Nothing to paste: the clipboard is empty.');
      return;
    }
    const result = await ctx.binding.pasteBoard(text, ctx.ui.pointer() ?? ctx.ui.viewCentre());
    if (!result.ok) notifyError(`Nothing was pasted. ${result.error}`);
  },
};
