import extractChunks from 'png-chunks-extract';
import encodeChunks from 'png-chunks-encode';
import { decode as decodeText, encode as encodeText } from 'png-chunk-text';
import type { BoardFile } from '../shared/format';
import { BOARD_MIME_TYPE, boardToAsciiJson } from './boardJson';

/**
 * A PNG export carries its board as JSON in a tEXt chunk (as Excalidraw does), so the image can be
 * opened again as an editable board. The chunk goes right after IHDR: the image data is copied
 * untouched rather than decoded and re-encoded, which matters for a 100-megapixel export.
 */
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Signature, then IHDR: length (4), type (4), 13 bytes of data, CRC (4). */
const IHDR_END = 8 + 4 + 4 + 13 + 4;

export function isPng(bytes: Uint8Array): boolean {
  return SIGNATURE.every((byte, i) => bytes[i] === byte);
}

export function embedBoardInPng(png: Uint8Array, board: BoardFile): Uint8Array<ArrayBuffer> {
  if (png.length < IHDR_END || !isPng(png) || chunkType(png, 8) !== 'IHDR' || readUint32(png, 8) !== 13) throw new Error('Cannot embed the board: the image is not a PNG');
  const chunk = encodeChunks([encodeText(BOARD_MIME_TYPE, boardToAsciiJson(board))]).subarray(SIGNATURE.length);
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, IHDR_END), 0);
  out.set(chunk, IHDR_END);
  out.set(png.subarray(IHDR_END), IHDR_END + chunk.length);
  return out;
}

export type SceneText = { ok: true; text: string } | { ok: false; error: string };

export const PNG_WITHOUT_BOARD = 'This PNG has no board embedded in it: only PNG images exported from ML Design Board can be opened as a board.';

/** The board JSON embedded in a PNG export, or a message saying why there is none. */
export function extractBoardTextFromPng(png: Uint8Array): SceneText {
  if (!isPng(png)) return { ok: false, error: 'This file is not a PNG image (its first bytes are not the PNG signature).' };
  const damage = findDamage(png);
  if (damage) return { ok: false, error: `The PNG file is damaged: ${damage}.` };
  let chunks;
  try {
    chunks = extractChunks(png);
  } catch (error) {
    return { ok: false, error: `The PNG file is damaged: ${(error as Error).message}.` };
  }
  for (const chunk of chunks) {
    if (chunk.name !== 'tEXt') continue;
    try {
      const { keyword, text } = decodeText(chunk.data);
      if (keyword === BOARD_MIME_TYPE) return { ok: true, text };
    } catch {
      // A malformed text chunk of some other program: not ours, keep looking.
    }
  }
  return { ok: false, error: PNG_WITHOUT_BOARD };
}

/**
 * Walks the chunk table and checks that every chunk fits in the file. png-chunks-extract trusts the
 * declared lengths, so a crafted length of 4 GB would make it allocate and loop over 4 GB.
 */
function findDamage(png: Uint8Array): string | null {
  let offset = SIGNATURE.length;
  while (offset + 8 <= png.length) {
    const length = readUint32(png, offset);
    const type = chunkType(png, offset);
    const end = offset + 12 + length;
    if (end > png.length) return `chunk ${JSON.stringify(type)} claims ${length} bytes but the file ends before that`;
    if (type === 'IEND') return null;
    offset = end;
  }
  return 'the file ends without an IEND chunk';
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);
}

function chunkType(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
}
