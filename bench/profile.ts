import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { gridBoard, largestTemplate, toBareFlow } from './lib/boards';
import { cpuPerStep, emptyPanePoint, importAsNewBoard, launchBrowser, middleNode, mouseGesture, newAppContext, startFrames, stopFrames, VIEWPORT, waitDrawn } from './lib/browser';
import { BENCH_DIR, ROOT } from './lib/paths';
import { startOurs } from './lib/servers';

/**
 * Where the time goes during a canvas gesture: a CPU profile (Chrome DevTools protocol) of a pan or
 * a node drag on an N-node board, in an unminified build of the app (or of the bare React Flow
 * page), summed by function (self time) and by function including its callees (total time).
 *
 *   npx tsx bench/profile.ts [--nodes=1000 | --board=template] [--gesture=drag|pan|export] [--page=app|bare] [--no-build] [--top=30] [--trace | --cpu] [--with=background,minimap] [--dist=<built app>]
 *
 * --trace records a Chrome trace instead of the JS profile and sums style, layout, paint and raster
 * time, which the JS profile shows only as "(program)". --cpu gives the browser's CPU time per
 * gesture step instead (steps awaited one by one), the figure to compare two builds on a busy machine.
 * Not part of `npm run bench`: a tool for finding what to fix when a canvas figure is off.
 */
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const nodes = Number(arg('nodes', '1000'));
const gesture = arg('gesture', 'drag');
const which = arg('page', 'app');
const top = Number(arg('top', '30'));
/** Bare page only: React Flow widgets to add (background, minimap, controls), to see what each costs. */
const extras = arg('with', '');
/** A build made elsewhere (e.g. of an experimental copy of src/) instead of building one here. */
const givenDist = arg('dist', '');
const PROFILE_DIST = givenDist || join(BENCH_DIR, which === 'app' ? 'dist-profile' : 'dist-profile-baseline');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function build(): Promise<void> {
  const config = which === 'app' ? [] : ['--config', 'bench/baseline/vite.config.ts'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'build', ...config, '--minify', 'false', '--outDir', PROFILE_DIST, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${code})`))));
  });
}

function summarise(profile: Profile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) => {
    const file = n.callFrame.url.split('/').pop() || '(native)';
    return `${n.callFrame.functionName || '(anonymous)'}  ${file}:${n.callFrame.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    all += dt;
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + dt);
    // Each function on the sampled stack gets the sample once, however deep it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = label(byId.get(at)!);
      if (!seen.has(key)) total.set(key, (total.get(key) ?? 0) + dt);
      seen.add(key);
    }
  });
  const print = (title: string, map: Map<string, number>) => {
    console.log(`\n${title} (of ${all.toFixed(0)} ms sampled)`);
    for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(1).padStart(9)} ms  ${((ms / all) * 100).toFixed(1).padStart(5)} %  ${key}`);
  };
  print('Self time', self);
  print('Total time (with callees)', total);
  // React components by convention start with a capital letter: their total time is what rendering them cost.
  print('Components (total time)', new Map([...total].filter(([key]) => /^[A-Z][A-Za-z0-9]*(\$\d+)? {2}/.test(key))));
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}

/** Rendering work during the gesture from a Chrome trace: time per event name, per thread. */
function summariseTrace(trace: Buffer): void {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const threads = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name' && e.args?.name) threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const interesting = new Set([
    'Layout',
    'UpdateLayoutTree',
    'PrePaint',
    'Paint',
    'Layerize',
    'Commit',
    'HitTest',
    'FunctionCall',
    'EventDispatch',
    'RunMicrotasks',
    'RasterTask',
    'ParseHTML',
    'MajorGC',
    'MinorGC',
    'V8.GC_SCAVENGER',
    'TimerFire',
    'FireAnimationFrame',
    'UpdateLayer',
    'CompositeLayers',
    'PaintImage',
    'Decode Image',
    'ScheduleStyleRecalculation',
  ]);
  const sums = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || !interesting.has(e.name)) continue;
    const key = `${e.name}  [${threads.get(`${e.pid}:${e.tid}`) ?? e.tid}]`;
    sums.set(key, (sums.get(key) ?? 0) + e.dur / 1000);
  }
  console.log('\nTrace: time per event (events nest, e.g. FunctionCall holds the JS of an event handler)');
  for (const [key, ms] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(1).padStart(9)} ms  ${key}`);
}

