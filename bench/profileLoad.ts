import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { launchBrowser, newAppContext, newBoardLink } from './lib/browser';
import { startOurs } from './lib/servers';

/**
 * Where the way from navigation to an interactive board goes: a Chrome trace of a new board opened
 * from its link in a fresh context (as bench/load.ts times it), printed as a timeline in the page's
 * clock (ms since navigation): the requests (sent, finished) and the main thread's work of 2 ms or
 * more (script compile and evaluation, tasks, rendering), up to the frame with the React Flow pane
 * and the palette's buttons.
 *
 *   npx tsx bench/profileLoad.ts --dist=<built app> [--loads=3] [--min=2]
 */
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const dist = arg('dist', '');
if (!dist) throw new Error('usage: npx tsx bench/profileLoad.ts --dist=<built app> [--loads=3] [--min=2]');
const loads = Number(arg('loads', '3'));
const minMs = Number(arg('min', '2'));
const cpu = process.argv.includes('--cpu');

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const maps = new Map<string, TraceMap | null>();
function sourceOf(url: string, line: number, column: number): string {
  if (!url.includes('/assets/')) return url ? short(url) : '(native)';
  const file = short(url).replace('?…', '');
  if (!maps.has(file)) {
    try {
      maps.set(file, new TraceMap(readFileSync(join(dist, `${file}.map`), 'utf8')));
    } catch {
      maps.set(file, null);
    }
  }
  const map = maps.get(file);
  const source = map ? originalPositionFor(map, { line: line + 1, column }).source : null;
  if (!source) return file;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  return pkg ? pkg[1] : source.replace(/^.*?\/src\//, 'src/');
}

/** Self time by source file (packages whole) in each window of the load, from the JS profile. */
function cpuWindows(profile: CpuProfile, navTs: number, marks: [string, number][]): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const windows = marks.map(([name]) => ({ name, sums: new Map<string, number>(), inclusive: new Map<string, number>() }));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const where = (id: number) => {
    const f = byId.get(id)!;
    const source = f.url ? sourceOf(f.url, f.lineNumber, f.columnNumber) : f.functionName;
    return source.startsWith('src/') ? `${source} ${f.functionName}` : source;
  };
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const at = (t - navTs) / 1000;
    const w = marks.findIndex(([, end]) => at <= end);
    if (w < 0) continue;
    const frame = byId.get(profile.samples[i])!;
    if (frame.functionName === '(idle)') continue;
    const key = frame.url ? sourceOf(frame.url, frame.lineNumber, frame.columnNumber) : frame.functionName;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    windows[w].sums.set(key, (windows[w].sums.get(key) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) seen.add(where(id));
    for (const k of seen) windows[w].inclusive.set(k, (windows[w].inclusive.get(k) ?? 0) + dt);
  }
  let from = 0;
  for (const [index, { name, sums, inclusive }] of windows.entries()) {
    const total = [...sums.values()].reduce((a, b) => a + b, 0);
    console.log(`\n  ${name} (${from.toFixed(0)}-${marks[index][1].toFixed(0)} ms): ${total.toFixed(1)} ms of samples`);
    for (const [key, ms] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`    ${ms.toFixed(1).padStart(7)} ms  ${key}`);
    const app = [...inclusive].filter(([k]) => k.startsWith('src/')).sort((a, b) => b[1] - a[1]);
    console.log('    app code, including what it calls:');
    for (const [key, ms] of app.slice(0, 25)) console.log(`    ${ms.toFixed(1).padStart(7)} ms  ${key}`);
    from = marks[index][1];
  }
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; requestId?: string; functionName?: string; frame?: string } };
}

const SHOWN = new Set([
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'FunctionCall',
  'ParseHTML',
  'TimerFire',
  'FireAnimationFrame',
  'RunMicrotasks',
  'Layout',
  'UpdateLayoutTree',
  'Paint',
  'PrePaint',
  'Layerize',
  'MajorGC',
  'MinorGC',
  'EventDispatch',
  'XHRReadyStateChange',
  'ParseAuthorStyleSheet',
  'HitTest',
]);

const short = (url = '') => url.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*/, '?…');

async function readyAt(page: Page): Promise<number> {
  const selectors = ['.react-flow__pane', '[aria-label="Node palette"] button'];
  const handle = await page.waitForFunction((list) => (list.every((s) => document.querySelector(s)) ? performance.now() : false), selectors, { polling: 'raf', timeout: 60_000 });
  return (await handle.jsonValue()) as number;
}

