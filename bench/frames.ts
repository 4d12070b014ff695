import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { gridBoard } from './lib/boards';
import { emptyPanePoint, importAsNewBoard, launchBrowser, middleNode, mouseGesture, newAppContext, openBarePage, startFrames, stopFrames } from './lib/browser';
import { startOurs } from './lib/servers';

/**
 * Which frames of a canvas gesture are late and what fills them: a Chrome trace of the canvas
 * benchmark's two-second pan or drag (one mouse move per 16 ms), and for the renderer's main thread
 * each task over a budget with its parts (style, layout, paint, layerize, hit tests, script), beside
 * the page's requestAnimationFrame deltas.
 *
 *   npx tsx bench/frames.ts --dist=<build> [--page=app|bare] [--nodes=500] [--gesture=pan|drag] [--over=8] [--out=<trace.json>] [--css=<style sheet>] [--detail]
 *
 * Also the display compositor's work per drawn frame (software compositing here: quads drawn and
 * their time). --detail adds the disabled-by-default timeline categories (layerize and paint in
 * detail, and the raster tasks: tiles drawn and their time; tracing then costs much more of each frame).
 * The bare page gets a 848 x 848 canvas (the app's at 1440 x 900) unless --canvas=<w>x<h>. Not part
 * of `npm run bench`: a tool for finding what makes a frame late.
 */
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const dist = arg('dist', '');
const which = arg('page', 'app');
const nodes = Number(arg('nodes', '500'));
const gesture = arg('gesture', 'pan');
const over = Number(arg('over', '8'));
const out = arg('out', '');
/** --css=<style sheet>: injected into the page once its board is drawn (to see what switching a part off does). */
const css = process.argv.find((a) => a.startsWith('--css='))?.slice('--css='.length);
const [canvasW, canvasH] = arg('canvas', '848x848').split('x').map(Number);
if (!dist) throw new Error('usage: --dist=<build> [--page=app|bare] [--nodes=500] [--gesture=pan|drag]');

const panPath = (from: { x: number; y: number }) => (t: number) => ({ x: from.x + 240 * Math.sin(2 * Math.PI * t), y: from.y + 60 * Math.sin(4 * Math.PI * t) });
const dragPath = (from: { x: number; y: number }) => (t: number) => ({ x: from.x + 160 * Math.sin(2 * Math.PI * t), y: from.y + 90 * (1 - Math.cos(2 * Math.PI * t)) });

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

const PARTS = [
  'FunctionCall',
  'EventDispatch',
  'FireAnimationFrame',
  'TimerFire',
  'RunMicrotasks',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'HitTest',
  'MinorGC',
  'MajorGC',
  'IntersectionObserverController::computeIntersections',
  'ResizeObserverController::DeliverObservations',
];

function analyse(trace: Buffer): void {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const threads = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name' && e.args?.name) threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const mainKeys = [...threads].filter(([, name]) => name === 'CrRendererMain').map(([key]) => key);
  // The renderer main thread with the most work is the page's.
  const on = (key: string) => events.filter((e) => `${e.pid}:${e.tid}` === key && e.ph === 'X' && e.dur);
  const main = mainKeys.map(on).sort((a, b) => b.length - a.length)[0]!;
  const tasks = main.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);
  const top = tasks.filter((t, i) => !tasks.slice(Math.max(0, i - 3), i).some((p) => p.ts <= t.ts && p.ts + p.dur! >= t.ts + t.dur!));
  const start = top[0]?.ts ?? 0;
  const long = top.filter((t) => t.dur! / 1000 >= over);
  const partsOf = (t: TraceEvent) => {
    const sums = new Map<string, number>();
    for (const e of main) if (PARTS.includes(e.name) && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur!) sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur! / 1000);
    return [...sums]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ');
  };
  const total = top.reduce((s, t) => s + t.dur! / 1000, 0);
  const span = top.length ? (top.at(-1)!.ts + top.at(-1)!.dur! - start) / 1000 : 0;
  console.log(`main thread: ${top.length} tasks, busy ${total.toFixed(0)} of ${span.toFixed(0)} ms; ${long.length} tasks of ${over} ms or more:`);
  for (const t of long) console.log(`  at ${((t.ts - start) / 1000).toFixed(0).padStart(5)} ms  ${(t.dur! / 1000).toFixed(1).padStart(5)} ms: ${partsOf(t)}`);
  // Whole gesture, parts summed (nested events are counted in each of their parents' names).
  const sums = new Map<string, number>();
  for (const e of main) if (PARTS.includes(e.name)) sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur! / 1000);
  console.log(
    `whole gesture: ${[...sums]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ')}`,
  );
  const byThread = new Map<string, number>();
  for (const e of events)
    if (e.ph === 'X' && e.dur && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')) {
      const name = threads.get(`${e.pid}:${e.tid}`) ?? String(e.tid);
      byThread.set(name, (byThread.get(name) ?? 0) + e.dur / 1000);
    }
  const drawn = events.filter((e) => e.ph === 'X' && e.name === 'Display::DrawAndSwap').length;
  const quads = events.filter((e) => e.ph === 'X' && e.name === 'SoftwareRenderer::DoDrawQuad');
  const quadMs = quads.reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
  if (drawn) console.log(`display compositor: ${drawn} frames drawn, ${(quads.length / drawn).toFixed(1)} quads and ${(quadMs / drawn).toFixed(2)} ms of quads a frame`);
  const raster = events.filter((e) => e.ph === 'X' && e.name === 'RasterTask');
  if (raster.length) console.log(`raster (with --detail): ${raster.length} tiles, ${raster.reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0).toFixed(0)} ms`);
  console.log(
    `tasks by thread (ms, nested counted twice): ${[...byThread]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ')}`,
  );
}

async function run(page: Page): Promise<void> {
  if (css) await page.addStyleTag({ content: css });
  await page.waitForTimeout(1000);
  const counts = await page.evaluate(() => ({
    nodes: document.querySelectorAll('.react-flow__node').length,
    edges: document.querySelectorAll('.react-flow__edge').length,
    elements: document.querySelectorAll('*').length,
  }));
  console.log(`${which}, ${nodes} nodes, ${gesture}: ${counts.nodes} nodes and ${counts.edges} edges in the DOM, ${counts.elements} elements`);
  const from = gesture === 'pan' ? await emptyPanePoint(page) : await middleNode(page);
  const path = gesture === 'pan' ? panPath(from) : dragPath(from);
  const browser = page.context().browser()!;
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'toplevel', 'viz', ...(process.argv.includes('--detail') ? ['disabled-by-default-devtools.timeline', 'v8'] : [])],
  });
  await startFrames(page);
  await mouseGesture(page, from, path, 2000);
  const frames = await stopFrames(page);
  const trace = await browser.stopTracing();
  if (out) writeFileSync(out, trace);
  const deltas = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames.map((d) => Math.round(d)));
  console.log(`frames p50 ${frames.p50.toFixed(1)} p95 ${frames.p95.toFixed(1)}, late ${(frames.over16 * 100).toFixed(0)} %: ${deltas.join(' ')}`);
  analyse(trace);
}

const server = await startOurs({ staticDir: dist });
const browser = await launchBrowser();
try {
  if (which === 'app') {
    const context = await newAppContext(browser);
    const page = await context.newPage();
    await importAsNewBoard(page, server.httpUrl, gridBoard(nodes));
    await run(page);
  } else {
    const { page } = await openBarePage(browser, server.httpUrl, gridBoard(nodes), `w=${canvasW}&h=${canvasH}`);
    await run(page);
  }
} finally {
  await browser.close();
  await server.stop();
}