async function openExport(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.locator('label', { has: page.getByRole('radio', { name: 'White' }) }).click();
  await dialog.locator('label', { has: page.getByRole('radio', { name: '2x' }) }).click();
}

/** The app's Download PNG at 2x, from the click to the download. */
async function exportPng(page: Page): Promise<void> {
  const started = performance.now();
  const button = page.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: 'Download PNG' });
  await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), button.click({ timeout: 300_000 })]);
  console.log(`export: ${(performance.now() - started).toFixed(0)} ms`);
}

async function reportCpuPerStep(page: Page, from: { x: number; y: number }, path: (t: number) => { x: number; y: number }): Promise<void> {
  if (gesture === 'export') throw new Error('--cpu measures pan and drag only');
  const { cpuMs, wallMs, byProcess } = await cpuPerStep(page, from, path, 120);
  const parts = Object.entries(byProcess).map(([type, cpu]) => `${type} ${cpu.toFixed(2)}`);
  console.log(`${which}, ${nodes} nodes, ${gesture}: ${cpuMs.toFixed(2)} ms CPU per step (${parts.join(', ')}); ${wallMs.toFixed(1)} ms wall per step`);
}

async function run(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await page.waitForTimeout(1000);
  const from = gesture === 'pan' ? await emptyPanePoint(page) : await middleNode(page);
  if (gesture === 'export') await openExport(page);
  const path = (t: number) => ({ x: from.x + 160 * Math.sin(2 * Math.PI * t), y: from.y + 90 * (1 - Math.cos(2 * Math.PI * t)) });
  if (process.argv.includes('--cpu')) return reportCpuPerStep(page, from, path);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await startFrames(page);
  const tracing = process.argv.includes('--trace');
  if (tracing)
    await page
      .context()
      .browser()!
      .startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'] });
  else await cdp.send('Profiler.start');
  if (gesture === 'export') await exportPng(page);
  else await mouseGesture(page, from, path, 2000);
  const trace = tracing ? await page.context().browser()!.stopTracing() : undefined;
  const profile = tracing ? undefined : ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile;
  const frames = await stopFrames(page);
  console.log(`${which}, ${nodes} nodes, ${gesture}: frames p50 ${frames.p50.toFixed(1)} ms, p95 ${frames.p95.toFixed(1)} ms, over 16.7 ms ${(frames.over16 * 100).toFixed(0)} %`);
  if (profile) summarise(profile);
  if (trace) summariseTrace(trace);
}

if (!process.argv.includes('--no-build') && !givenDist) await build();
const server = await startOurs({ staticDir: PROFILE_DIST });
const browser = await launchBrowser();
try {
  const board = arg('board', '') === 'template' ? largestTemplate().board : gridBoard(nodes);
  if (which === 'app') {
    const context = await newAppContext(browser, { acceptDownloads: true });
    const page = await context.newPage();
    await importAsNewBoard(page, server.httpUrl, board);
    await run(page);
  } else {
    if (gesture === 'export') throw new Error('--gesture=export profiles the app only');
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript((flow) => {
      (window as unknown as { __BENCH_BOARD__: unknown }).__BENCH_BOARD__ = flow;
    }, toBareFlow(board));
    const page = await context.newPage();
    await page.goto(`${server.httpUrl}/?with=${extras}`);
    await waitDrawn(page);
    await run(page);
  }
} finally {
  await browser.close();
  await server.stop();
}
