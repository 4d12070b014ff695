import { parseBoardValue } from '../shared/parseBoard';
import type { BoardFile } from '../shared/format';

/** A small board for the export tests: a frame with two components, one outside, a note, hostile text. */
export const HOSTILE_TITLE = '<img src=x onerror=alert(1)>';

export const testBoardValue = {
  format: 'ml-design-board',
  version: 2,
  title: 'Fraud "detection" — v2',
  nodes: [
    { id: 'frame', type: 'group', title: 'Online serving', position: { x: 0, y: 0 }, size: { width: 600, height: 300 }, props: { stage: 'serving' } },
    { id: 'rules', type: 'rules-engine', title: 'Rules', position: { x: 20, y: 40 }, parentId: 'frame', props: { thresholds: 'p > 0.9' } },
    { id: 'gbdt', type: 'model-server', title: HOSTILE_TITLE, position: { x: 300, y: 40 }, parentId: 'frame', props: { latencyBudgetMs: 30 } },
    { id: 'end', type: 'client-app', title: 'Checkout #1 | "pay" `now`', position: { x: -400, y: 60 }, props: {} },
    { id: 'note', type: 'sticky-note', title: 'Assumption', position: { x: 700, y: 0 }, size: { width: 200, height: 140 }, props: { text: 'Fraud rate\n0.1% & rising' } },
  ],
  edges: [
    { id: 'e1', source: 'end', target: 'rules', kind: 'online', label: 'transaction <b>' },
    { id: 'e2', source: 'rules', target: 'gbdt', kind: 'online', label: 'score "p"' },
    { id: 'e3', source: 'gbdt', target: 'end', kind: 'feedback' },
  ],
};

export function testBoard(): BoardFile {
  const result = parseBoardValue(structuredClone(testBoardValue));
  if (!result.ok) throw new Error(result.error);
  return result.board;
}
