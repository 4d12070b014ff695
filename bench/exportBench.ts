import { readFile } from 'node:fs/promises';
import type { Browser } from '@playwright/test';
import type { BoardFile } from '../src/shared/format';
import { gridBoard, largestTemplate } from './lib/boards';
import { importAsNewBoard, newAppContext, openBarePage } from './lib/browser';
import { kb, ms, num, table, times } from './lib/format';
import type { BenchServer } from './lib/servers';
import { percentile, ratio } from './lib/stats';
import type { BenchContext, BenchResult } from './types';

/**
 * Benchmark 4, export: the app's own "Download PNG" (Export dialog, white background, 32 px
 * padding) at 2x and 1x, timed from the click to the download, for the largest template and a
 * generated board. Baseline: React Flow's "download image" example (html-to-image toBlob of the
 * viewport, pixelRatio 2) on the bare React Flow page holding the same board as default nodes.
 */
const PADDING = 32;

interface Shot {
  ms: number;
  bytes: number;
  pixels: string;
}

interface ExportRow {
  board: string;
  nodes: number;
  app2x: Shot;
  /** Not in the quick mode. */
  app1x?: Shot;
  bare2x: Shot;
}

const median = (values: number[]) => percentile(Float64Array.from(values).sort(), 50);

function pngSize(bytes: Buffer): string {
  // IHDR: width and height are the first two big-endian words after the 16-byte signature and chunk header.
  return `${bytes.readUInt32BE(16)} x ${bytes.readUInt32BE(20)}`;
}

async function appExports(browser: Browser, server: BenchServer, board: BoardFile, runs: number, quick: boolean): Promise<{ x2: Shot; x1?: Shot }> {
  const context = await newAppContext(browser, { acceptDownloads: true });
  try {
    const page = await context.newPage();
    await importAsNewBoard(page, server.httpUrl, board);
    await page.waitForTimeout(500);
    // The dialog stays open between exports, as for someone exporting twice.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    // The radios are drawn as a segmented control: their labels take the clicks.
    await dialog.locator('label', { has: page.getByRole('radio', { name: 'White' }) }).click();
    const shoot = async (scale: number): Promise<Shot> => {
      await dialog.locator('label', { has: page.getByRole('radio', { name: `${scale}x` }) }).click();
      const button = dialog.getByRole('button', { name: 'Download PNG' });
      const times: number[] = [];
      let bytes = Buffer.alloc(0);
      for (let i = 0; i < runs; i++) {
        await page.waitForFunction((el) => !(el as HTMLButtonElement).disabled, await button.elementHandle(), { timeout: 300_000 });
        const started = performance.now();
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), button.click({ timeout: 300_000 })]);
        const path = await download.path();
        times.push(performance.now() - started);
        bytes = await readFile(path!);
      }
      return { ms: median(times), bytes: bytes.length, pixels: pngSize(bytes) };
    };
    return { x2: await shoot(2), x1: quick ? undefined : await shoot(1) };
  } finally {
    await context.close();
  }
}

async function bareExport(browser: Browser, server: BenchServer, board: BoardFile, runs: number): Promise<Shot> {
  const { context, page } = await openBarePage(browser, server.httpUrl, board);
  try {
    await page.waitForTimeout(500);
    const shots: { ms: number; bytes: number; width: number; height: number }[] = [];
    for (let i = 0; i < runs; i++) {
      shots.push(
        await page.evaluate(
          (padding) => (window as unknown as { bench: { toPng(scale: number, padding: number): Promise<{ ms: number; bytes: number; width: number; height: number }> } }).bench.toPng(2, padding),
          PADDING,
        ),
      );
    }
    return { ms: median(shots.map((s) => s.ms)), bytes: shots[0].bytes, pixels: `${shots[0].width} x ${shots[0].height}` };
  } finally {
    await context.close();
  }
}

export async function exportBenchmark(ctx: BenchContext): Promise<BenchResult> {
  const runs = ctx.quick ? 1 : 3;
  const template = largestTemplate();
  const generated = gridBoard(ctx.quick ? 20 : 500);
  // The quick mode exports one small board: a template export alone takes tens of seconds on a busy CI machine.
  const boards = [...(ctx.quick ? [] : [{ label: `largest template (${template.file})`, board: template.board }]), { label: `generated, ${num(generated.nodes.length)} nodes`, board: generated }];
  const { browser, app, bare } = await ctx.browserEnv();
  const rows: ExportRow[] = [];
  for (const { label, board } of boards) {
    ctx.log(`export: ${label}`);
    const shots = await appExports(browser, app, board, runs, ctx.quick);
    const bare2x = await bareExport(browser, bare, board, runs);
    rows.push({ board: label, nodes: board.nodes.length, app2x: shots.x2, app1x: shots.x1, bare2x });
  }
  const body = table(
    ['board', 'app 2x: time', 'size', 'pixels', 'bare React Flow 2x: time', 'size', 'time ratio', 'app 1x: time', 'size'],
    rows.map((r) => [
      `${r.board}, ${num(r.nodes)} nodes`,
      ms(r.app2x.ms, 0),
      kb(r.app2x.bytes),
      r.app2x.pixels,
      ms(r.bare2x.ms, 0),
      kb(r.bare2x.bytes),
      times(ratio(r.app2x.ms, r.bare2x.ms)),
      r.app1x ? ms(r.app1x.ms, 0) : 'not run',
      r.app1x ? kb(r.app1x.bytes) : 'not run',
    ]),
  );
  const largest = rows.find((r) => r.board.startsWith('largest template'));
  return {
    id: 'export',
    title: '4. Export',
    markdown: [
      `The app's Export dialog, "Download PNG", white background, ${PADDING} px padding: time from the click to the browser's download ` +
        `(median of ${runs}), and the file (which carries the board in a tEXt chunk). Baseline: React Flow's "download image" example ` +
        '(getNodesBounds, getViewportForBounds, html-to-image 1.11.11 toBlob of the viewport at pixelRatio 2) on the bare React Flow ' +
        'page holding the same board as default nodes. The app does not use html-to-image: it draws a copy of the viewport styled by ' +
        "the page's own style sheets (src/export/snapshot.ts), with edge-aware bounds, a blank-canvas check, the interface chrome left out " +
        'and the board in a tEXt chunk, and its node markup is richer. The 1x column is the app at half the resolution.',
      '',
      body,
    ].join('\n'),
    targets: [
      {
        target: 'PNG export (2x) of the largest template under 1 s',
        figure: largest ? `${ms(largest.app2x.ms, 0)} (${template.file}, ${num(largest.nodes)} nodes)` : 'not run',
        met: largest ? largest.app2x.ms < 1000 : null,
      },
    ],
    raw: rows,
  };
}
