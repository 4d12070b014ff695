import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import encodeChunks from 'png-chunks-encode';
import extractChunks from 'png-chunks-extract';
import { parseBoardText } from '../shared/parseBoard';
import { embedBoardInPng, extractBoardTextFromPng, PNG_WITHOUT_BOARD } from './pngScene';
import { testBoard } from './testBoard';

/** A real 2x1 RGBA PNG: one red and one blue pixel. */
function tinyPng(): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, 2);
  view.setUint32(4, 1);
  header.set([8, 6, 0, 0, 0], 8);
  const pixels = Uint8Array.from([0, 255, 0, 0, 255, 0, 0, 255, 255]);
  return encodeChunks([
    { name: 'IHDR', data: header },
    { name: 'IDAT', data: new Uint8Array(deflateSync(pixels)) },
    { name: 'IEND', data: new Uint8Array(0) },
  ]);
}

describe('board embedded in a PNG', () => {
  it('round-trips the board, non-ASCII text included, through a tEXt chunk', () => {
    const board = { ...testBoard(), title: 'Détection de fraude 🚀 — 欺诈' };
    const png = embedBoardInPng(tinyPng(), board);
    const text = extractBoardTextFromPng(png);
    expect(text.ok).toBe(true);
    if (!text.ok) return;
    expect(text.text).toMatch(/^[\x20-\x7e]*$/);
    const parsed = parseBoardText(text.text);
    expect(parsed.ok && parsed.board).toEqual(board);
  });

  it('leaves the image itself untouched: same chunks, the text chunk right after the header', () => {
    const original = extractChunks(tinyPng());
    const embedded = extractChunks(embedBoardInPng(tinyPng(), testBoard()));
    expect(embedded.map((c) => c.name)).toEqual(['IHDR', 'tEXt', 'IDAT', 'IEND']);
    expect(embedded.filter((c) => c.name !== 'tEXt')).toEqual(original);
  });

  it('says so when a PNG carries no board', () => {
    expect(extractBoardTextFromPng(tinyPng())).toEqual({ ok: false, error: PNG_WITHOUT_BOARD });
  });

  it('names the damage of a truncated PNG or one with a crafted chunk length, without reading past the file', () => {
    const png = embedBoardInPng(tinyPng(), testBoard());
    const truncated = extractBoardTextFromPng(png.subarray(0, png.length - 20));
    expect(truncated.ok || truncated.error).toMatch(/^The PNG file is damaged: chunk "IDAT" claims \d+ bytes/);
    const crafted = png.slice();
    new DataView(crafted.buffer).setUint32(33, 0xfffffff0);
    expect(extractBoardTextFromPng(crafted)).toEqual({ ok: false, error: 'The PNG file is damaged: chunk "tEXt" claims 4294967280 bytes but the file ends before that.' });
    const badCrc = png.slice();
    badCrc[45] ^= 0xff;
    expect(extractBoardTextFromPng(badCrc)).toEqual({ ok: false, error: 'The PNG file is damaged: CRC values for tEXt header do not match, PNG file is likely corrupted.' });
  });

  it('refuses bytes that are not a PNG', () => {
    expect(extractBoardTextFromPng(new TextEncoder().encode('{"nodes": []}'))).toEqual({
      ok: false,
      error: 'This file is not a PNG image (its first bytes are not the PNG signature).',
    });
    expect(() => embedBoardInPng(new Uint8Array(10), testBoard())).toThrow('not a PNG');
  });
});
