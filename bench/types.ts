import type { Browser } from '@playwright/test';
import type { BenchServer } from './lib/servers';

/** Chromium and two servers of the production builds: the app (bench/dist-app) and the bare React Flow page (bench/dist-baseline). */
export interface BrowserEnv {
  browser: Browser;
  app: BenchServer;
  bare: BenchServer;
}

/** What every benchmark module gets and gives back to bench/run.ts. */
export interface BenchContext {
  /** Tiny sizes, for CI: checks the harness runs, says nothing about speed. */
  quick: boolean;
  log(message: string): void;
  /** Started on first use, shared by the browser benchmarks, closed by run.ts at the end. */
  browserEnv(): Promise<BrowserEnv>;
}

/** A target of issue 7, checked against a figure of this run (reported, never asserted). */
export interface TargetCheck {
  target: string;
  figure: string;
  /** null when the run could not measure it (e.g. the quick mode's sizes are not the target's). */
  met: boolean | null;
}

export interface BenchResult {
  id: string;
  title: string;
  /** The section's Markdown body: what was measured, the table(s), notes. */
  markdown: string;
  targets: TargetCheck[];
  /** Everything measured, for bench/results/*.json. */
  raw: unknown;
}

export type Benchmark = (ctx: BenchContext) => Promise<BenchResult>;
