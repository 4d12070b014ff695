import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { BoardFile } from '../../src/shared/format';
import { toBareFlow } from './boards';
import { shareAbove, summarize } from './stats';

/**
 * Headless Chromium (Debian's, as the e2e tests use it) and what the browser benchmarks do in a
 * page: put a board into the app through its Import dialog, wait until every node is drawn, and
 * record frame times with requestAnimationFrame while the mouse pans or drags.
 */
export const VIEWPORT = { width: 1440, height: 900 };
const FRAME_BUDGET_MS = 1000 / 60;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * A fresh browser context (empty cache and storage) for the app, as someone who has used it
 * before: their name is remembered, so boards open without the "Join the board" dialog.
 */
export async function newAppContext(browser: Browser, options: { acceptDownloads?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, ...options });
  await context.addInitScript(() => localStorage.setItem('mldb.profile', JSON.stringify({ name: 'Bench', role: 'solo' })));
  return context;
}

/** A new board from the server: its link with the interviewer token, as "New board" gives. */
export async function newBoardLink(httpUrl: string): Promise<string> {
  const response = await fetch(`${httpUrl}/api/boards`, { method: 'POST' });
  const { boardId, tokens } = (await response.json()) as { boardId: string; tokens: { interviewer: string } };
  return `${httpUrl}/b/${boardId}?token=${encodeURIComponent(tokens.interviewer)}`;
}

/** A new board from the server, opened in `page`. */
export async function openNewBoard(page: Page, httpUrl: string): Promise<string> {
  const url = await newBoardLink(httpUrl);
  await page.goto(url);
  await page.locator('.react-flow__renderer').waitFor();
  return url;
}

/**
 * Imports `board` through the app's Import dialog as a new board (its document is written by the
 * binding and kept in the browser and, through the collaboration provider, the server) and
 * returns the new board's URL once the nodes in view are drawn.
 */
export async function importAsNewBoard(page: Page, httpUrl: string, board: BoardFile): Promise<string> {
  const before = await openNewBoard(page, httpUrl);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByTestId('import-file-input').setInputFiles({ name: 'bench.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(board)) });
  await dialog.getByRole('button', { name: 'Open as a new board' }).click();
  await page.waitForURL((url) => url.href !== before, { timeout: 60_000 });
  await waitDrawn(page);
  return page.url();
}

/** Frames in a row the drawn nodes must stay the same to count as settled. */
const SETTLED_FRAMES = 5;

/** A context for the bare React Flow page (bench/baseline): every page opened in it shows `board`. */
export async function bareContext(browser: Browser, board: BoardFile): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript((flow) => {
    (window as unknown as { __BENCH_BOARD__: unknown }).__BENCH_BOARD__ = flow;
  }, toBareFlow(board));
  return context;
}

/** The bare React Flow page showing `board`, drawn, in a context of its own; `query` holds the page's options (`w=..&h=..`, `with=..`). */
export async function openBarePage(browser: Browser, httpUrl: string, board: BoardFile, query = ''): Promise<{ context: BrowserContext; page: Page }> {
  const context = await bareContext(browser, board);
  const page = await context.newPage();
  await page.goto(query ? `${httpUrl}/?${query}` : httpUrl);
  await waitDrawn(page);
  return { context, page };
}

/**
 * Waits until the nodes in view are drawn: at least one node is in the DOM, none is still hidden
 * (React Flow draws a node hidden until it has measured it), and their number has not changed for
 * SETTLED_FRAMES frames (the app renders only the nodes in view, and fitView changes the view once
 * the nodes are measured), polling every animation frame. Gives the page's performance.now() at
 * the first of those frames, i.e. milliseconds since the navigation started.
 */
export async function waitDrawn(page: Page, timeout = 120_000): Promise<number> {
  await page.evaluate(() => {
    (window as unknown as { __drawn?: unknown }).__drawn = undefined;
  });
  const handle = await page.waitForFunction(
    (settled) => {
      const w = window as unknown as { __drawn?: { count: number; since: number; frames: number } };
      const nodes = document.querySelectorAll('.react-flow__node');
      let count = nodes.length;
      for (const node of nodes) if ((node as HTMLElement).style.visibility === 'hidden') count = 0;
      if (!count) {
        w.__drawn = undefined;
        return false;
      }
      if (w.__drawn?.count !== count) w.__drawn = { count, since: performance.now(), frames: 0 };
      return ++w.__drawn.frames >= settled ? w.__drawn.since : false;
    },
    SETTLED_FRAMES,
    { polling: 'raf', timeout },
  );
  return (await handle.jsonValue()) as number;
}

export interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  /** Share of frames longer than one 60 Hz frame (16.7 ms). */
  over16: number;
}

/**
 * Starts collecting requestAnimationFrame deltas in the page. (Page code that defines named
 * functions goes in as a string: tsx would wrap them in a helper the page does not have.)
 */
