/**
 * How long a whole review of a large board takes. Run with `npx tsx src/review/bench.ts`.
 * A review runs when the board changes, so it should stay well under a 16 ms frame.
 */
import { performance } from 'node:perf_hooks';
import { NODE_TYPES } from '../catalog';
import { suggestEdgeKind } from '../shared/catalog/edgeKinds';
import { BoardModel } from './model';
import { review, RULES } from './index';
import { makeBoard, type BoardSpec } from './testBoards';

const NODE_COUNT = 200;
const EDGES_PER_NODE = 2;
const RUNS = 500;

/** A reproducible board of every component type, wired at random with the kinds the board would suggest. */
function randomBoard(seed: number): BoardSpec {
  const random = mulberry32(seed);
  const types = NODE_TYPES.filter((t) => t.variant === 'component');
  const nodes = Array.from({ length: NODE_COUNT }, (_, i) => {
    const type = types[i % types.length];
    return { id: `n${i}`, type: type.id, props: 'latencyBudgetMs' in type.props.shape ? { latencyBudgetMs: Math.floor(random() * 50) } : {} };
  });
  const edges: BoardSpec['edges'] = [];
  for (let i = 0; i < NODE_COUNT * EDGES_PER_NODE; i++) {
    const source = nodes[Math.floor(random() * NODE_COUNT)];
    const target = nodes[Math.floor(random() * NODE_COUNT)];
    if (source !== target) edges.push([source.id, target.id, suggestEdgeKind(source.type, target.type)]);
  }
  return { nodes, edges };
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sorted durations in ms of RUNS calls. */
function timeRuns(run: () => void): number[] {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

const at = (times: number[], q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(3);

const board = makeBoard(randomBoard(42));
const first = performance.now();
const findings = review(board);
const firstMs = performance.now() - first;
const cpuBefore = process.cpuUsage();
const times = timeRuns(() => review(board));
// CPU time is what the review itself costs; wall-clock tails also hold time other processes took.
const cpu = process.cpuUsage(cpuBefore);
console.log(
  `review of ${board.nodes.length} nodes, ${board.edges.length} edges (${findings.length} findings): ` +
    `first ${firstMs.toFixed(2)} ms; median ${at(times, 0.5)} ms, p95 ${at(times, 0.95)} ms, max ${at(times, 1)} ms over ${RUNS} runs; ` +
    `mean CPU ${((cpu.user + cpu.system) / 1000 / RUNS).toFixed(3)} ms`,
);
// Each rule on a fresh context, so it pays for the walks it asks for.
for (const rule of RULES) {
  const ruleTimes = timeRuns(() => rule.check(new BoardModel(board)));
  console.log(`  ${rule.id.padEnd(26)} median ${at(ruleTimes, 0.5)} ms`);
}
