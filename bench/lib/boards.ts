import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_TYPES } from '../../src/shared/catalog';
import { absoluteRect } from '../../src/doc/geometry';
import type { BoardFile } from '../../src/shared/format';
import { parseBoardText, parseBoardValue } from '../../src/shared/parseBoard';
import { ROOT } from './paths';

/**
 * Boards for the browser benchmarks: generated grids of N component nodes with about N edges, and
 * the case-study templates. Every board passes parseBoardValue, as an import would.
 */
const COLUMN_GAP = 320;
const ROW_GAP = 200;

/** N nodes of every component type in turn on a grid about 1.6 times wider than tall; edges join row neighbours, then columns, N in all. */
export function gridBoard(count: number): BoardFile {
  const types = NODE_TYPES.filter((t) => t.variant === 'component');
  const columns = Math.max(1, Math.ceil(Math.sqrt(count * 1.6)));
  const nodes = Array.from({ length: count }, (_, i) => {
    const type = types[i % types.length];
    return { id: `n${i}`, type: type.id, title: `${type.label} ${i + 1}`, position: { x: (i % columns) * COLUMN_GAP, y: Math.floor(i / columns) * ROW_GAP }, props: {} };
  });
  const edges: BoardFile['edges'] = [];
  const link = (a: number, b: number) => edges.push({ id: `e${edges.length}`, source: `n${a}`, target: `n${b}`, kind: 'batch' });
  for (let i = 0; i < count && edges.length < count; i++) if ((i + 1) % columns && i + 1 < count) link(i, i + 1);
  for (let i = 0; i < count && edges.length < count; i++) if (i + columns < count) link(i, i + columns);
  return valid({ format: 'ml-design-board', version: 2, title: `Benchmark board, ${count} nodes`, nodes, edges });
}

function valid(value: unknown): BoardFile {
  const parsed = parseBoardValue(value);
  if (!parsed.ok) throw new Error(`benchmark board is invalid: ${parsed.error}`);
  return parsed.board;
}

/** The template file with the most nodes (the export benchmark's "largest template"). */
export function largestTemplate(): { file: string; board: BoardFile } {
  const dir = join(ROOT, 'templates');
  const boards = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const parsed = parseBoardText(readFileSync(join(dir, name), 'utf8'));
      if (!parsed.ok) throw new Error(`templates/${name}: ${parsed.error}`);
      return { file: `templates/${name}`, board: parsed.board, size: statSync(join(dir, name)).size };
    });
  return boards.sort((a, b) => b.board.nodes.length - a.board.nodes.length || b.size - a.size)[0];
}

export interface BareFlow {
  nodes: { id: string; position: { x: number; y: number }; data: { label: string }; style: { width: number; height: number }; zIndex?: number }[];
  edges: { id: string; source: string; target: string }[];
}

/** The same board as React Flow default nodes (absolute positions, the same sizes), for the bare baseline page. */
export function toBareFlow(board: BoardFile): BareFlow {
  const byId = new Map(board.nodes.map((node) => [node.id, node]));
  return {
    nodes: board.nodes.map((node) => {
      const rect = absoluteRect(node, (id) => byId.get(id));
      return { id: node.id, position: { x: rect.x, y: rect.y }, data: { label: node.title }, style: { width: rect.width, height: rect.height }, ...(node.size ? { zIndex: -1 } : {}) };
    }),
    edges: board.edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target })),
  };
}
