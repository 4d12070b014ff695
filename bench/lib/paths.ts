import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, bench/ itself, and where raw results and builds go (all git-ignored but bench/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH_DIR = join(ROOT, 'bench');
export const RESULTS_DIR = join(BENCH_DIR, 'results');
/** BENCH_APP_DIST: a build of the app already made (npm test's dist/), used instead of building bench/dist-app again. */
export const GIVEN_APP_DIST = process.env.BENCH_APP_DIST ? resolve(ROOT, process.env.BENCH_APP_DIST) : undefined;
export const APP_DIST = GIVEN_APP_DIST ?? join(BENCH_DIR, 'dist-app');
export const BASELINE_DIST = join(BENCH_DIR, 'dist-baseline');
export const DOC_PATH = join(ROOT, 'docs', 'BENCHMARKS.md');
