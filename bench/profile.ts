import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { gridBoard, largestTemplate } from './lib/boards';
import { cpuPerStep, emptyPanePoint, importAsNewBoard, launchBrowser, middleNode, mouseGesture, newAppContext, openBarePage, startFrames, stopFrames } from './lib/browser';
import { BENCH_DIR, ROOT } from './lib/paths';
import { startOurs } from './lib/servers';
import { summarise, summariseTrace, type Profile } from './lib/profileSummary';

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
  if (profile) summarise(profile, top);
  if (trace) summariseTrace(trace, top);
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
    const { page } = await openBarePage(browser, server.httpUrl, board, `with=${extras}`);
    await run(page);
  }
} finally {
  await browser.close();
  await server.stop();
}
