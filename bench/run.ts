import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, buildBaseline } from './lib/build';
import { table } from './lib/format';
import { describeMachine, type Machine } from './lib/machine';
import { launchBrowser } from './lib/browser';
import { APP_DIST, BASELINE_DIST, BENCH_DIR, DOC_PATH, GIVEN_APP_DIST, RESULTS_DIR, ROOT } from './lib/paths';
import { startOurs } from './lib/servers';
import { canvasBenchmark } from './canvas';
import { exportBenchmark } from './exportBench';
import { fairnessBenchmark } from './fairness';
import { growthBenchmark } from './growth';
import { historyBenchmark } from './history';
import { loadBenchmark } from './load';
import { memoryBenchmark } from './memory';
import { reviewBenchmark } from './reviewBench';
import { slowStorageBenchmark } from './slowStorage';
import { capacityBenchmark } from './sync/capacityBench';
import { syncBenchmark } from './sync/syncBench';
import type { Benchmark, BenchContext, BenchResult, BrowserEnv } from './types';

/**
 * `npm run bench` runs every benchmark of issue 7 and writes the raw figures to
 * bench/results/<date>.json and the tables to docs/BENCHMARKS.md (between the generated-section
 * markers; the analysis around them is kept). `npm run bench -- --quick` runs each at a tiny size
 * (CI: proves the harness still runs, asserts nothing about time) and writes its Markdown to
 * bench/results/ only. `--only=sync,canvas` runs a subset; `--no-build` reuses the builds in
 * bench/dist-app and bench/dist-baseline; BENCH_APP_DIST=<dir> serves that build of the app (npm test
 * passes the dist/ its end-to-end tests ran on) and builds only the baseline.
 */
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const noBuild = args.includes('--no-build');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

const BENCHMARKS: { id: string; run: Benchmark; browser: boolean }[] = [
  { id: 'sync', run: syncBenchmark, browser: false },
  { id: 'capacity', run: capacityBenchmark, browser: false },
  { id: 'canvas', run: canvasBenchmark, browser: true },
  { id: 'export', run: exportBenchmark, browser: true },
  { id: 'load', run: loadBenchmark, browser: true },
  { id: 'growth', run: growthBenchmark, browser: false },
  { id: 'review', run: reviewBenchmark, browser: false },
  { id: 'history', run: historyBenchmark, browser: true },
  { id: 'slow-storage', run: slowStorageBenchmark, browser: false },
  { id: 'memory', run: memoryBenchmark, browser: false },
  { id: 'fairness', run: fairnessBenchmark, browser: false },
];
const SCALEOUT = join(BENCH_DIR, 'scaleout.ts');
const START_MARK = '<!-- bench:results:start -->';
const END_MARK = '<!-- bench:results:end -->';

