/**
 * How long a whole review of a large board takes: measureReview() serves bench/reviewBench.ts (`npm run
 * bench -- --only=review`), and `npx tsx bench/reviewMeasure.ts` prints the figures alone. A review runs
 * when the board changes, so it should stay well under a 16 ms frame.
 */
import { performance } from 'node:perf_hooks';
import { NODE_TYPES } from '../src/catalog';
import { suggestEdgeKind } from '../src/shared/catalog/edgeKinds';
import { BoardModel } from '../src/review/model';
import { review, RULES } from '../src/review';
import { makeBoard, type BoardSpec } from '../src/review/testBoards';
import type { Rule } from '../src/review/types';

const EDGES_PER_NODE = 2;

/** A reproducible board of every component type, wired at random with the kinds the board would suggest. */
function randomBoard(seed: number, nodeCount: number): BoardSpec {
  const random = mulberry32(seed);
  const types = NODE_TYPES.filter((t) => t.variant === 'component');
  const nodes = Array.from({ length: nodeCount }, (_, i) => {
    const type = types[i % types.length]!;
    return { id: `n${i}`, type: type.id, props: 'latencyBudgetMs' in type.props.shape ? { latencyBudgetMs: Math.floor(random() * 50) } : {} };
  });
  const edges: BoardSpec['edges'] = [];
  for (let i = 0; i < nodeCount * EDGES_PER_NODE; i++) {
    const source = nodes[Math.floor(random() * nodeCount)]!;
    const target = nodes[Math.floor(random() * nodeCount)]!;
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

export interface ReviewTiming {
  /** Wall-clock median and p95 over the runs, ms (tails hold time other processes took). */
  medianMs: number;
  p95Ms: number;
  /** CPU time per review, ms: what the review itself costs. */
  cpuMs: number;
}

export interface ReviewMeasurement {
  nodes: number;
  edges: number;
  findings: number;
  runs: number;
  /** Every rule. */
  all: ReviewTiming;
  /** The first tier only (the presence rules of section 4), side by side as the baseline. */
  presence: ReviewTiming;
  /** Each rule alone on a fresh model, so it pays for the walks it asks for: median ms. */
  perRule: { id: string; medianMs: number }[];
}

/** The rules of section 4's first tier: what the review checked before it judged soundness. */
const PRESENCE = new Set([
  'monitoring',
  'feedback-loop',
  'training-serving-skew',
  'candidate-generation',
  'offline-evaluation',
  'online-experiment',
  'latency-budget',
  'calibration',
  'privacy-note',
  'batch-predictions-stored',
]);

function time(runs: number, run: () => void): ReviewTiming {
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuBefore);
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { medianMs: at(0.5), p95Ms: at(0.95), cpuMs: (cpu.user + cpu.system) / 1000 / runs };
}

export function measureReview({ nodes = 200, runs = 500 }: { nodes?: number; runs?: number } = {}): ReviewMeasurement {
  const board = makeBoard(randomBoard(42, nodes));
  const presence: Rule[] = RULES.filter((r) => PRESENCE.has(r.id));
  const findings = review(board).length;
  // Warm both paths before timing them, alternately so neither gets the quieter machine.
  for (let i = 0; i < 20; i++) {
    review(board);
    review(board, presence);
  }
  const all = time(runs, () => review(board));
  const first = time(runs, () => review(board, presence));
  const perRule = RULES.map((rule) => ({ id: rule.id, medianMs: time(Math.max(10, Math.floor(runs / 5)), () => rule.check(new BoardModel(board))).medianMs }));
  return { nodes: board.nodes.length, edges: board.edges.length, findings, runs, all, presence: first, perRule };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const m = measureReview();
  const line = (t: ReviewTiming) => `median ${t.medianMs.toFixed(3)} ms, p95 ${t.p95Ms.toFixed(3)} ms, CPU ${t.cpuMs.toFixed(3)} ms`;
  console.log(`review of ${m.nodes} nodes, ${m.edges} edges (${m.findings} findings), ${m.runs} runs`);
  console.log(`  every rule:          ${line(m.all)}`);
  console.log(`  presence rules only: ${line(m.presence)}`);
  for (const r of m.perRule) console.log(`  ${r.id.padEnd(26)} median ${r.medianMs.toFixed(3)} ms`);
}
