import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { BoardBinding } from '../src/doc/binding';
import { editText } from '../src/interview/interviewDoc';
import { noteText, type InterviewTypes } from '../src/shared/interviewLayout';
import { ReplayEngine } from '../src/replay/engine';
import { UpdatesSchema } from '../src/replay/historyApi';
import { ReplayPlayer } from '../src/replay/player';
import { WindowedHistory } from '../src/replay/windows';
import { newBoardId, roomName } from '../src/shared/boardId';
import { FRAMEWORK_STEP_IDS } from '../src/shared/catalog/framework';
import { NODE_TYPES } from '../src/shared/catalog';
import { applyControlChange, newInterviewControl, nextStep, pauseTimer, reveal, startTimer, type ControlChange } from '../src/shared/interview/control';
import { readBoard } from '../src/shared/yjsBoard';
import { Access, loadOrCreateSecret } from '../server/access';
import { boardFileOf } from '../server/boardFile';
import { History } from '../server/history/history';
import { serverRecord } from '../server/history/types';
import { RateLimitedLog } from '../server/limits';
import { createLogger } from '../server/log';
import { prng } from '../server/test/harness';
import { LeveldbStorage } from '../server/storage/leveldb';
import type { DocumentStorage } from '../server/storage/types';
import { launchBrowser } from './lib/browser';
import { kb, ms, num, table } from './lib/format';
import { APP_DIST } from './lib/paths';
import { startOurs, type BenchServer } from './lib/servers';
import { replaySideBySide } from './replayBrowser';
import { summarize } from './lib/stats';
import type { BenchContext, BenchResult } from './types';

/**
 * Benchmark 8, history (#14). A two-person mock interview is generated at a realistic pace on
 * a simulated clock: the candidate and the interviewer add components, connect them, drop moved
 * cards (in-drag positions are awareness, not the document), rename, set properties, type the
 * framework notes key by key; the interviewer types private notes and drives the timer, the steps
 * and the reveal. Every update goes through the server's store path (LeveldbStorage.appendUpdate
 * with its history record, the room's compaction every COMPACT_EVERY_UPDATES, the history's
 * snapshots) with its simulated time. Then a real server opens that data directory: the replay
 * is opened and jumped about as the replay page does (a window at a time: WindowedHistory and
 * ReplayPlayer), side by side with the replay before windows (the whole history, one ReplayEngine),
 * and moments are rebuilt by the server (/at/<ms>.json).
 */

const MINUTE = 60_000;
const COMPACT_EVERY_UPDATES = 500;
const TYPE_IDS = NODE_TYPES.filter((t) => t.variant === 'component').map((t) => t.id);

const WORDS =
  'users items candidates ranking model features embeddings latency freshness logs labels clicks watch time retrieval two tower online offline batch streaming cache store metric recall precision ndcg drift monitor retrain'.split(
    ' ',
  );

interface Interview {
  boardId: string;
  start: number;
  end: number;
  updates: { board: number; control: number; interviewer: number };
  counts: Record<string, number>;
  /**
   * The board file (with the shared interview notes, as GET /at answers it) that both people held at
   * these moments, or null where their copies differed: the check that rebuilding is exact.
   */
  probes: Array<{ at: number; board: unknown }>;
}

