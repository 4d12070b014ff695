import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { BoardBinding } from '../src/doc/binding';
import { newBoardId, roomName } from '../src/shared/boardId';
import { applyControlChange, newInterviewControl, nextStep, reveal, startTimer, type ControlChange } from '../src/shared/interview/control';
import { NODE_TYPES } from '../src/shared/catalog';
import { Access, loadOrCreateSecret } from '../server/access';
import { History } from '../server/history/history';
import { RateLimitedLog } from '../server/limits';
import { createLogger } from '../server/log';
import { prng } from '../server/test/harness';
import { LeveldbStorage } from '../server/storage/leveldb';
import { ms, num } from './lib/format';
import { startOurs } from './lib/servers';
import { summarize } from './lib/stats';
import { loadDebrief } from '../src/replay/debriefLoad';
import type { ReplaySource } from '../src/replay/engine';
import { HistorySchema, UpdatesSchema, type Author } from '../src/replay/historyApi';
import { httpSource, type Read } from '../server/test/debriefSource';

/**
 * A month-old board's history read by GET /history, /at/<ms>.json and /history/updates (the whole
 * history, and the last day's window with `from`), this checkout's server against another
 * checkout's (`--base=<dir>`, e.g. a `git worktree` of main), runs interleaved base, this, this,
 * base; and the debrief's data load (its requests and the report built from them), this checkout's
 * client code (src/replay/debriefLoad.ts) on this server against the other checkout's on its server.
 * The board: 29 days with a session a day of `--updates` / 29 updates five seconds apart
 * (adds, moves, renames) and the interview's control changes (timer start, six steps, reveal),
 * each stored through the server's store path with its history entry and the snapshots its upkeep
 * writes. The interview is the first day's session: the board lives on for 28 days after its reveal.
 * Not part of `npm run bench`; a tool for one change.
 *
 *   npx tsx bench/historyMonth.ts --base=/work/main [--updates=20000]
 */
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const baseDir = arg('base', '');
if (!baseDir) throw new Error('--base=<another checkout> is required');
const total = Number(arg('updates', '20000'));
const DAYS = 29;
const DAY = 86_400_000;
const TYPE_IDS = NODE_TYPES.filter((t) => t.variant === 'component').map((t) => t.id);

const dataDir = mkdtempSync(join(tmpdir(), 'mldb-bench-month-'));
const boardId = newBoardId();
const end = Date.now() - 3_600_000;
const start = end - DAYS * DAY;
let now = start;
const storage = await LeveldbStorage.open(LeveldbStorage.directory(dataDir));
const history = new History(storage.history, {
  snapshotEveryUpdates: 200,
  snapshotEveryMs: 5 * 60_000,
  retentionMs: 30 * DAY,
  log: new RateLimitedLog(createLogger('silent'), 10, undefined, null),
  now: () => now,
});
const doc = new Y.Doc();
const binding = new BoardBinding(doc);
const writes: Array<Promise<unknown>> = [];
doc.on('update', (update: Uint8Array) => {
  writes.push(storage.appendUpdate(boardId, update, [{ at: now, clientId: doc.clientID, name: 'Ada', update }]));
  history.noteStored(boardId, 1);
});
const controlRoom = roomName(boardId, 'control');
const control = new Y.Doc();
control.on('update', (update: Uint8Array, origin: unknown) => {
  if (origin === 'server') return;
  writes.push(storage.appendUpdate(controlRoom, update, [{ at: now, clientId: control.clientID, name: 'Bo', update }]));
  history.noteStored(controlRoom, 1);
});
const setup = newInterviewControl({ title: 'Feed ranking', prompt: 'Design a feed', createdAt: start }, 45 * 60_000);
Y.applyUpdate(control, setup, 'server');
// As the server stores an interview board's first control state: with its history entry, by the server (client 0).
await storage.appendUpdate(controlRoom, setup, [{ at: start, clientId: 0, name: null, update: setup }]);
const controlChange = (change: ControlChange) => {
  now += 60_000;
  applyControlChange(control, null, change, now);
};
const random = prng(30);
const perDay = Math.ceil(total / DAYS);
const ids: string[] = [];
let written = 0;
for (let day = 0; day < DAYS && written < total; day++) {
  now = start + day * DAY;
  controlChange(startTimer);
  for (let i = 0; i < perDay && written < total; i++, written++) {
    if (i % Math.ceil(perDay / 7) === 0 && i > 0) controlChange(nextStep);
    now += 5_000;
    const pick = random();
    // A board of about 40-60 cards, reworked day after day.
    if (ids.length < 40 || (pick < 0.1 && ids.length < 60)) {
      const added = binding.addNode(TYPE_IDS[Math.floor(random() * TYPE_IDS.length)]!, { x: random() * 3000, y: random() * 2000 });
      if (added.ok) ids.push(added.value);
    } else if (pick < 0.2) {
      binding.deleteElements([ids.splice(Math.floor(random() * ids.length), 1)[0]!], []);
    } else if (pick < 0.6) {
      binding.moveNodes([{ id: ids[Math.floor(random() * ids.length)]!, position: { x: random() * 3000, y: random() * 2000 } }]);
    } else {
      binding.setTitle(ids[Math.floor(random() * ids.length)]!, `Part ${Math.floor(random() * 1000)}`);
    }
    if (writes.length > 200) await Promise.all(writes.splice(0));
  }
  controlChange(reveal);
  await Promise.all(writes.splice(0));
  await history.idle();
}
await Promise.all(writes);
for (const room of [boardId, controlRoom]) history.roomUnloaded(room);
await history.idle();
const snapshots = (await storage.history.snapshotMarks(boardId)).length;
const controlSnapshots = (await storage.history.snapshotMarks(controlRoom)).length;
await storage.close();
process.stderr.write(`generated ${num(written)} updates over ${DAYS} days, ${snapshots} snapshots (control room: ${controlSnapshots}), in ${dataDir}\n`);