const FRAME_COLLECTOR = `(() => {
  window.__frames = [];
  window.__framesOn = true;
  let last = 0;
  const tick = (t) => {
    if (!window.__framesOn) return;
    if (last) window.__frames.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(FRAME_COLLECTOR);
}

export async function stopFrames(page: Page): Promise<FrameStats> {
  const deltas = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framesOn: boolean };
    w.__framesOn = false;
    return w.__frames;
  });
  const s = summarize(deltas);
  return { frames: s.count, p50: s.p50, p95: s.p95, max: s.max, over16: shareAbove(deltas, FRAME_BUDGET_MS + 0.5) };
}

/**
 * Holds the left button at `from` and moves the mouse along `path(t)` (t from 0 to 1) for
 * `durationMs`, one move every 16 ms like a 60 Hz pointer: moves are sent on time whether or not
 * the page has handled the previous ones (the browser queues and coalesces them, as it does real
 * input), and the button is released once all have been taken.
 */
export async function mouseGesture(page: Page, from: { x: number; y: number }, path: (t: number) => { x: number; y: number }, durationMs: number): Promise<number> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const started = performance.now();
  const sent: Promise<void>[] = [];
  for (;;) {
    const elapsed = performance.now() - started;
    if (elapsed >= durationMs) break;
    const p = path(elapsed / durationMs);
    sent.push(page.mouse.move(p.x, p.y));
    const wait = sent.length * 16 - (performance.now() - started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await Promise.all(sent);
  await page.mouse.up();
  return sent.length;
}

export interface GestureCpu {
  /** Browser CPU (all its processes) per gesture step, ms. */
  cpuMs: number;
  /** Wall time per step, ms. */
  wallMs: number;
  /** CPU per step by process type (renderer, GPU, browser, ...), ms. */
  byProcess: Record<string, number>;
}

/**
 * CPU time the browser (all its processes: renderer with its raster threads, GPU/display, browser)
 * spends per gesture step, each step awaited and followed by a frame: a cost that a busy machine
 * changes much less than it changes frame times, so two pages compare fairly on a shared machine.
 */
export async function cpuPerStep(page: Page, from: { x: number; y: number }, path: (t: number) => { x: number; y: number }, steps: number): Promise<GestureCpu> {
  const session = await page.context().browser()!.newBrowserCDPSession();
  type Info = { processInfo: { type: string; cpuTime: number }[] };
  const read = async () => {
    const info = (await session.send('SystemInfo.getProcessInfo' as never)) as unknown as Info;
    const byType = new Map<string, number>();
    for (const p of info.processInfo) byType.set(p.type, (byType.get(p.type) ?? 0) + p.cpuTime);
    return byType;
  };
  const frame = () => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
  try {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    const before = await read();
    const started = performance.now();
    for (let i = 1; i <= steps; i++) {
      const p = path(i / steps);
      await page.mouse.move(p.x, p.y);
      await frame();
    }
    const after = await read();
    const wallMs = (performance.now() - started) / steps;
    await page.mouse.up();
    const byProcess = Object.fromEntries([...after].map(([type, cpu]) => [type, ((cpu - (before.get(type) ?? 0)) * 1000) / steps]));
    const cpuMs = Object.values(byProcess).reduce((sum, value) => sum + value, 0);
    return { cpuMs, wallMs, byProcess };
  } finally {
    await session.detach();
  }
}

/**
 * A point where the pane itself (no node, edge or panel) is under the pointer, as near the middle
 * of the canvas as possible: rings of growing radius around the centre, first hit wins.
 */
export async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const box = document.querySelector('.react-flow')!.getBoundingClientRect();
    const cx = box.left + box.width / 2;
    const cy = box.top + box.height / 2;
    for (let r = 0; r < Math.min(box.width, box.height) / 2 - 10; r += 3) {
      const steps = Math.max(1, Math.round((2 * Math.PI * r) / 3));
      for (let i = 0; i < steps; i++) {
        const x = cx + r * Math.cos((2 * Math.PI * i) / steps);
        const y = cy + r * Math.sin((2 * Math.PI * i) / steps);
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  });
  if (!point) throw new Error('No empty spot on the canvas to pan from');
  return point;
}

/** The centre of the node drawn nearest the middle of the canvas, and the canvas box. */
export async function middleNode(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const box = document.querySelector('.react-flow')!.getBoundingClientRect();
    const cx = box.left + box.width / 2;
    const cy = box.top + box.height / 2;
    let best = { x: cx, y: cy, d: Infinity };
    for (const node of document.querySelectorAll('.react-flow__node')) {
      const r = node.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const d = Math.hypot(x - cx, y - cy);
      if (d < best.d && document.elementFromPoint(x, y)?.closest('.react-flow__node') === node) best = { x, y, d };
    }
    return { x: best.x, y: best.y };
  });
}
