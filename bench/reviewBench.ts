import { measureReview } from './reviewMeasure';
import { table } from './lib/format';
import type { BenchContext, BenchResult } from './types';

/** A quarter of a 60 Hz frame: the review runs on the frame after an edit, beside React's own work. */
const TARGET_CPU_MS = 4;

/** The design review (#13) of a 200-node board: every rule against the presence rules alone, side by side. */
export async function reviewBenchmark(ctx: BenchContext): Promise<BenchResult> {
  ctx.log('review: 200-node board');
  const m = measureReview({ nodes: ctx.quick ? 40 : 200, runs: ctx.quick ? 20 : 500 });
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  const ratio = m.all.cpuMs / m.presence.cpuMs;
  const slowest = [...m.perRule].sort((a, b) => b.medianMs - a.medianMs).slice(0, 5);
  return {
    id: 'review',
    title: '8. Design review',
    markdown: [
      `The whole design review of a reproducible random board of ${m.nodes} nodes (every component type) and ${m.edges} edges of the ` +
        `kinds the board suggests, ${m.runs} runs in one Node process (${m.findings} findings). CPU time per review is the figure to ` +
        'read on a shared machine; wall-clock tails include other processes. Baseline: the same board reviewed by the presence rules alone.',
      '',
      table(
        ['rules', 'median (wall)', 'p95 (wall)', 'CPU per review'],
        [
          ['every rule', ms(m.all.medianMs), ms(m.all.p95Ms), ms(m.all.cpuMs)],
          ['presence rules only (baseline)', ms(m.presence.medianMs), ms(m.presence.p95Ms), ms(m.presence.cpuMs)],
        ],
      ),
      '',
      `Every rule costs ${ratio.toFixed(1)}x the presence rules. Slowest rules alone (fresh board model each): ${slowest.map((r) => `${r.id} ${ms(r.medianMs)}`).join(', ')}.`,
    ].join('\n'),
    targets: [{ target: `whole review of a 200-node board under ${TARGET_CPU_MS} ms CPU`, figure: ms(m.all.cpuMs), met: ctx.quick ? null : m.all.cpuMs < TARGET_CPU_MS }],
    raw: m,
  };
}
