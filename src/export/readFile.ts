import { MAX_FILE_BYTES } from '../shared/formatBasics';
import { parseBoardText, tooLargeMessage, type ParseResult } from '../shared/parseBoard';
import { extractBoardTextFromPng, isPng } from './pngScene';
import { extractBoardTextFromSvg } from './svgScene';

/** What an import accepts: a File from a picker or a drop (its name helps to tell the kind). */
export interface BoardFileSource {
  name?: string;
  type?: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type FileKind = 'json' | 'png' | 'svg';

export const UNSUPPORTED_FILE = 'This kind of file cannot be opened: choose a .json board file, or a .png or .svg image exported from ML Design Board.';

/**
 * Reads a JSON, PNG or SVG file into a board. Every path ends in parseBoardText, the one entry for
 * imports, so migration and validation are the same as for templates; every failure is a message
 * that names the problem, and nothing is read past the size limit.
 */
export async function readBoardFile(file: BoardFileSource): Promise<ParseResult> {
  if (file.size > MAX_FILE_BYTES) return { ok: false, error: tooLargeMessage(file.size) };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = fileKind(file, bytes);
  if (kind === 'png') {
    const scene = extractBoardTextFromPng(bytes);
    return scene.ok ? parseBoardText(scene.text) : scene;
  }
  const text = new TextDecoder().decode(bytes);
  if (kind === 'svg') {
    const scene = extractBoardTextFromSvg(text);
    return scene.ok ? parseBoardText(scene.text) : scene;
  }
  if (kind === 'json') return parseBoardText(text);
  return { ok: false, error: UNSUPPORTED_FILE };
}

/** The kind a file claims by its name or type, else the kind its first bytes show. */
export function fileKind(file: Pick<BoardFileSource, 'name' | 'type'>, bytes: Uint8Array): FileKind | null {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name ?? '')?.[1]?.toLowerCase();
  if (extension === 'json' || file.type === 'application/json') return 'json';
  if (extension === 'png' || file.type === 'image/png') return 'png';
  if (extension === 'svg' || file.type === 'image/svg+xml') return 'svg';
  if (isPng(bytes)) return 'png';
  const start = new TextDecoder()
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (start.startsWith('{')) return 'json';
  if (start.startsWith('<') && /<svg[\s>]/.test(start)) return 'svg';
  return null;
}
