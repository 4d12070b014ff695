import type * as Y from 'yjs';

/** One contiguous change to a text: remove `remove` characters at `index`, then insert `insert` there. */
export interface TextEdit {
  index: number;
  remove: number;
  insert: string;
}

/**
 * The smallest single edit turning `before` into `after`: the common prefix and suffix stay, the
 * middle is replaced. A textarea's input event is one such change (typing, deleting, pasting over
 * a selection), and writing only it into a Y.Text lets two people typing at once both keep their
 * characters, where replacing the whole text would drop the other person's.
 */
export function diffText(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Never split a surrogate pair: a half emoji would be stored as an invalid character.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Applies an edit to a Y.Text; the caller wraps it in its transaction. */
export function applyTextEdit(text: Y.Text, edit: TextEdit): void {
  if (edit.remove > 0) text.delete(edit.index, edit.remove);
  if (edit.insert) text.insert(edit.index, edit.insert);
}

/** A Y.Text event's delta: retain / insert / delete runs from the start of the text. */
export type TextDelta = ReadonlyArray<{ retain?: number; insert?: unknown; delete?: number }>;

/**
 * Where a caret (or one end of a selection) belongs after someone else's change: text inserted
 * before it pushes it right, text deleted before it pulls it left. Text inserted exactly at the
 * offset goes after it unless `stickRight`, so a collapsed caret keeps its place while another
 * person types at the same spot, and a selection's start moves past text inserted at its edge.
 */
export function transformOffset(offset: number, delta: TextDelta, stickRight = false): number {
  let oldPosition = 0;
  let shift = 0;
  for (const op of delta) {
    if (op.retain !== undefined) oldPosition += op.retain;
    else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (oldPosition < offset || (oldPosition === offset && stickRight)) shift += length;
    } else if (op.delete !== undefined) {
      if (oldPosition < offset) shift -= Math.min(op.delete, offset - oldPosition);
      oldPosition += op.delete;
    }
  }
  return offset + shift;
}
