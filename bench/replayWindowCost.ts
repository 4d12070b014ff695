import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Access, loadOrCreateSecret } from '../server/access';
import { History } from '../server/history/history';
import { RateLimitedLog } from '../server/limits';
import { createLogger } from '../server/log';
import { LeveldbStorage } from '../server/storage/leveldb';
import { ReplayEngine } from '../src/replay/engine';
import { UpdatesSchema } from '../src/replay/historyApi';
import { WINDOW_MS } from '../src/replay/windows';
import { readBoard } from '../src/shared/yjsBoard';
import { generate } from './history';
import { ms } from './lib/format';
import { startOurs } from './lib/servers';
import { summarize } from './lib/stats';

/**
 * Where the time of a jump into a replay window not loaded yet goes (docs/HISTORY.md, "Not done
 * yet"), outside the browser: the 45-minute interview of bench/history.ts, each of its 5-minute
 * windows loaded cold `--rounds` times (default 3), in parts: the server's own work in process
 * (`History.window` and the outline it starts from, over the same LevelDB data), then against a real
 * server the HTTP answer (request to the last byte; the first round apart: a fresh server process), its parse as the page does it (JSON, zod, base64),
 * the window's engine with its pass (src/replay/engine.ts) and the board at the window's middle. Not part of
 * `npm run bench`; a tool for one change.
 *
 *   npx tsx bench/replayWindowCost.ts [--rounds=3]
 */
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? '3');
const dataDir = mkdtempSync(join(tmpdir(), 'mldb-bench-window-'));
const parts: Record<string, number[]> = {
  'server in process: outline': [],
  'server in process: window': [],
  'HTTP answer, first round': [],
  'HTTP answer, later rounds': [],
  'parse (JSON, zod, base64)': [],
  engine: [],
  'board at the middle': [],
};
const sizes: number[] = [];
const time = async <T>(part: string, f: () => Promise<T> | T): Promise<T> => {
  const t0 = performance.now();
  const value = await f();
  parts[part]!.push(performance.now() - t0);
  return value;
};
try {
  let storage = await LeveldbStorage.open(LeveldbStorage.directory(dataDir));
  const interview = await generate(storage, 45);
  await storage.close();
  const windows: Array<{ from: number; to: number }> = [];
  for (let from = interview.start; from < interview.end; from += WINDOW_MS) windows.push({ from, to: Math.min(interview.end, from + WINDOW_MS) });

  storage = await LeveldbStorage.open(LeveldbStorage.directory(dataDir));
  const history = new History(storage.history, {
    snapshotEveryUpdates: 200,
    snapshotEveryMs: 5 * 60_000,
    retentionMs: 30 * 86_400_000,
    log: new RateLimitedLog(createLogger('silent'), 10, undefined, null),
  });
  for (let round = 0; round < rounds; round++) {
    for (const window of windows) {
      const outline = await time('server in process: outline', () => history.outline(interview.boardId));
      await time('server in process: window', () => history.window(interview.boardId, window, outline));
    }
  }
  await storage.close();

  const token = new Access(await loadOrCreateSecret(dataDir), storage.links).token('read', interview.boardId, 0);
  const server = await startOurs({ env: { DATA_DIR: dataDir } });
  try {
    const api = `${server.httpUrl}/api/boards/${interview.boardId}`;
    const headers = { Authorization: `Bearer ${token}` };
    await (await fetch(`${api}/history`, { headers })).text(); // warm up
    for (let round = 0; round < rounds; round++) {
      for (const { from, to } of windows) {
        const text = await time(round === 0 ? 'HTTP answer, first round' : 'HTTP answer, later rounds', async () =>
          (await fetch(`${api}/history/updates?room=board&from=${from}&to=${to}`, { headers })).text(),
        );
        sizes.push(text.length);
        const source = await time('parse (JSON, zod, base64)', () => UpdatesSchema.parse(JSON.parse(text)));
        const engine = await time('engine', () => {
          const built = new ReplayEngine(source, { until: to });
          built.index();
          return built;
        });
        await time('board at the middle', () => readBoard(engine.seek((from + to) / 2).doc));
        engine.destroy();
      }
    }
  } finally {
    await server.stop();
  }
  console.log(`${windows.length} windows x ${rounds} rounds, ${Math.round(summarize(sizes).p50 / 1024)} KB per answer (p50)`);
  for (const [part, times] of Object.entries(parts)) {
    const s = summarize(times);
    console.log(`${part}: p50 ${ms(s.p50)} p95 ${ms(s.p95)} max ${ms(s.max)}`);
  }
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
