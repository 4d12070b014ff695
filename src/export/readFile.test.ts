// @vitest-environment happy-dom
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import encodeChunks from 'png-chunks-encode';
import { MAX_FILE_BYTES } from '../shared/formatBasics';
import { boardToJson } from './boardJson';
import { embedBoardInPng, PNG_WITHOUT_BOARD } from './pngScene';
import { readBoardFile, UNSUPPORTED_FILE } from './readFile';
import { finishSvgExport, SVG_WITHOUT_BOARD } from './svgScene';
import { testBoard, testBoardValue } from './testBoard';

function file(content: BlobPart, name: string, type = ''): File {
  return new File([content], name, { type });
}

function json(value: unknown, name = 'board.json'): File {
  return file(JSON.stringify(value), name, 'application/json');
}

function withNode(change: (node: Record<string, unknown>) => void) {
  const value = structuredClone(testBoardValue);
  change(value.nodes[3] as Record<string, unknown>);
  return value;
}

const BLANK_PNG = encodeChunks([
  { name: 'IHDR', data: Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]) },
  { name: 'IDAT', data: new Uint8Array(deflateSync(Uint8Array.from([0, 0]))) },
  { name: 'IEND', data: new Uint8Array(0) },
]);
const BLANK_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';

async function errorOf(source: File): Promise<string> {
  const result = await readBoardFile(source);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.error;
}

describe('reading a board file', () => {
  it('opens a JSON export, a PNG export and an SVG export as the same board', async () => {
    const board = testBoard();
    const fromJson = await readBoardFile(file(boardToJson(board), 'fraud.json'));
    const fromPng = await readBoardFile(file(embedBoardInPng(BLANK_PNG, board), 'fraud.png', 'image/png'));
    const fromSvg = await readBoardFile(file(finishSvgExport(BLANK_SVG, board), 'fraud.svg', 'image/svg+xml'));
    for (const result of [fromJson, fromPng, fromSvg]) expect(result.ok && result.board).toEqual(board);
  });

  it('tells the kind from the content when the name does not say', async () => {
    const board = testBoard();
    expect((await readBoardFile(file(embedBoardInPng(BLANK_PNG, board), 'download'))).ok).toBe(true);
    expect((await readBoardFile(file(`\uFEFF  ${boardToJson(board)}`, 'download'))).ok).toBe(true);
    expect((await readBoardFile(file(finishSvgExport(BLANK_SVG, board), 'download'))).ok).toBe(true);
  });

  it('migrates a version 1 (React Flow) file', async () => {
    const v1 = { nodes: [{ id: 'a', type: 'trainer', position: { x: 0, y: 0 }, data: { title: 'Train', architecture: 'two-tower' } }], edges: [] };
    const result = await readBoardFile(json(v1));
    expect(result.ok && result.migratedFrom).toBe(1);
    expect(result.ok && result.board.nodes[0].title).toBe('Train');
  });

  it('names the problem of each kind of invalid file', async () => {
    expect(await errorOf(file('{"nodes": [', 'a.json'))).toMatch(/^The file is not valid JSON \(/);
    expect(await errorOf(json({ ...testBoardValue, version: 7 }))).toBe('This file is version 7, made by a newer ML Design Board; this one reads up to version 2.');
    expect(await errorOf(json(withNode((node) => (node.type = 'quantum-router'))))).toBe('The board file is invalid: node "end": unknown node type "quantum-router".');
    expect(await errorOf(json(withNode((node) => (node.props = { platform: 42 }))))).toMatch(/^The board file is invalid: node "end" \(Client app\): platform: /);
    const dangling = structuredClone(testBoardValue);
    dangling.edges[0].target = 'ghost';
    expect(await errorOf(json(dangling))).toBe('The board file is invalid: edge "e1": its target node "ghost" does not exist.');
    expect(await errorOf(file(BLANK_PNG, 'photo.png'))).toBe(PNG_WITHOUT_BOARD);
    expect(await errorOf(file(BLANK_SVG, 'logo.svg'))).toBe(SVG_WITHOUT_BOARD);
    expect(await errorOf(file('{}', 'photo.png'))).toBe('This file is not a PNG image (its first bytes are not the PNG signature).');
    expect(await errorOf(file('hello', 'notes.txt'))).toBe(UNSUPPORTED_FILE);
  });

  it('refuses a file over 10 MiB before reading it', async () => {
    const big = file(new Uint8Array(MAX_FILE_BYTES + 1), 'huge.json');
    expect(await errorOf(big)).toBe('The file is 10.0 MiB; files over 10 MiB are refused.');
  });
});