/** Writes one interview of `minutes` into `storage` through the server's store path. */
export async function generate(storage: DocumentStorage, minutes: number): Promise<Interview> {
  const random = prng(14);
  // The interview ended an hour ago: history older than the retention (30 days) is folded by the
  // server's sweep when it starts, so a fixed date in the past would leave nothing to replay.
  const start = Date.now() - minutes * MINUTE - 60 * MINUTE;
  let now = start;
  const history = new History(storage.history, {
    snapshotEveryUpdates: 200,
    snapshotEveryMs: 5 * MINUTE,
    retentionMs: 30 * 24 * 60 * MINUTE,
    log: new RateLimitedLog(createLogger('silent'), 10, undefined, null),
    now: () => now,
  });
  const boardId = newBoardId();
  const counts: Record<string, number> = {};
  const count = (what: string) => (counts[what] = (counts[what] ?? 0) + 1);
  const updates = { board: 0, control: 0, interviewer: 0 };
  const sinceCompact = new Map<string, number>();

  // One server-side copy of each room; every local update is stored as the room would store it.
  const rooms = new Map<string, Y.Doc>();
  const store = async (room: string, update: Uint8Array, clientId: number, name: string) => {
    let doc = rooms.get(room);
    if (!doc) rooms.set(room, (doc = new Y.Doc()));
    Y.applyUpdate(doc, update);
    await storage.appendUpdate(room, update, [{ at: now, clientId, name, update }]);
    history.noteStored(room, 1);
    updates[room === boardId ? 'board' : room.endsWith('.control') ? 'control' : 'interviewer'] += 1;
    const since = (sinceCompact.get(room) ?? 0) + 1;
    sinceCompact.set(room, since);
    if (since >= COMPACT_EVERY_UPDATES) {
      await storage.compact(room, Y.encodeStateAsUpdate(doc));
      sinceCompact.set(room, 0);
    }
  };
  const queue: Array<{ room: string; update: Uint8Array; clientId: number; name: string }> = [];
  const person = (name: string) => {
    const binding = new BoardBinding(new Y.Doc());
    binding.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'relay') queue.push({ room: boardId, update, clientId: binding.doc.clientID, name });
    });
    return { name, binding, types: binding.openInterview() };
  };
  const ana = person('Ana');
  const ben = person('Ben');
  const control = new Y.Doc();
  const privateNotes = new Y.Doc();
  control.on('update', (update: Uint8Array, origin: unknown) => origin !== 'server' && queue.push({ room: roomName(boardId, 'control'), update, clientId: control.clientID, name: 'Ben' }));
  privateNotes.on('update', (update: Uint8Array) => queue.push({ room: roomName(boardId, 'interviewer'), update, clientId: privateNotes.clientID, name: 'Ben' }));
  // The server stores the interview's control state when the board is created, as its own (client 0), then:
  // at the simulated time, or the room's clock (entries never go back in time) would stamp every later change with today's.
  const setup = newInterviewControl({ title: 'Video recommendations', prompt: 'Design the recommendations of a video site', createdAt: start }, minutes * MINUTE);
  Y.applyUpdate(control, setup, 'server');
  await storage.appendUpdate(roomName(boardId, 'control'), setup, [serverRecord(setup, now)]);

  /** Stores what was queued, relays board updates to the other person. */
  const flush = async () => {
    for (const item of queue.splice(0)) {
      if (item.room === boardId) for (const p of [ana, ben]) if (p.binding.doc.clientID !== item.clientId) Y.applyUpdate(p.binding.doc, item.update, 'relay');
      await store(item.room, item.update, item.clientId, item.name);
    }
  };
  const act = async (seconds: number, what: string, f: () => void) => {
    now += Math.round(seconds * 1000);
    f();
    count(what);
    await flush();
  };
  const type = async (who: { binding: BoardBinding; types: InterviewTypes }, step: string, text: string) => {
    const note = noteText(who.types, step as (typeof FRAMEWORK_STEP_IDS)[number]);
    for (const char of text) await act(0.15 + random() * 0.25, 'note keystroke', () => editText(who.binding, note, { index: note.length, remove: 0, insert: char }));
  };
  const sentence = (words: number) => Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ') + '. ';
  const control$ = (change: ControlChange, what: string) => act(2, what, () => applyControlChange(control, null, change, now));

  const nodes: string[] = [];
  const probes: Interview['probes'] = [];
  const stepMs = (minutes * MINUTE) / FRAMEWORK_STEP_IDS.length;
  await control$(startTimer, 'timer start');
  for (const [index, step] of FRAMEWORK_STEP_IDS.entries()) {
    const stepEnd = start + (index + 1) * stepMs;
    if (index > 0) await control$(nextStep, 'step change');
    if (index === 3) {
      await control$(pauseTimer, 'timer pause');
      now += 40_000;
      await control$(startTimer, 'timer start');
    }
    await type(ana, step, sentence(10 + Math.floor(random() * 15)));
    while (now < stepEnd - 20_000) {
      const who = random() < 0.75 ? ana : ben;
      const roll = random();
      if (roll < 0.22 || nodes.length < 2) {
        await act(8 + random() * 20, 'add', () => {
          const result = who.binding.addNode(TYPE_IDS[Math.floor(random() * TYPE_IDS.length)]!, { x: Math.round(random() * 1600), y: Math.round(random() * 900) });
          if (result.ok) nodes.push(result.value);
        });
      } else if (roll < 0.42) {
        const [a, b] = [nodes[Math.floor(random() * nodes.length)]!, nodes[Math.floor(random() * nodes.length)]!];
        if (a !== b) await act(6 + random() * 12, 'connect', () => who.binding.connect({ source: a, target: b }));
      } else if (roll < 0.67) {
        const id = nodes[Math.floor(random() * nodes.length)]!;
        await act(4 + random() * 10, 'move (drop)', () => who.binding.moveNodes([{ id, position: { x: Math.round(random() * 1600), y: Math.round(random() * 900) } }]));
      } else if (roll < 0.8) {
        const id = nodes[Math.floor(random() * nodes.length)]!;
        await act(10 + random() * 15, 'rename', () => who.binding.setTitle(id, sentence(2).slice(0, -2)));
      } else if (roll < 0.88) {
        const id = nodes[Math.floor(random() * nodes.length)]!;
        await act(8 + random() * 10, 'property', () => who.binding.setProp(id, 'notes', sentence(4)));
      } else if (roll < 0.96) {
        await type(who, step, sentence(3 + Math.floor(random() * 8)));
      } else {
        for (const char of sentence(6)) await act(0.2 + random() * 0.2, 'private keystroke', () => privateNotes.getText('notes').insert(privateNotes.getText('notes').length, char));
      }
    }
    const [anaFile, benFile] = await Promise.all([ana, ben].map(async (p) => JSON.stringify(await boardFileOf(Y.encodeStateAsUpdate(p.binding.doc), { interview: true }))));
    probes.push({ at: now, board: anaFile === benFile ? ((JSON.parse(anaFile!) as { board?: unknown }).board ?? null) : null });
    now = Math.max(now, stepEnd - 15_000);
  }
  await control$(reveal, 'reveal');
  await history.idle();
  for (const doc of [ana.binding.doc, ben.binding.doc, control, privateNotes, ...rooms.values()]) doc.destroy();
  return { boardId, start, end: now, updates, counts, probes };
}

