import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Access, loadOrCreateSecret } from '../server/access';
import { LeveldbStorage } from '../server/storage/leveldb';
import { WINDOW_MS } from '../src/replay/windows';
import { generate } from './history';
import { launchBrowser } from './lib/browser';
import { ms } from './lib/format';
import { summarise, summariseTrace, type Profile } from './lib/profileSummary';
import { startOurs } from './lib/servers';
import { summarize } from './lib/stats';
import { earlyJumps, type EarlyJump } from './replayBrowser';

/**
 * Where the replay's early jump spends its time (bench/replayBrowser.ts `earlyJumps`, as bench/replayEarly.ts
 * times it): a CPU profile of the renderer (Chrome DevTools protocol, 200 us) over each jump, from just before
 * the slider's input to the frame that shows the moment, samples pooled over the jumps; or, with --trace, a
 * Chrome trace of the same (style, layout, paint and raster, which the profile shows as "(program)"). Build
 * the app unminified for readable names (`npx vite build --minify false --outDir <dir>`).
 *
 *   npx tsx bench/profileReplayEarly.ts --dist=<build dir> [--jumps=4] [--top=30] [--trace [--out=<dir>]]
 *
 * --out keeps each jump's trace there (trace-<n>.json), for the DevTools' Performance panel.
 */
const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const dist = option('dist');
if (!dist) throw new Error('usage: npx tsx bench/profileReplayEarly.ts --dist=<build dir> [--jumps=4] [--top=30] [--trace]');
const count = Number(option('jumps') ?? '4');
const top = Number(option('top') ?? '30');
const tracing = process.argv.includes('--trace');
const out = option('out');
const dataDir = mkdtempSync(join(tmpdir(), 'mldb-bench-early-profile-'));
try {
  const storage = await LeveldbStorage.open(LeveldbStorage.directory(dataDir));
  const interview = await generate(storage, 45);
  await storage.close();
  const token = new Access(await loadOrCreateSecret(dataDir), storage.links).token('read', interview.boardId, 0);
  const server = await startOurs({ env: { DATA_DIR: dataDir }, staticDir: resolve(dist) });
  const browser = await launchBrowser();
  try {
    const headers = { Authorization: `Bearer ${token}` };
    const api = `${server.httpUrl}/api/boards/${interview.boardId}`;
    const timeline = (await (await fetch(`${api}/history`, { headers })).json()) as { from: number; to: number; marks: Array<{ at: number }> };
    const span = { from: timeline.from, to: Math.max(timeline.to, ...timeline.marks.map((mark) => mark.at)) };
    // A warm server, as in bench/replayEarly.ts.
    for (let from = span.from; from < span.to; from += WINDOW_MS) await (await fetch(`${api}/history/updates?room=board&from=${from}&to=${Math.min(span.to, from + WINDOW_MS)}`, { headers })).text();
    const profiles: Profile[] = [];
    const traces: Buffer[] = [];
    const jumps: EarlyJump[] = await earlyJumps(browser, server.httpUrl, interview.boardId, token, span, count, 31, async (page, jump) => {
      if (tracing) {
        await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'] });
        const result = await jump();
        traces.push(await browser.stopTracing());
        if (out) writeFileSync(join(out, `trace-${traces.length}.json`), traces.at(-1)!);
        return result;
      }
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      const result = await jump();
      profiles.push(((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile);
      await cdp.detach();
      return result;
    });
    const wall = summarize(jumps.map((jump) => jump.ms));
    const after = summarize(jumps.map((jump) => jump.ms - jump.answeredMs));
    console.log(`${jumps.length} early jumps (profiled): p50 ${ms(wall.p50)}, max ${ms(wall.max)}; the frame after the answer p50 ${ms(after.p50)}`);
    if (tracing) summariseTrace(traces, top);
    else summarise(profiles, top);
  } finally {
    await browser.close();
    await server.stop();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