// A board never re-linked: link generation 0.
const token = new Access(await loadOrCreateSecret(dataDir), storage.links).token('read', boardId, 0);
const moments = Array.from({ length: 7 }, (_, i) => Math.round(start + ((i + 0.5) / 7) * (end - start)));
const lastDay = end - DAY;
const REQUESTS = ['history', 'at', 'updates', 'updates of the last day', 'debrief'] as const;
const runs = Object.fromEntries((['base', 'head'] as const).map((which) => [which, Object.fromEntries(REQUESTS.map((r) => [r, [] as number[]]))])) as Record<
  'base' | 'head',
  Record<(typeof REQUESTS)[number], number[]>
>;
const timed = async (url: string) => {
  const t0 = performance.now();
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
  await response.arrayBuffer();
  return performance.now() - t0;
};
/** The debrief's data load as the other checkout's page does it (its DebriefPage.tsx `load`): every room's whole history, then its buildDebrief. */
const before = {
  ...((await import(join(baseDir, 'src/replay/engine.ts'))) as { ReplayEngine: new (source: ReplaySource) => { length: number } }),
  ...((await import(join(baseDir, 'src/replay/debrief.ts'))) as { buildDebrief: (input: object) => unknown }),
  ...((await import(join(baseDir, 'src/replay/people.ts'))) as { groupPeople: (authors: Author[]) => unknown }),
};
async function debriefOfBase(api: string): Promise<{ boardUpdates: number; bytes: number }> {
  const get = async (path: string) => {
    const response = await fetch(`${api}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    return { ok: response.ok, text: await response.text() };
  };
  const [history, ...rooms] = await Promise.all(['/history', ...(['board', 'control', 'interviewer'] as const).map((room) => `/history/updates?room=${room}`)].map(get));
  const [board, control, privateRoom] = rooms.map((room) => (room.ok ? new before.ReplayEngine(UpdatesSchema.parse(JSON.parse(room.text))) : null));
  const { marks, authors } = HistorySchema.parse(JSON.parse(history!.text));
  before.buildDebrief({ board, control, interviewer: privateRoom, marks, people: before.groupPeople(authors) });
  return { boardUpdates: board!.length, bytes: rooms.filter((room) => room.ok).reduce((sum, room) => sum + room.text.length, 0) };
}
async function debriefOfHead(origin: string): Promise<{ boardUpdates: number; bytes: number }> {
  const reads: Read[] = [];
  const loaded = await loadDebrief(httpSource(origin, boardId, token, reads));
  if (!loaded.ok) throw new Error(`the debrief: ${loaded.error}`);
  return { boardUpdates: loaded.value.board.length, bytes: reads.reduce((sum, read) => sum + read.bytes, 0) };
}
const debriefRead: Partial<Record<'base' | 'head', { boardUpdates: number; bytes: number }>> = {};

for (const which of ['base', 'head', 'head', 'base'] as const) {
  const server = await startOurs({ env: { DATA_DIR: dataDir }, ...(which === 'base' ? { cwd: baseDir } : {}) });
  try {
    const api = `${server.httpUrl}/api/boards/${boardId}`;
    await timed(`${api}/at/${moments[0]}.json`); // warm up: the board format loads on first use
    for (let i = 0; i < 3; i++) runs[which].history.push(await timed(`${api}/history`));
    for (const at of moments) runs[which].at.push(await timed(`${api}/at/${at}.json`));
    for (let i = 0; i < 3; i++) runs[which].updates.push(await timed(`${api}/history/updates?room=board`));
    for (let i = 0; i < 3; i++) runs[which]['updates of the last day'].push(await timed(`${api}/history/updates?room=board&from=${lastDay}`));
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      debriefRead[which] = which === 'base' ? await debriefOfBase(api) : await debriefOfHead(server.httpUrl);
      runs[which].debrief.push(performance.now() - t0);
    }
  } finally {
    await server.stop();
  }
}
for (const which of ['base', 'head'] as const) {
  const read = debriefRead[which]!;
  process.stdout.write(`${which} debrief: ${num(read.boardUpdates)} board updates, ${num(Math.round(read.bytes / 1024))} KB of rooms read\n`);
  const figures = REQUESTS.map((request) => {
    const s = summarize(runs[which][request]);
    return `${request} p50 ${ms(s.p50)} max ${ms(s.max)} (${runs[which][request].length})`;
  });
  console.log(`${which}: ${figures.join('; ')}`);
}
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')}`,
);
binding.destroy();
control.destroy();
rmSync(dataDir, { recursive: true, force: true });