async function timed<T>(f: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t0 };
}

export async function historyBenchmark(ctx: BenchContext): Promise<BenchResult> {
  const minutes = ctx.quick ? 5 : 45;
  const dataDir = mkdtempSync(join(tmpdir(), 'mldb-bench-history-'));
  try {
    ctx.log(`history: generating a ${minutes}-minute two-person interview`);
    const storage = await LeveldbStorage.open(LeveldbStorage.directory(dataDir));
    const interview = await generate(storage, minutes);
    const rooms = ['board', 'control', 'interviewer'] as const;
    const bytes: Record<string, { history: number; snapshots: number; document: number }> = {};
    for (const room of rooms) {
      const name = roomName(interview.boardId, room);
      const snapshots = (await storage.history.snapshots(name)).reduce((n, s) => n + s.state.length, 0);
      bytes[room] = { history: await storage.history.storedBytes(name), snapshots, document: await storage.storedSize(name) };
    }
    await storage.close();
    const total = rooms.reduce((n, r) => n + bytes[r]!.history + bytes[r]!.document, 0);
    const perHour = (total * 60) / minutes;

    ctx.log('history: opening the replay from a real server');
    const token = new Access(await loadOrCreateSecret(dataDir), storage.links).token('read', interview.boardId, 0);
    // BENCH_REPLAY_BASE_DIST: another build of the app (main's) whose replay page is measured side by side, served over a copy of the data.
    const baseDist = process.env.BENCH_REPLAY_BASE_DIST;
    if (baseDist) cpSync(dataDir, `${dataDir}-base`, { recursive: true });
    const server = await startOurs({ env: { DATA_DIR: dataDir }, staticDir: APP_DIST });
    let baseServer: BenchServer | undefined;
    try {
      if (baseDist) baseServer = await startOurs({ env: { DATA_DIR: `${dataDir}-base` }, staticDir: baseDist });
      const base = `${server.httpUrl}/api/boards/${interview.boardId}`;
      const get = async (path: string) => {
        const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
        if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
        return response.json() as Promise<unknown>;
      };
      const json = (path: string) => get(path) as Promise<{ base: { at: number; state: string }; updates: Array<{ at: number; author: number; update: string }> }>;
      // The replay before windows: the board room's whole history, one engine over all of it.
      const openWhole = async () => {
        const fetched = await timed(() => json('/history/updates?room=board'));
        const built = await timed(() => {
          const engine = new ReplayEngine({
            base: { at: fetched.value.base.at, state: Buffer.from(fetched.value.base.state, 'base64') },
            updates: fetched.value.updates.map((u) => ({ at: u.at, author: u.author, update: Buffer.from(u.update, 'base64') })),
          });
          engine.index(); // its checkpoints, as the jumps below use them
          readBoard(engine.seek(engine.from).doc);
          return engine;
        });
        return { fetchMs: fetched.ms, buildMs: built.ms, engine: built.value, updates: fetched.value.updates.length };
      };
      // The replay page (src/replay/ReplayPage.tsx): the timeline, then side by side the window of the moment shown and the board as it ended.
      const windowsOf = (summary: { from: number; to: number }) =>
        new WindowedHistory(async ({ from, to }) => ({ ok: true, value: UpdatesSchema.parse(await get(`/history/updates?room=board&from=${from}&to=${to}`)) }), summary.from, summary.to);
      const openWindowed = async (at?: number) => {
        const t0 = performance.now();
        const summary = (await get('/history')) as { from: number; to: number };
        const windows = windowsOf(summary);
        const [player, end] = await Promise.all([ReplayPlayer.open(windows, { at }), get(`/history/state?room=board&at=${summary.to}`) as Promise<{ state: string }>]);
        const doc = new Y.Doc();
        Y.applyUpdate(doc, Buffer.from(end.state, 'base64'));
        readBoard(doc);
        doc.destroy();
        readBoard(player.getState().binding.doc);
        return { ms: performance.now() - t0, player, windows };
      };
      await openWhole(); // warm up (the server loads the board format on first use)
      (await openWindowed()).player.destroy();
      const opens = [];
      const windowedOpens: number[] = [];
      // Side by side: the two ways alternate.
      for (let i = 0; i < (ctx.quick ? 2 : 5); i++) {
        opens.push(await openWhole());
        const opened = await openWindowed();
        windowedOpens.push(opened.ms);
        opened.player.destroy();
      }
      const { engine } = opens.at(-1)!;
      const random = prng(7);
      const jumps: number[] = [];
      for (let i = 0; i < (ctx.quick ? 20 : 200); i++) {
        const at = engine.from + random() * (engine.to - engine.from);
        jumps.push((await timed(() => readBoard(engine.seek(at).doc))).ms);
      }
      // Jumps in the replay page, without its loading while idle: to a moment whose window is loaded (the page keeps the last 12, all of this interview's), and to one whose window is not (one request and its engine).
      const { player, windows } = await openWindowed();
      const jumpsLoaded: number[] = [];
      const jumpsNew: number[] = [];
      let sameAsWhole = 0;
      for (let i = 0; i < (ctx.quick ? 20 : 200); i++) {
        const at = windows.from + random() * (windows.to - windows.from);
        const loaded = windows.engineAt(at) !== undefined;
        const took = await timed(async () => {
          player.seek(at);
          while (player.getState().loading) await new Promise((resolve) => setTimeout(resolve, 0));
          readBoard(player.getState().binding.doc);
        });
        (loaded ? jumpsLoaded : jumpsNew).push(took.ms);
        const whole = engine.docAt(at);
        if (JSON.stringify(readBoard(player.getState().binding.doc)) === JSON.stringify(readBoard(whole))) sameAsWhole++;
        whole.destroy();
      }
      player.destroy();
      const fresh: number[] = [];
      for (let i = 0; i < (ctx.quick ? 5 : 30); i++) {
        const at = windows.from + random() * (windows.to - windows.from);
        const cold = windowsOf(windows);
        fresh.push((await timed(async () => readBoard((await cold.ensure(at)).seek(at).doc))).ms);
        cold.destroy();
      }
      jumpsNew.push(...fresh);
      const summaryMs: number[] = [];
      for (let i = 0; i < 3; i++) summaryMs.push((await timed(() => get('/history'))).ms);
      const atMs: number[] = [];
      let exact = 0;
      for (const probe of interview.probes) {
        const { value, ms: took } = await timed(() => get(`/at/${probe.at}.json`));
        atMs.push(took);
        if (probe.board !== null && JSON.stringify(value) === JSON.stringify(probe.board)) exact++;
      }
      engine.destroy();
      ctx.log('history: the replay page in Chromium');
      const timeline = (await get('/history')) as { from: number; to: number; marks: Array<{ at: number }> };
      const span = { from: timeline.from, to: Math.max(timeline.to, ...timeline.marks.map((mark) => mark.at)) };
      const builds = [...(baseServer ? [{ label: `base (${baseDist})`, httpUrl: baseServer.httpUrl }] : []), { label: `head (${APP_DIST})`, httpUrl: server.httpUrl }];
      const browser = await launchBrowser();
      const inBrowser = await replaySideBySide(browser, builds, interview.boardId, token, span, ctx.quick ? 6 : 40, ctx.quick ? 2 : 5, ctx.quick ? 1 : 2).finally(() => browser.close());
      const fetchS = summarize(opens.map((o) => o.fetchMs));
      const buildS = summarize(opens.map((o) => o.buildMs));
      const firstFrame = summarize(opens.map((o) => o.fetchMs + o.buildMs));
      const windowedS = summarize(windowedOpens);
      const jumpS = summarize(jumps);
      const jumpLoadedS = summarize(jumpsLoaded);
      const jumpNewS = summarize(jumpsNew);
      const jumpCount = jumpsLoaded.length + jumpsNew.length - fresh.length;
      const atS = summarize(atMs);
      const activity = Object.entries(interview.counts)
        .sort((a, b) => b[1] - a[1])
        .map(([what, n]) => `${num(n)} ${what}`)
        .join(', ');
      const markdown = [
        `A ${minutes}-minute two-person interview generated at a realistic pace (${activity}), stored through the server's store path with LevelDB: ` +
          `${num(interview.updates.board)} board updates, ${num(interview.updates.control)} control, ${num(interview.updates.interviewer)} interviewer-room. ` +
          'Then a real server opens the data. The replay page (src/replay/ReplayPage.tsx) reads GET /history, then side by side the 5-minute window of the moment shown ' +
          "(GET /history/updates?from&to, one ReplayEngine per window through WindowedHistory and ReplayPlayer) and the board as it ended (GET /history/state, for the view's frame); " +
          'the first frame is drawn from readBoard. Side by side, alternating, the replay as it was before windows: the whole board history in one request and one engine. The server rebuilds moments (GET /at/<ms>.json).',
        '',
        table(
          ['room', 'history bytes', 'of which snapshots', 'document bytes (compacted)'],
          rooms.map((room) => [room, kb(bytes[room]!.history), kb(bytes[room]!.snapshots), kb(bytes[room]!.document)]),
        ),
        '',
        table(
          ['figure', 'value'],
          [
            ['storage for the interview (all rooms, history + document)', kb(total)],
            ['storage per hour of interview', kb(perHour)],
            [`open the replay, the page (by windows): requests + first frame, p50 / max of ${windowedOpens.length} (target < 1 s)`, `${ms(windowedS.p50)} / ${ms(windowedS.max)}`],
            ['open the replay, whole history (before windows): fetch, p50 / max', `${ms(fetchS.p50)} / ${ms(fetchS.max)}`],
            ['open the replay, whole history: rebuild to the first frame, p50 / max', `${ms(buildS.p50)} / ${ms(buildS.max)}`],
            ['open the replay, whole history: fetch + first frame, p50 / max', `${ms(firstFrame.p50)} / ${ms(firstFrame.max)}`],
            ['open: by windows against whole history (p50)', `${(windowedS.p50 / firstFrame.p50).toFixed(2)}x`],
            [`jump in the page to a moment whose window is loaded, p50 / p95 / max of ${jumpsLoaded.length}`, `${ms(jumpLoadedS.p50, 2)} / ${ms(jumpLoadedS.p95, 2)} / ${ms(jumpLoadedS.max, 2)}`],
            [
              `jump in the page to a moment whose window is not loaded (request + engine), p50 / p95 / max of ${jumpsNew.length} (target < 100 ms)`,
              `${ms(jumpNewS.p50, 2)} / ${ms(jumpNewS.p95, 2)} / ${ms(jumpNewS.max, 2)}`,
            ],
            [`moments shown by windows equal to the whole-history replay`, `${sameAsWhole} of ${jumpCount}`],
            [`jump to a random moment in the whole-history engine (before windows), p50 / p95 / max of ${jumps.length}`, `${ms(jumpS.p50, 2)} / ${ms(jumpS.p95, 2)} / ${ms(jumpS.max, 2)}`],
            ['GET /history (moments, authors, marks), p50', ms(summarize(summaryMs).p50)],
            [`GET /at/<ms>.json, p50 / max of ${atMs.length}`, `${ms(atS.p50)} / ${ms(atS.max)}`],
            ['moments rebuilt by the server equal to what both people held', `${exact} of ${interview.probes.length}`],
          ],
        ),
        '',
        'The replay page in Chromium (1440x900, read token, bench/replayBrowser.ts), opened afresh at the end, then moments set on its slider (one anywhere, then three ' +
          'steps of 3 s back), each timed from the input event to the first frame painted with the moment shown and every card drawn. Forward: within the window shown ' +
          '(the engine moves its document on); back 3 s and far: a new document from the engine (back, or another loaded window); window not loaded: one GET /history/updates more.',
        '',
        inBrowser.markdown,
      ].join('\n');
      return {
        id: 'history',
        title: '9. History and replay',
        markdown,
        targets: [
          { target: 'replay: open to the first frame < 1 s', figure: ms(windowedS.max), met: ctx.quick ? null : windowedS.max < 1000 },
          { target: 'replay: jump to any moment < 100 ms', figure: ms(Math.max(jumpLoadedS.max || 0, jumpNewS.max), 2), met: ctx.quick ? null : Math.max(jumpLoadedS.max || 0, jumpNewS.max) < 100 },
          { target: 'replay: moments by windows equal to the whole history', figure: `${sameAsWhole}/${jumpCount}`, met: sameAsWhole === jumpCount },
          { target: 'history: rebuilt moments exact', figure: `${exact}/${interview.probes.length}`, met: exact === interview.probes.length },
        ],
        raw: {
          minutes,
          interview: { ...interview, probes: interview.probes.length },
          bytes,
          total,
          perHour,
          opens: opens.map(({ fetchMs, buildMs, updates }) => ({ fetchMs, buildMs, updates })),
          windowedOpens,
          jumps: jumpS,
          jumpsLoaded: jumpLoadedS,
          jumpsNew: jumpNewS,
          sameAsWhole,
          atMs: atS,
          summaryMs,
          inBrowser: inBrowser.raw,
          earlyJumps: inBrowser.early,
        },
      };
    } finally {
      await Promise.all([server.stop(), baseServer?.stop()]);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}-base`, { recursive: true, force: true });
  }
}
