import type { Page } from '@playwright/test';
import { launchBrowser, newAppContext, newBoardLink, VIEWPORT } from './lib/browser';
import { BASELINE_DIST } from './lib/paths';
import { startOurs } from './lib/servers';
import { percentile } from './lib/stats';

/**
 * Navigation to interactive for several builds of the app and the bare React Flow page, loads
 * interleaved one by one (the order rotated each round), so that the shared machine's load falls on
 * all alike: bench/load.ts's measure (a new board opened from its link in a fresh context, ready at
 * the first frame with the pane and the palette's buttons), many more loads than its five.
 *
 *   npx tsx bench/loadAb.ts --app=<name>=<built app> [--app=...] [--rounds=20] [--latency=<ms>]
 *
 * --latency: every request's answer comes that much later (Chrome's network emulation), as over a real
 * network: what starts a request earlier shows there, where on loopback the answer is back at once.
 */
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const rounds = Number(arg('rounds', '20'));
const apps = process.argv.filter((a) => a.startsWith('--app=')).map((a) => a.slice('--app='.length).split('=') as [string, string]);
if (!apps.length) throw new Error('usage: npx tsx bench/loadAb.ts --app=<name>=<built app> [--app=...] [--rounds=20]');

/** Chrome's network emulation: each request's answer held back this long, as over a network rather than loopback. */
const latency = Number(arg('latency', '0'));

async function withLatency(page: Page): Promise<Page> {
  if (!latency) return page;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
  return page;
}

async function readyAt(page: Page, selectors: string[]): Promise<number> {
  const handle = await page.waitForFunction((list) => (list.every((s) => document.querySelector(s)) ? performance.now() : false), selectors, { polling: 'raf', timeout: 60_000 });
  return (await handle.jsonValue()) as number;
}

const browser = await launchBrowser();
const bare = await startOurs({ staticDir: BASELINE_DIST });
const servers = await Promise.all(apps.map(([, dist]) => startOurs({ staticDir: dist })));
const pages = [
  ...apps.map(([name], i) => ({
    name,
    load: async () => {
      const context = await newAppContext(browser);
      try {
        const page = await withLatency(await context.newPage());
        await page.goto(await newBoardLink(servers[i].httpUrl), { waitUntil: 'commit' });
        return await readyAt(page, ['.react-flow__pane', '[aria-label="Node palette"] button']);
      } finally {
        await context.close();
      }
    },
  })),
  {
    name: 'bare',
    load: async () => {
      const context = await browser.newContext({ viewport: VIEWPORT });
      try {
        const page = await withLatency(await context.newPage());
        await page.goto(bare.httpUrl, { waitUntil: 'commit' });
        return await readyAt(page, ['.react-flow__pane']);
      } finally {
        await context.close();
      }
    },
  },
];
const times = new Map(pages.map((p) => [p.name, [] as number[]]));
try {
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < pages.length; k++) {
      const page = pages[(k + round) % pages.length];
      times.get(page.name)!.push(await page.load());
    }
  }
} finally {
  await browser.close();
  await Promise.all([bare, ...servers].map((s) => s.stop()));
}
const median = (values: number[]) => percentile(Float64Array.from(values).sort(), 50);
const bareTimes = times.get('bare')!;
const bareMedian = median(bareTimes);
for (const [name, list] of times) {
  const sorted = [...list].sort((a, b) => a - b);
  // Each load against the bare page's load of the same round: the machine's moment shared.
  const paired = name === 'bare' ? '' : `, median of each round's ratio ${median(list.map((t, i) => t / bareTimes[i])).toFixed(2)}x`;
  const first = times.get(apps[0][0])!;
  const againstFirst =
    name === apps[0][0] || name === 'bare'
      ? ''
      : `; against ${apps[0][0]} round by round: median ratio ${median(list.map((t, i) => t / first[i])).toFixed(3)}, lower in ${list.filter((t, i) => t < first[i]).length} of ${list.length}`;
  console.log(
    `${name.padEnd(12)} median ${median(list).toFixed(0)} ms (${(median(list) / bareMedian).toFixed(2)}x bare${paired}), p25 ${sorted[Math.floor(sorted.length / 4)].toFixed(0)}, p75 ${sorted[Math.floor((sorted.length * 3) / 4)].toFixed(0)}; ${list.map((t) => t.toFixed(0)).join(' ')}${againstFirst}`,
  );
}