const started = Date.now();
let env: Promise<BrowserEnv> | undefined;
const ctx: BenchContext = {
  quick,
  log: (message) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`),
  browserEnv: () =>
    (env ??= (async () => {
      const [browser, app, bare] = await Promise.all([launchBrowser(), startOurs({ staticDir: APP_DIST }), startOurs({ staticDir: BASELINE_DIST })]);
      return { browser, app, bare };
    })()),
};

async function closeBrowserEnv(): Promise<void> {
  if (!env) return;
  const { browser, app, bare } = await env;
  await Promise.all([browser.close(), app.stop(), bare.stop()]);
}

interface Failure {
  id: string;
  error: string;
}

/** bench/scaleout.ts (the scale-out engineer's) runs as its own process; its stdout is its Markdown section. */
function runScaleout(): Promise<BenchResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCALEOUT, ...(quick ? ['--quick'] : [])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve({ id: 'scaleout', title: '7. Scale-out', markdown: stdout.trim(), targets: [], raw: { markdown: stdout } }) : reject(new Error(`bench/scaleout.ts exited with ${code}`)),
    );
  });
}

async function main(): Promise<number> {
  const machineAtStart = describeMachine();
  const wanted = BENCHMARKS.filter((b) => !only || only.includes(b.id));
  if (!noBuild && wanted.some((b) => b.browser)) {
    if (GIVEN_APP_DIST) {
      ctx.log(`building the bare React Flow baseline (bench/dist-baseline); the app is the build in ${GIVEN_APP_DIST}`);
      await buildBaseline();
    } else {
      ctx.log('building the app (bench/dist-app) and the bare React Flow baseline (bench/dist-baseline)');
      await Promise.all([buildApp(), buildBaseline()]);
    }
  }
  const results: BenchResult[] = [];
  const failures: Failure[] = [];
  const attempt = async (id: string, run: () => Promise<BenchResult>) => {
    try {
      results.push(await run());
    } catch (error) {
      const cause = (error as Error).cause;
      ctx.log(`${id} FAILED: ${(error as Error).stack ?? error}${cause ? `\ncaused by: ${(cause as Error).stack ?? String(cause)}` : ''}`);
      failures.push({ id, error: String((error as Error).message ?? error) });
    }
  };
  const runs = wanted.map((bench) => ({ id: bench.id, browser: bench.browser, run: () => bench.run(ctx) }));
  if ((!only || only.includes('scaleout')) && existsSync(SCALEOUT)) runs.push({ id: 'scaleout', browser: false, run: runScaleout });
  // The quick mode proves that every benchmark runs and compares no figure, so the browser benchmarks (one
  // lane: they share one browser) and each of the others, which mostly wait on their servers and clients, run
  // side by side; a full run measures one at a time.
  const lanes = quick ? [runs.filter((r) => r.browser), ...runs.filter((r) => !r.browser).map((r) => [r])] : [runs];
  try {
    await Promise.all(
      lanes.map(async (lane) => {
        for (const r of lane) await attempt(r.id, r.run);
      }),
    );
  } finally {
    await closeBrowserEnv();
  }
  const order = runs.map((r) => r.id);
  results.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));

  const machine = { ...describeMachine(), loadAverageAtStart: machineAtStart.loadAverage };
  const date = new Date();
  const command = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
  const seconds = Math.round((Date.now() - started) / 1000);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = date.toISOString().replace(/[:.]/g, '-');
  const jsonPath = join(RESULTS_DIR, `${quick ? 'quick-' : ''}${stamp}.json`);
  writeFileSync(jsonPath, JSON.stringify({ date: date.toISOString(), command, seconds, machine, failures, results }, null, 1));
  const markdown = report(results, failures, machine, date, command, seconds);
  if (quick || only) {
    writeFileSync(join(RESULTS_DIR, 'latest-quick.md'), markdown);
    ctx.log(`done in ${seconds} s: ${jsonPath}, bench/results/latest-quick.md (docs/BENCHMARKS.md is written by full runs only)`);
  } else {
    writeDoc(markdown);
    ctx.log(`done in ${seconds} s: ${jsonPath}, docs/BENCHMARKS.md`);
  }
  return failures.length ? 1 : 0;
}

function report(results: BenchResult[], failures: Failure[], machine: Machine & { loadAverageAtStart: number[] }, date: Date, command: string, seconds: number): string {
  const targets = results.flatMap((r) => r.targets.map((t) => [t.target, t.figure, t.met === null ? 'not measured at this size' : t.met ? 'met' : 'MISSED']));
  return [
    `Generated by \`${command}\` on ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC in ${seconds} s.`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, Linux ${machine.kernel}, Node ${machine.node}, ${machine.chromium}; ` +
      `commit ${machine.commit}. Load average (1, 5, 15 min) at the start: ${machine.loadAverageAtStart.join(', ')}; at the end: ${machine.loadAverage.join(', ')}.`,
    '',
    '### Targets',
    '',
    targets.length ? table(['target', 'figure', 'verdict'], targets) : 'No targets were measured.',
    ...(failures.length ? ['', '### Benchmarks that failed to run', '', ...failures.map((f) => `- ${f.id}: ${f.error.split('\n')[0]}`)] : []),
    ...results.flatMap((r) => ['', `### ${r.title}`, '', r.markdown]),
  ].join('\n');
}

/** Replaces the generated section of docs/BENCHMARKS.md, keeping the hand-written text around it. */
function writeDoc(generated: string): void {
  const section = `${START_MARK}\n${generated}\n${END_MARK}`;
  const current = existsSync(DOC_PATH) ? readFileSync(DOC_PATH, 'utf8') : '';
  const start = current.indexOf(START_MARK);
  const end = current.indexOf(END_MARK);
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + section + current.slice(end + END_MARK.length)
      : `# Benchmarks\n\nRun with \`npm run bench\`; \`npm run bench -- --quick\` for the CI size.\n\n## Results\n\n${section}\n`;
  writeFileSync(DOC_PATH, next);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    ctx.log(`bench failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
