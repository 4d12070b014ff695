import type { Page } from '@playwright/test';
import { gridBoard } from './lib/boards';
import { cpuPerStep, emptyPanePoint, importAsNewBoard, launchBrowser, middleNode, mouseGesture, newAppContext, openBarePage, startFrames, stopFrames } from './lib/browser';
import { startOurs, type BenchServer } from './lib/servers';

/**
 * Builds of the app side by side with the bare React Flow page on one canvas gesture: browser CPU
 * per step (each step awaited, as the canvas benchmark measures it) and the frame p95 of a gesture
 * sent on time, the pages taken in turn within each round and the order rotated between rounds, so
 * a busy machine weighs on every page alike.
 *
 *   npx tsx bench/canvasAb.ts --bare=<baseline build> --app=<name>=<build>[@<checkout for its server>] [--app=...] [--nodes=100,500] [--gesture=drag|pan] [--rounds=3] [--steps=60]
 *
 * Builds are production builds (`npx vite build --outDir <dir>`; the baseline with
 * `--config bench/baseline/vite.config.ts`). Not part of `npm run bench`: a tool to tell whether a
 * change to the canvas pays.
 */
const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const bareDist = arg('bare', '');
const apps = args
  .filter((a) => a.startsWith('--app='))
  .map((a) => {
    const [name, rest] = a.slice('--app='.length).split(/=(.*)/s);
    const [dist, cwd] = rest!.split('@');
    return { name: name!, dist: dist!, cwd };
  });
/** --css=<name>=<style sheet>: injected into that app page once its board is drawn (to try switching a part off). */
const styles = new Map(args.filter((a) => a.startsWith('--css=')).map((a) => a.slice('--css='.length).split(/=(.*)/s) as [string, string]));
const nodeCounts = arg('nodes', '100,500').split(',').map(Number);
const gestureName = arg('gesture', 'drag');
const rounds = Number(arg('rounds', '3'));
const steps = Number(arg('steps', '60'));
if (!bareDist || !apps.length) throw new Error('usage: --bare=<dist> --app=<name>=<dist>[@<checkout>] ...');

const panPath = (from: { x: number; y: number }) => (t: number) => ({ x: from.x + 240 * Math.sin(2 * Math.PI * t), y: from.y + 60 * Math.sin(4 * Math.PI * t) });
const dragPath = (from: { x: number; y: number }) => (t: number) => ({ x: from.x + 160 * Math.sin(2 * Math.PI * t), y: from.y + 90 * (1 - Math.cos(2 * Math.PI * t)) });

const browser = await launchBrowser();
const servers = new Map<string, BenchServer>();
servers.set('bare', await startOurs({ staticDir: bareDist }));
for (const app of apps) servers.set(app.name, await startOurs({ staticDir: app.dist, cwd: app.cwd }));
const pages = ['bare', ...apps.map((a) => a.name)];

/** The gesture on a page settled after opening: frames of a two-second gesture, then CPU per awaited step. */
async function measure(page: Page): Promise<{ cpu: number; p95: number }> {
  await page.waitForTimeout(1_000);
  const from = gestureName === 'pan' ? await emptyPanePoint(page) : await middleNode(page);
  const path = gestureName === 'pan' ? panPath(from) : dragPath(from);
  await startFrames(page);
  await mouseGesture(page, from, path, 2_000);
  const frames = await stopFrames(page);
  await page.waitForTimeout(1_000);
  const { cpuMs } = await cpuPerStep(page, from, path, steps);
  return { cpu: cpuMs, p95: frames.p95 };
}

async function open(name: string, nodes: number): Promise<{ page: Page; close: () => Promise<void> }> {
  const server = servers.get(name)!;
  if (name === 'bare') {
    // The app's canvas size (beside its panels at this viewport), as the canvas benchmark gives it.
    const { context, page } = await openBarePage(browser, server.httpUrl, gridBoard(nodes), `w=${canvasSize.width}&h=${canvasSize.height}`);
    return { page, close: () => context.close() };
  }
  const context = await newAppContext(browser);
  const page = await context.newPage();
  await importAsNewBoard(page, server.httpUrl, gridBoard(nodes));
  const css = styles.get(name);
  if (css) await page.addStyleTag({ content: css });
  const box = (await page.locator('.react-flow').boundingBox())!;
  canvasSize = { width: Math.round(box.width), height: Math.round(box.height) };
  return { page, close: () => context.close() };
}

let canvasSize = { width: 1100, height: 800 };
const results = new Map<string, { cpu: number[]; p95: number[] }>();
try {
  for (let round = 0; round < rounds; round++) {
    for (const nodes of nodeCounts) {
      // Rotated each round; the bare page never first, so it has the app's canvas size.
      const order = [...apps.map((a) => a.name)];
      for (let i = 0; i < round % order.length; i++) order.push(order.shift()!);
      order.splice(1 + (round % order.length), 0, 'bare');
      const line: string[] = [];
      for (const name of order) {
        const { page, close } = await open(name, nodes);
        try {
          const { cpu, p95 } = await measure(page);
          const key = `${nodes} ${name}`;
          const entry = results.get(key) ?? { cpu: [], p95: [] };
          entry.cpu.push(cpu);
          entry.p95.push(p95);
          results.set(key, entry);
          line.push(`${name} ${cpu.toFixed(1)} ms (p95 ${p95.toFixed(1)})`);
        } finally {
          await close();
        }
      }
      const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
      console.log(`round ${round + 1}, ${nodes} nodes, ${gestureName}, load ${load}: ${line.join(', ')}`);
    }
  }
  for (const nodes of nodeCounts) {
    const bare = results.get(`${nodes} bare`)!;
    for (const name of pages.slice(1)) {
      const app = results.get(`${nodes} ${name}`)!;
      const cpuRatios = app.cpu.map((c, i) => (c / bare.cpu[i]!).toFixed(2) + 'x');
      const p95Ratios = app.p95.map((p, i) => (p / bare.p95[i]!).toFixed(2) + 'x');
      console.log(`${nodes} nodes, ${name} against bare, per round: CPU ${cpuRatios.join(' / ')}, frame p95 ${p95Ratios.join(' / ')}`);
    }
  }
} finally {
  await browser.close();
  await Promise.all([...servers.values()].map((s) => s.stop()));
}
