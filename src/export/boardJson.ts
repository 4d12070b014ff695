import type { BoardFile } from '../shared/format';

/** The JSON export: the board file, indented so it reads and diffs well. */
export function boardToJson(board: BoardFile): string {
  return `${JSON.stringify(board, null, 2)}\n`;
}

/**
 * The board as JSON with every character outside ASCII written as a \u escape: the same value
 * (JSON.parse reads it back unchanged), in bytes that fit a PNG tEXt chunk (Latin-1 only) and
 * survive any text encoding.
 */
export function boardToAsciiJson(board: BoardFile): string {
  return JSON.stringify(board).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Names the embedded board in a PNG tEXt chunk and an SVG <metadata> element. */
export const BOARD_MIME_TYPE = 'application/vnd.ml-design-board+json';