function timeline(trace: Buffer, ready: number): { navTs: number; events: TraceEvent[] } {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const nav = events.find(
    (e) => e.name === 'navigationStart' && e.args?.data && 'documentLoaderURL' in (e.args.data as object) && String((e.args.data as { documentLoaderURL?: string }).documentLoaderURL).includes('/b/'),
  );
  if (!nav) throw new Error('no navigationStart for the board in the trace');
  const pid = nav.pid;
  const main = events.find((e) => e.pid === pid && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')!.tid;
  const at = (ts: number) => (ts - nav.ts) / 1000;
  const rows: [number, string][] = [];
  const sent = new Map<string, TraceEvent>();
  for (const e of events) {
    if (e.name === 'ResourceSendRequest' && e.args?.data?.requestId) sent.set(e.args.data.requestId, e);
    if (e.name === 'ResourceFinish' && e.args?.data?.requestId) {
      const s = sent.get(e.args.data.requestId);
      if (s) rows.push([at(s.ts), `  request ${short(s.args?.data?.url)} -> finished ${at(e.ts).toFixed(1)}`]);
    }
  }
  const stack: number[] = [];
  for (const e of events.filter((e) => e.pid === pid && e.tid === main && e.ph === 'X').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))) {
    while (stack.length && stack.at(-1)! <= e.ts) stack.pop();
    const depth = stack.length;
    stack.push(e.ts + (e.dur ?? 0));
    const ms = (e.dur ?? 0) / 1000;
    if (ms < minMs || !(SHOWN.has(e.name) || depth === 0)) continue;
    const what = short(e.args?.data?.url) || e.args?.data?.functionName || '';
    rows.push([at(e.ts), `${'  '.repeat(depth)}${e.name} ${ms.toFixed(1)} ms ${what}`]);
  }
  for (const [t, text] of rows.sort((a, b) => a[0] - b[0])) if (t <= ready + 5) console.log(`${t.toFixed(1).padStart(8)}  ${text}`);
  console.log(`${ready.toFixed(1).padStart(8)}  READY (pane and palette in the frame)`);
  return { navTs: nav.ts, events };
}

/** Per load: from the end of the app chunk's evaluation to the interactive frame (the part the first script and the early session shorten). */
const afterEvaluation: number[] = [];
const browser = await launchBrowser();
const app = await startOurs({ staticDir: dist });
try {
  for (let i = 0; i < loads; i++) {
    const context = await newAppContext(browser);
    const page = await context.newPage();
    const link = await newBoardLink(app.httpUrl);
    const cdp = await context.newCDPSession(page);
    if (cpu) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing', 'loading'] });
    await page.goto(link, { waitUntil: 'commit' });
    const ready = await readyAt(page);
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name} ${m.startTime.toFixed(1)}`));
    console.log(`marks: ${marks.join(', ')}`);
    await page.waitForTimeout(200);
    const trace = await browser.stopTracing();
    console.log(`\n=== load ${i + 1}: ready at ${ready.toFixed(1)} ms`);
    const { navTs, events } = timeline(trace, ready);
    const evaluated = events.find((e) => e.name === 'v8.evaluateModule' && e.ts > navTs && (e.dur ?? 0) > 10_000);
    if (evaluated) afterEvaluation.push(ready - (evaluated.ts + evaluated.dur! - navTs) / 1000);
    if (cpu) {
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      const evalModule = events.find((e) => e.name === 'v8.evaluateModule' && e.ts > navTs && (e.dur ?? 0) > 10_000);
      const accessSent = events.find((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url?.includes('/access'));
      const at = (e?: TraceEvent, end = false) => (e ? (e.ts + (end ? (e.dur ?? 0) : 0) - navTs) / 1000 : 0);
      cpuWindows(profile, navTs, [
        ['before module evaluation', at(evalModule)],
        ['module evaluation, before the access request', at(accessSent)],
        ['module evaluation, after the access request', at(evalModule, true)],
        ['after module evaluation, up to ready', ready],
      ]);
    }
    await context.close();
  }
  const sorted = [...afterEvaluation].sort((a, b) => a - b);
  console.log(`\nfrom the end of the app chunk's evaluation to ready, ms: median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)}; ${afterEvaluation.map((t) => t.toFixed(1)).join(' ')}`);
} finally {
  await browser.close();
  await app.stop();
}
