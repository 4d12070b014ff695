import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from '@playwright/test';
import { newAppContext, newBoardLink, VIEWPORT } from './lib/browser';
import { kb, ms, table, times } from './lib/format';
import { APP_DIST, BASELINE_DIST } from './lib/paths';
import { percentile, ratio } from './lib/stats';
import type { BenchContext, BenchResult } from './types';
import { inlineScripts } from '../server/csp';

/**
 * Benchmark 5, load: the gzipped size of the JavaScript and CSS the board page loads first, read
 * two ways: from index.html (entry script, its modulepreload links, stylesheets) and from what
 * the browser actually fetched before the board became interactive (lazy chunks requested at
 * start count too); and the time from navigation to an interactive board, in a fresh browser
 * context (empty cache) on loopback. Baseline: the bare React Flow page.
 */
interface Assets {
  js: number;
  css: number;
  files: { path: string; gzip: number }[];
}

/** A built file's gzipped size; 0 for a request that is not a file of the build (none expected). */
function gzipped(dir: string, path: string): number {
  try {
    return gzipSync(readFileSync(join(dir, path.replace(/^\//, '')))).length;
  } catch {
    return 0;
  }
}

/** The entry script, modulepreloads, inline scripts and stylesheets of index.html, gzipped (zlib, default level). */
export function initialAssets(dir: string): Assets {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const js = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  const inline = inlineScripts(html).join('');
  const files = [...js, ...css].map((path) => ({ path, gzip: gzipped(dir, path) }));
  if (inline) files.push({ path: 'index.html, inline scripts', gzip: gzipSync(inline).length });
  const sum = (paths: string[]) => files.filter((f) => paths.includes(f.path)).reduce((n, f) => n + f.gzip, 0);
  return { js: sum([...js, 'index.html, inline scripts']), css: sum(css), files };
}

interface PageLoad {
  ms: number;
  /** JS and CSS files the page fetched before it was interactive, gzipped sizes from dist. */
  fetched: Assets;
}

async function timedLoad(newContext: () => Promise<BrowserContext>, dir: string, open: (page: Page) => Promise<void>, ready: (page: Page) => Promise<number>): Promise<PageLoad> {
  const context = await newContext();
  try {
    const page = await context.newPage();
    await open(page);
    const at = await ready(page);
    // Resource timing, in the page's own clock: what was requested up to the interactive frame, not
    // what the page fetches after it (e.g. parts prefetched once the board is up), however soon.
    const requested = await page.evaluate(
      (until) =>
        performance
          .getEntriesByType('resource')
          .filter((entry) => entry.startTime <= until)
          .map((entry) => new URL(entry.name).pathname),
      at,
    );
    const files = [...new Set(requested)].filter((path) => /\.(js|css)$/.test(path)).map((path) => ({ path, gzip: gzipped(dir, path) }));
    const sum = (ext: string) => files.filter((f) => f.path.endsWith(ext)).reduce((n, f) => n + f.gzip, 0);
    return { ms: at, fetched: { js: sum('.js'), css: sum('.css'), files } };
  } finally {
    await context.close();
  }
}

/** performance.now() at the first frame where all `selectors` are in the page. */
async function readyAt(page: Page, selectors: string[]): Promise<number> {
  const handle = await page.waitForFunction((list) => (list.every((s) => document.querySelector(s)) ? performance.now() : false), selectors, { polling: 'raf', timeout: 60_000 });
  return (await handle.jsonValue()) as number;
}

const median = (values: number[]) => percentile(Float64Array.from(values).sort(), 50);

export async function loadBenchmark(ctx: BenchContext): Promise<BenchResult> {
  const runs = ctx.quick ? 1 : 5;
  const appAssets = initialAssets(APP_DIST);
  const bareAssets = initialAssets(BASELINE_DIST);
  const { browser, app, bare } = await ctx.browserEnv();
  const appLoads: PageLoad[] = [];
  const bareLoads: PageLoad[] = [];
  for (let i = 0; i < runs; i++) {
    ctx.log(`load: run ${i + 1} of ${runs}`);
    // A new board each time: its document is not in this (fresh) browser context yet, as for someone opening a shared link.
    appLoads.push(
      await timedLoad(
        () => newAppContext(browser),
        APP_DIST,
        // Watched from the navigation's commit, as the bare page is: waiting for the load event first would time the wait.
        async (page) => void (await page.goto(await newBoardLink(app.httpUrl), { waitUntil: 'commit' })),
        (page) => readyAt(page, ['.react-flow__pane', '[aria-label="Node palette"] button']),
      ),
    );
    bareLoads.push(
      await timedLoad(
        () => browser.newContext({ viewport: VIEWPORT }),
        BASELINE_DIST,
        async (page) => void (await page.goto(bare.httpUrl, { waitUntil: 'commit' })),
        (page) => readyAt(page, ['.react-flow__pane']),
      ),
    );
  }
  const appMs = median(appLoads.map((l) => l.ms));
  const bareMs = median(bareLoads.map((l) => l.ms));
  const fetchedApp = appLoads[0].fetched;
  const fetchedBare = bareLoads[0].fetched;
  const body = table(
    ['', 'app', 'bare React Flow', 'ratio'],
    [
      ['initial JS (index.html), gzipped', kb(appAssets.js), kb(bareAssets.js), times(ratio(appAssets.js, bareAssets.js))],
      ['initial CSS (index.html), gzipped', kb(appAssets.css), kb(bareAssets.css), times(ratio(appAssets.css, bareAssets.css))],
      ['JS fetched before interactive, gzipped', kb(fetchedApp.js), kb(fetchedBare.js), times(ratio(fetchedApp.js, fetchedBare.js))],
      ['CSS fetched before interactive, gzipped', kb(fetchedApp.css), kb(fetchedBare.css), times(ratio(fetchedApp.css, fetchedBare.css))],
      [`navigation to interactive (median of ${runs})`, ms(appMs, 0), ms(bareMs, 0), times(ratio(appMs, bareMs))],
    ],
  );
  const files = table(
    ['file the board page fetched', 'gzipped'],
    fetchedApp.files.map((f) => [`\`${f.path}\``, kb(f.gzip)]),
  );
  const initialJs = Math.max(appAssets.js, fetchedApp.js);
  return {
    id: 'load',
    title: '5. Load',
    markdown: [
      'Sizes: each file gzipped with zlib at its default level. "index.html" counts the entry script, its modulepreload links, ' +
        'its inline scripts and its stylesheets; "fetched" counts every .js and .css the page requested before it was interactive. Interactive: the first ' +
        "frame with the React Flow pane and the palette's buttons (app: a new, empty board opened from its link by someone whose name " +
        'the browser remembers, so no "Join the board" dialog; bare: the page with no nodes), timed from navigation in a fresh browser ' +
        'context (nothing cached) on loopback.',
      '',
      body,
      '',
      files,
    ].join('\n'),
    targets: [{ target: 'initial JavaScript under 250 KB gzipped', figure: kb(initialJs), met: initialJs < 250 * 1024 }],
    raw: { appAssets, bareAssets, appLoads, bareLoads },
  };
}
