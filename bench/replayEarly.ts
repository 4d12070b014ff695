import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Access, loadOrCreateSecret } from '../server/access';
import { LeveldbStorage } from '../server/storage/leveldb';
import { WINDOW_MS } from '../src/replay/windows';
import { generate } from './history';
import { launchBrowser } from './lib/browser';
import { ms } from './lib/format';
import { startOurs, type BenchServer } from './lib/servers';
import { ratio, summarize } from './lib/stats';
import { earlyJumps, earlyTable, type EarlyJump, type ReplayBuild } from './replayBrowser';

/**
 * The replay's early jump (bench/replayBrowser.ts `earlyJumps`: a fresh page opened at the end of the
 * 45-minute interview of bench/history.ts, a jump into one of its first three windows as soon as its
 * first card is drawn), two builds of the app side by side and nothing else: each build served by its
 * own warm server over a copy of the same data, rounds interleaved base/head/head/base, each build's
 * n-th round of jumps to the same moments. Besides the time, each jump's CPU: the page's main thread's
 * (what compares on a machine others are using) and all the browser's processes'. Not part of
 * `npm run bench`; a tool for one change.
 *
 *   npx tsx bench/replayEarly.ts --base=<build dir> --head=<build dir> [--rounds=2] [--jumps=5]
 */
const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const dists = { base: option('base'), head: option('head') };
if (!dists.base || !dists.head) throw new Error('usage: npx tsx bench/replayEarly.ts --base=<build dir> --head=<build dir> [--rounds=2] [--jumps=5]');
const rounds = Number(option('rounds') ?? '2');
const perRound = Number(option('jumps') ?? '5');
const dataDir = mkdtempSync(join(tmpdir(), 'mldb-bench-early-'));
const servers: BenchServer[] = [];
try {
  const storage = await LeveldbStorage.open(LeveldbStorage.directory(dataDir));
  const interview = await generate(storage, 45);
  await storage.close();
  const token = new Access(await loadOrCreateSecret(dataDir), storage.links).token('read', interview.boardId, 0);
  const builds: ReplayBuild[] = [];
  for (const [label, dist] of Object.entries(dists) as Array<[string, string]>) {
    cpSync(dataDir, `${dataDir}-${label}`, { recursive: true });
    const server = await startOurs({ env: { DATA_DIR: `${dataDir}-${label}` }, staticDir: resolve(dist) });
    servers.push(server);
    builds.push({ label: `${label} (${dist})`, httpUrl: server.httpUrl });
  }
  const headers = { Authorization: `Bearer ${token}` };
  const api = (build: ReplayBuild) => `${build.httpUrl}/api/boards/${interview.boardId}`;
  const timeline = (await (await fetch(`${api(builds[0]!)}/history`, { headers })).json()) as { from: number; to: number; marks: Array<{ at: number }> };
  const span = { from: timeline.from, to: Math.max(timeline.to, ...timeline.marks.map((mark) => mark.at)) };
  // Warm servers: each window asked for once, as the page's idle loading would have on a server in use.
  for (const build of builds) {
    for (let from = span.from; from < span.to; from += WINDOW_MS)
      await (await fetch(`${api(build)}/history/updates?room=board&from=${from}&to=${Math.min(span.to, from + WINDOW_MS)}`, { headers })).text();
  }
  const browser = await launchBrowser();
  const runs: Record<string, EarlyJump[]> = Object.fromEntries(builds.map((b) => [b.label, []]));
  try {
    for (let round = 0; round < rounds; round++) {
      for (const build of [builds[0]!, builds[1]!, builds[1]!, builds[0]!]) {
        const mine = runs[build.label]!;
        mine.push(...(await earlyJumps(browser, build.httpUrl, interview.boardId, token, span, perRound, 31 + mine.length)));
      }
      console.log(`round ${round + 1} of ${rounds} done, load average ${loadavg()[0]!.toFixed(1)}`);
    }
  } finally {
    await browser.close();
  }
  console.log(earlyTable(builds, runs));
  const [base, head] = builds.map((build) => summarize(runs[build.label]!.map((jump) => jump.ms))) as [ReturnType<typeof summarize>, ReturnType<typeof summarize>];
  const [baseCpu, headCpu] = builds.map((build) => summarize(runs[build.label]!.map((jump) => jump.cpuMs)).mean) as [number, number];
  const [baseMain, headMain] = builds.map((build) => summarize(runs[build.label]!.map((jump) => jump.mainThreadMs)).p50) as [number, number];
  console.log(
    `\nhead against base: ${ratio(head.p50, base.p50).toFixed(2)}x the time (p50), ${ratio(headMain, baseMain).toFixed(2)}x the page's main thread CPU (p50), ${ratio(headCpu, baseCpu).toFixed(2)}x the browser's CPU (mean), max ${ms(head.max)} against ${ms(base.max)}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}`,
  );
} finally {
  for (const server of servers) await server.stop();
  for (const dir of [dataDir, `${dataDir}-base`, `${dataDir}-head`]) rmSync(dir, { recursive: true, force: true });
}
