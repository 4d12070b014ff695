import { chromium, type Browser, type Page } from '@playwright/test';
import type { BoardFile } from '../../src/doc/format';
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

/** A new board from the server, opened in `page` (interviewer token, as "New board" gives). */
export async function openNewBoard(page: Page, httpUrl: string): Promise<string> {
  const response = await fetch(`${httpUrl}/api/boards`, { method: 'POST' });
  const { boardId, tokens } = (await response.json()) as { boardId: string; tokens: { interviewer: string } };
  const url = `${httpUrl}/b/${boardId}?token=${encodeURIComponent(tokens.interviewer)}`;
  await page.goto(url);
  await page.locator('.react-flow__renderer').waitFor();
  return url;
}

/**
 * Imports `board` through the app's Import dialog as a new board (its document is written by the
 * binding and kept in the browser and, through the collaboration provider, the server) and
 * returns the new board's URL once every node is drawn.
 */
export async function importAsNewBoard(page: Page, httpUrl: string, board: BoardFile): Promise<string> {
  const before = await openNewBoard(page, httpUrl);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByTestId('import-file-input').setInputFiles({ name: 'bench.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(board)) });
  await dialog.getByRole('button', { name: 'Open as a new board' }).click();
  await page.waitForURL((url) => url.href !== before, { timeout: 60_000 });
  await waitAllDrawn(page, board.nodes.length);
  return page.url();
}

/**
 * Waits until `count` nodes are in the DOM and none is still hidden (React Flow draws a node
 * hidden until it has measured it), polling every animation frame; gives the page's
 * performance.now() at that frame, i.e. milliseconds since the navigation started.
 */
export async function waitAllDrawn(page: Page, count: number, timeout = 120_000): Promise<number> {
  const handle = await page.waitForFunction(
    (n) => {
      const nodes = document.querySelectorAll('.react-flow__node');
      if (nodes.length < n) return false;
      for (const node of nodes) if ((node as HTMLElement).style.visibility === 'hidden') return false;
      return performance.now();
    },
    count,
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

/** Starts collecting requestAnimationFrame deltas in the page. */
export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framesOn: boolean };
    w.__frames = [];
    w.__framesOn = true;
    let last = 0;
    const tick = (t: number) => {
      if (!w.__framesOn) return;
      if (last) w.__frames.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
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
 * `durationMs`, one move per 16 ms (each move waits for the page to take the event, as a real
 * pointer's events queue behind a busy page).
 */
export async function mouseGesture(page: Page, from: { x: number; y: number }, path: (t: number) => { x: number; y: number }, durationMs: number): Promise<number> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const started = performance.now();
  let moves = 0;
  for (;;) {
    const elapsed = performance.now() - started;
    if (elapsed >= durationMs) break;
    const p = path(elapsed / durationMs);
    await page.mouse.move(p.x, p.y);
    moves++;
    const wait = (moves * 16) - (performance.now() - started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await page.mouse.up();
  return moves;
}

/** A point of the canvas where the pane itself (no node, edge or panel) is under the pointer, near the middle. */
export async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const box = document.querySelector('.react-flow')!.getBoundingClientRect();
    const cx = box.left + box.width / 2;
    const cy = box.top + box.height / 2;
    let best: { x: number; y: number; d: number } | null = null;
    for (let x = box.left + 10; x < box.right - 10; x += 4) {
      for (let y = box.top + 10; y < box.bottom - 10; y += 4) {
        const element = document.elementFromPoint(x, y);
        if (!element?.classList.contains('react-flow__pane')) continue;
        const d = Math.hypot(x - cx, y - cy);
        if (!best || d < best.d) best = { x, y, d };
      }
    }
    return best;
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
