import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, bench/ itself, and where raw results and builds go (all git-ignored but bench/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH_DIR = join(ROOT, 'bench');
export const RESULTS_DIR = join(BENCH_DIR, 'results');
export const APP_DIST = join(BENCH_DIR, 'dist-app');
export const BASELINE_DIST = join(BENCH_DIR, 'dist-baseline');
export const DOC_PATH = join(ROOT, 'docs', 'BENCHMARKS.md');
