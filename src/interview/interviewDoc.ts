import type * as Y from 'yjs';
import { FRAMEWORK_STEP_IDS, type FrameworkStepId } from '../shared/catalog/framework';
import type { BoardBinding } from '../doc/binding';
import type { InterviewTypes } from '../shared/interviewLayout';
import { applyTextEdit, type TextEdit } from './textEdit';

/**
 * Reading and editing the interview's part of the SHARED board document (its layout is
 * src/shared/interviewLayout.ts; the binding's openInterview() gives its types). Every edit people
 * make to it goes through here. Writes carry the board binding's origin, and the content joins the
 * binding's undo manager, so undo reverts this person's own notes and ticks, never a collaborator's.
 * The timer is not here: it lives in the control room (src/shared/interview/control.ts); an old
 * board's `interview.timer` is ignored. Nothing private to the interviewer is ever written here.
 */

// ---- reading ----------------------------------------------------------------------------------

export function readCovered(types: InterviewTypes): Set<FrameworkStepId> {
  return new Set(FRAMEWORK_STEP_IDS.filter((id) => types.covered.get(id) === true));
}

/** Calls `listener` after any change to the interview map (covered flags, texts). */
export function observeInterview(types: InterviewTypes, listener: () => void): () => void {
  const handler = () => listener();
  types.root.observeDeep(handler);
  return () => types.root.unobserveDeep(handler);
}

// ---- writing: every change to the interview map goes through these ------------------------------

function write(binding: BoardBinding, fn: () => void): boolean {
  if (binding.readOnly) return false;
  binding.doc.transact(fn, binding.origin);
  return true;
}

/** Types into (or deletes from) one of the interview's texts. */
export function editText(binding: BoardBinding, text: Y.Text, edit: TextEdit): boolean {
  return write(binding, () => applyTextEdit(text, edit));
}

export function setCovered(binding: BoardBinding, types: InterviewTypes, step: FrameworkStepId, covered: boolean): boolean {
  // A tick is its own undo step, not part of the notes typed just before it.
  binding.undoManager.stopCapturing();
  return write(binding, () => (covered ? types.covered.set(step, true) : types.covered.delete(step)));
}
