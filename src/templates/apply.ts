import type { TemplateLoader } from '../ui/slots';
import type { BoardBinding } from '../doc/binding';
import type { BoardFile } from '../shared/format';
import { boundsOf, type Rect } from '../doc/geometry';
import { findTemplate, loadTemplate } from './index';

/**
 * What a template can do to an open board, each one undoable step through the binding:
 * replace the content, add the diagram beside what is there, or set only the case study
 * (prompt, questions, framing, metrics, step notes) without a diagram. Follow-up questions are
 * the interviewer's: the binding keeps them out of the shared document in every case.
 */
export type TemplateUse = 'replace' | 'beside' | 'prompt';

export type ApplyResult = { ok: true } | { ok: false; error: string };

/** Space left between the existing content and a template added beside it. */
export const BESIDE_GAP = 200;

export function applyTemplate(binding: BoardBinding, board: BoardFile, use: TemplateUse): ApplyResult {
  if (binding.readOnly) return { ok: false, error: 'This board is read-only: your link lets you view it, not change it.' };
  switch (use) {
    case 'replace':
      binding.replaceBoard(board);
      return { ok: true };
    case 'beside': {
      const content = contentBounds(binding);
      binding.insertBoard(board, content ? { x: content.x + content.width + BESIDE_GAP, y: content.y } : { x: 0, y: 0 });
      return { ok: true };
    }
    case 'prompt':
      if (!board.template) return { ok: false, error: 'This file has no case study to show.' };
      return binding.setTemplateInfo(board.template);
  }
}

function contentBounds(binding: BoardBinding): Rect | undefined {
  const rects = binding
    .getSnapshot()
    .nodes.filter((node) => !node.parentId)
    .flatMap((node) => binding.nodeRect(node.id) ?? []);
  return rects.length ? boundsOf(rects) : undefined;
}

/**
 * Fills a board just created from `/new?template=<id>`. The template is the board's starting
 * point, so undo does not lead back to an empty board. Answers null for ids it does not know.
 */
export async function loadTemplateIntoNewBoard(id: string, binding: BoardBinding): Promise<ApplyResult | null> {
  if (!findTemplate(id)) return null;
  const result = await loadTemplate(id);
  return result.ok ? fillNewBoard(binding, result.board) : result;
}

/** A new board's first content: the template replaces the empty board, and undo does not lead back to it. */
export function fillNewBoard(binding: BoardBinding, board: BoardFile): ApplyResult {
  const applied = applyTemplate(binding, board, 'replace');
  if (applied.ok) binding.undoManager.clear();
  return applied;
}

/** The `/new?template=<id>` hook of the board page (templateLoaders in src/app/extensions.ts). */
export const newBoardTemplateLoader: TemplateLoader = (id, { binding }) => loadTemplateIntoNewBoard(id, binding);
