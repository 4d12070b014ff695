import type { Browser, Page } from '@playwright/test';
import { lookBackPath } from '../src/actions/lookBack';
import { WINDOW_MS } from '../src/replay/windows';
import { prng } from '../server/test/harness';
import { newAppContext, waitDrawn } from './lib/browser';
import { ms, table } from './lib/format';
import { ratio, summarize } from './lib/stats';

/**
 * The replay page in Chromium (1440x900, a fresh context) opened at the end: from navigation to its
 * first frame, then a pause until it asks for no more windows (the page loads the other windows while
 * idle; the JS heap, after a garbage collection, is read then), then jumps along its timeline (a moment anywhere, then three steps of 3 s back), each
 * timed from the slider's input event to the end of the first frame that shows the moment (no window
 * still loading, every card drawn and measured, then that frame painted: a task after its
 * requestAnimationFrame), with the CPU all the browser's processes spent on it (read before and
 * after, outside the timed part, in steps of 10 ms: the mean over many jumps is what compares).
 * Kinds: forward within the window shown (the engine moves its document on); back 3 s and far
 * (back, or into another loaded window: the engine gives a new document; a step back changes a card
 * or two, a far jump many); window not loaded (one GET /history/updates, seen in the page's
 * resource entries, then as the one before).
 */
export type JumpKind = 'forward' | 'back 3 s' | 'far' | 'window not loaded';

export const JUMP_KINDS: JumpKind[] = ['forward', 'back 3 s', 'far', 'window not loaded'];
/** The jumps to a moment anywhere: whether their window was loaded depends on the build, so builds compare over both kinds. */
const ANYWHERE: JumpKind[] = ['far', 'window not loaded'];
const COMPARED = [
  { label: 'back 3 s', kinds: ['back 3 s'] as JumpKind[] },
  { label: 'far', kinds: ['far'] as JumpKind[] },
  { label: 'anywhere', kinds: ANYWHERE },
];

export interface ReplayInBrowser {
  /** Navigation start to the first frame with every card drawn, ms. */
  openMs: number;
  /** Windows asked for (GET /history/updates answered) once the page asks for no more, and navigation start to the last answer, ms. */
  windows: { count: number; lastMs: number };
  /** The page's JS heap then, after a garbage collection, MB. */
  heapMb: number;
  /** Input event to the frame painted, ms, by kind of jump. */
  jumps: Record<JumpKind, number[]>;
  /** CPU all the browser's processes spent per jump, ms, by kind of jump. */
  cpu: Record<JumpKind, number[]>;
}

/** Page code: sets the replay's slider to `value` as a person dragging it does, then waits for the frame that shows that moment whole. */
const MOVE_SLIDER = `const slider = document.querySelector('.replay-slider');
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(slider, String(value));
  slider.dispatchEvent(new Event('input', { bubbles: true }));
  const settled = () => {
    if (document.querySelector('.replay-clock')?.textContent?.includes('loading')) return false;
    for (const node of document.querySelectorAll('.react-flow__node')) if (node.style.visibility === 'hidden') return false;
    return true;
  };
  await new Promise((resolve) => {
    const frame = () => (settled() ? setTimeout(resolve, 0) : requestAnimationFrame(frame));
    requestAnimationFrame(frame);
  });
  `;

/** Sets the slider as a person drags it to `value` and resolves once that moment is on screen: its time (ms) and whether it asked for a window. */
const JUMP = `async (value) => {
  const requests = () => performance.getEntriesByType('resource').filter((e) => e.name.includes('/history/updates')).length;
  const before = requests();
  const started = performance.now();
  ${MOVE_SLIDER}
  return { ms: performance.now() - started, fetched: requests() > before };
}`;

export async function replayInBrowser(browser: Browser, httpUrl: string, boardId: string, token: string, span: { from: number; to: number }, jumps: number): Promise<ReplayInBrowser> {
  const context = await newAppContext(browser);
  try {
    const page = await context.newPage();
    // Opened at the end (the board at the start is empty: no card to wait for). The token in the query, which
    // builds before 'the link's token in the fragment opens a fresh browser' read as well.
    await page.goto(`${httpUrl}${lookBackPath(boardId, 'replay', undefined, { at: span.to, token })}`);
    const openMs = await waitDrawn(page);
    const windows = await windowsSettled(page);
    const heapMb = await jsHeapMb(page);
    const random = prng(21);
    const none = () => ({ forward: [], 'back 3 s': [], far: [], 'window not loaded': [] });
    const result: ReplayInBrowser = { openMs, windows, heapMb, jumps: none(), cpu: none() };
    const cpu = await browserCpu(page);
    const window = (t: number) => Math.floor((t - span.from) / WINDOW_MS);
    let shown = span.to;
    for (let i = 0; i < jumps; i++) {
      // A moment anywhere, then three steps of 3 s back (the slider's steps are 100 ms from the start).
      const stepBack = i % 4 !== 0 && shown - 3000 >= span.from;
      const at = stepBack ? shown - 3000 : span.from + Math.round((random() * (span.to - span.from)) / 100) * 100;
      const cpuBefore = await cpu.read();
      const jump = (await page.evaluate(`(${JUMP})(${at})`)) as { ms: number; fetched: boolean };
      const cpuMs = (await cpu.read()) - cpuBefore;
      const kind: JumpKind = jump.fetched ? 'window not loaded' : stepBack ? 'back 3 s' : at >= shown && window(at) === window(shown) ? 'forward' : 'far';
      result.jumps[kind].push(jump.ms);
      result.cpu[kind].push(cpuMs);
      shown = at;
    }
    await cpu.detach();
    return result;
  } finally {
    await context.close();
  }
}

/**
 * A jump in the first moments after the replay opens: a fresh context opens the page at the end and, as soon as a
 * card of the first frame is drawn, sets the slider to a moment in the first three windows (the page loads the others
 * while idle, nearest to the end first, so these come last). Timed as JUMP times; with the jumped-to window's request
 * read from the page's resource entries: whether the page had its answer before the input, had asked for it (an idle
 * load, in flight) or asked for it after; when the answer came and what followed it until the frame.
 */
export interface EarlyJump {
  ms: number;
  /** The jumped-to window: answered before the input, asked for before it (in flight), or asked for by the jump. */
  window: 'answered before' | 'in flight' | 'asked by the jump';
  /** The answer's end, ms after the input (0 when answered before). */
  answeredMs: number;
  /** Other windows' answers (idle loads, whose engines are built in their answer's task) that came during the jump. */
  otherAnswers: number;
  /** The main thread's long tasks (over 50 ms) that started during the jump: their sum and the longest, ms. */
  longTasksMs: number;
  longestTaskMs: number;
  /** The CPU all the browser's processes spent from just before the input to the frame (read in steps of 10 ms: the mean over many jumps compares), ms. */
  cpuMs: number;
  /** The CPU time of the page's main thread over the same (its ThreadTime metric), ms: what the page's own work cost, whatever else ran on the machine. */
  mainThreadMs: number;
}

/** What the page itself measures of an early jump. */
type PageJump = Omit<EarlyJump, 'cpuMs' | 'mainThreadMs'>;

const EARLY_JUMP = `async ({ value, windowFrom }) => {
  const entry = () => performance.getEntriesByType('resource').find((e) => e.name.includes('/history/updates?room=board&from=' + windowFrom + '&'));
  const answeredBefore = entry() !== undefined;
  const longTasks = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask' });
  const started = performance.now();
  ${MOVE_SLIDER}
  const ms = performance.now() - started;
  observer.takeRecords().forEach((task) => longTasks.push(task));
  observer.disconnect();
  const answer = entry();
  const window = answeredBefore ? 'answered before' : answer && answer.startTime < started ? 'in flight' : 'asked by the jump';
  const others = performance.getEntriesByType('resource').filter((e) => e.name.includes('/history/updates') && e !== answer && e.responseEnd > started && e.responseEnd < started + ms);
  const tasks = longTasks.filter((task) => task.startTime >= started && task.startTime < started + ms);
  return {
    ms,
    window,
    answeredMs: answeredBefore || !answer ? 0 : answer.responseEnd - started,
    otherAnswers: others.length,
    longTasksMs: tasks.reduce((sum, task) => sum + task.duration, 0),
    longestTaskMs: Math.max(0, ...tasks.map((task) => task.duration)),
  };
}`;

export async function earlyJumps(
  browser: Browser,
  httpUrl: string,
  boardId: string,
  token: string,
  span: { from: number; to: number },
  count: number,
  seed: number,
  /** Wraps each jump (a profile of it: bench/profileReplayEarly.ts). */
  around: (page: Page, jump: () => Promise<PageJump>) => Promise<PageJump> = (_page, jump) => jump(),
): Promise<EarlyJump[]> {
  const random = prng(seed);
  const lastWindow = Math.max(0, Math.ceil((span.to - span.from) / WINDOW_MS) - 1);
  const jumps: EarlyJump[] = [];
  for (let i = 0; i < count; i++) {
    const window = Math.floor(random() * Math.min(3, lastWindow + 1));
    const windowFrom = span.from + window * WINDOW_MS;
    const at = Math.min(span.to, windowFrom + Math.round((random() * WINDOW_MS) / 100) * 100);
    const context = await newAppContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${httpUrl}${lookBackPath(boardId, 'replay', undefined, { at: span.to, token })}`);
      await page.waitForFunction(
        () => {
          const nodes = document.querySelectorAll('.react-flow__node');
          for (const node of nodes) if ((node as HTMLElement).style.visibility === 'hidden') return false;
          return nodes.length > 0 && document.querySelector('.replay-slider') !== null;
        },
        undefined,
        { polling: 'raf', timeout: 60_000 },
      );
      const cpu = await browserCpu(page);
      const mainThread = await mainThreadCpu(page);
      const [cpuBefore, mainBefore] = [await cpu.read(), await mainThread.read()];
      const jump = await around(page, async () => (await page.evaluate(`(${EARLY_JUMP})(${JSON.stringify({ value: at, windowFrom })})`)) as PageJump);
      jumps.push({ ...jump, mainThreadMs: (await mainThread.read()) - mainBefore, cpuMs: (await cpu.read()) - cpuBefore });
      await cpu.detach();
      await mainThread.detach();
    } finally {
      await context.close();
    }
  }
  return jumps;
}

/** Waits until the page has asked for no new window for 2 s (at most 30 s): how many it asked for, and when the last answer came. */
async function windowsSettled(page: Page): Promise<{ count: number; lastMs: number }> {
  const read = () =>
    page.evaluate(() => {
      const entries = performance.getEntriesByType('resource').filter((e) => e.name.includes('/history/updates'));
      return { count: entries.length, lastMs: Math.max(0, ...entries.map((e) => (e as PerformanceResourceTiming).responseEnd)) };
    });
  let last = await read();
  let still = 0;
  for (let waited = 0; still < 2000 && waited < 30_000; waited += 250) {
    await page.waitForTimeout(250);
    const now = await read();
    still = now.count === last.count ? still + 250 : 0;
    last = now;
  }
  return last;
}

/** The page's JS heap after a garbage collection, MB. */
async function jsHeapMb(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  await session.detach();
  return usedSize / 1e6;
}

/** The CPU time of the page's main thread, ms (Chrome's ThreadTime metric). */
async function mainThreadCpu(page: Page) {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable', { timeDomain: 'threadTicks' });
  return {
    read: async () => ((await session.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? NaN) * 1000,
    detach: () => session.detach(),
  };
}

/** The CPU time of all the browser's processes, ms. */
async function browserCpu(page: Page) {
  const session = await page.context().browser()!.newBrowserCDPSession();
  type Info = { processInfo: { cpuTime: number }[] };
  return {
    read: async () => ((await session.send('SystemInfo.getProcessInfo' as never)) as unknown as Info).processInfo.reduce((sum, p) => sum + p.cpuTime * 1000, 0),
    detach: () => session.detach(),
  };
}

export interface ReplayBuild {
  label: string;
  httpUrl: string;
}

/**
 * The replay page of each build (the app served by its own server over a copy of the same data), runs
 * interleaved: base, head, head, base with two builds; a single build runs `alone` times. Samples of a
 * build's runs are pooled.
 */
export async function replaySideBySide(
  browser: Browser,
  builds: ReplayBuild[],
  boardId: string,
  token: string,
  span: { from: number; to: number },
  jumps: number,
  early: number,
  alone: number,
): Promise<{ markdown: string; raw: Record<string, ReplayInBrowser[]>; early: Record<string, EarlyJump[]> }> {
  const order = builds.length > 1 ? [builds[0]!, builds[1]!, builds[1]!, builds[0]!] : Array.from({ length: alone }, () => builds[0]!);
  const runs: Record<string, ReplayInBrowser[]> = Object.fromEntries(builds.map((b) => [b.label, []]));
  for (const build of order) runs[build.label]!.push(await replayInBrowser(browser, build.httpUrl, boardId, token, span, jumps));
  // Each build's n-th run of early jumps goes to the same moments.
  const earlyRuns: Record<string, EarlyJump[]> = Object.fromEntries(builds.map((b) => [b.label, []]));
  for (const build of order) {
    const mine = earlyRuns[build.label]!;
    mine.push(...(await earlyJumps(browser, build.httpUrl, boardId, token, span, early, 31 + mine.length)));
  }
  const rows = builds.map((build) => {
    const mine = runs[build.label]!;
    const pooled = (kinds: JumpKind[], of: 'jumps' | 'cpu') => summarize(mine.flatMap((run) => kinds.flatMap((kind) => run[of][kind])));
    const cell = (kinds: JumpKind[]) => {
      const wall = pooled(kinds, 'jumps');
      const cpu = pooled(kinds, 'cpu');
      return wall.count ? `${ms(wall.p50)} / ${ms(wall.p95)} / ${ms(wall.max)}; CPU ${ms(cpu.mean)} (${wall.count})` : 'none';
    };
    const settled = mine.map((run) => `${run.windows.count}, ${ms(run.windows.lastMs)}; ${run.heapMb.toFixed(1)} MB`).join(' / ');
    return {
      build,
      cells: [build.label, mine.map((run) => ms(run.openMs)).join(' / '), settled, ...JUMP_KINDS.map((kind) => cell([kind])), cell(ANYWHERE)],
      ratios: COMPARED.map(({ label, kinds }) => ({ label, wall: pooled(kinds, 'jumps').p50, cpu: pooled(kinds, 'cpu').mean })),
    };
  });
  const lines = [
    table(
      [
        'build',
        'open: navigation to the first frame, each run',
        'then windows asked for, last answer (ms from navigation); JS heap, each run',
        ...JUMP_KINDS.map((kind) => `jump, ${kind}: p50 / p95 / max; browser CPU mean (count)`),
        'jump anywhere (far or window not loaded): p50 / p95 / max; browser CPU mean (count)',
      ],
      rows.map((r) => r.cells),
    ),
  ];
  lines.push('', earlyTable(builds, earlyRuns));
  if (rows.length > 1) {
    const [base, head] = rows as [(typeof rows)[0], (typeof rows)[0]];
    const against = head.ratios.map((r, i) => `${r.label}: ${ratio(r.wall, base.ratios[i]!.wall).toFixed(2)}x the time (p50), ${ratio(r.cpu, base.ratios[i]!.cpu).toFixed(2)}x the browser CPU (mean)`);
    lines.push('', `${head.build.label} against ${base.build.label}, jumps to a new document or window: ${against.join('; ')}.`);
  }
  return { markdown: lines.join('\n'), raw: runs, early: earlyRuns };
}

export function earlyTable(builds: ReplayBuild[], runs: Record<string, EarlyJump[]>): string {
  const kinds: EarlyJump['window'][] = ['asked by the jump', 'in flight', 'answered before'];
  const rows = builds.map((build) => {
    const mine = runs[build.label]!;
    const wall = summarize(mine.map((jump) => jump.ms));
    const waited = mine.filter((jump) => jump.window !== 'answered before');
    const answered = summarize(waited.map((jump) => jump.answeredMs));
    const after = summarize(waited.map((jump) => jump.ms - jump.answeredMs));
    return [
      build.label,
      `${ms(wall.p50)} / ${ms(wall.p95)} / ${ms(wall.max)} (${wall.count})`,
      kinds.map((kind) => mine.filter((jump) => jump.window === kind).length).join(' / '),
      waited.length ? `${ms(answered.p50)} / ${ms(after.p50)}` : 'none',
      `${mine.reduce((sum, jump) => sum + jump.otherAnswers, 0)} in ${mine.filter((jump) => jump.otherAnswers > 0).length}`,
      `${ms(summarize(mine.map((jump) => jump.longTasksMs)).p50)} / ${ms(summarize(mine.map((jump) => jump.longestTaskMs)).p50)}`,
      `${ms(summarize(mine.map((jump) => jump.mainThreadMs)).p50)} / ${ms(summarize(mine.map((jump) => jump.mainThreadMs)).mean)}; ${ms(summarize(mine.map((jump) => jump.cpuMs)).mean)}`,
    ];
  });
  return table(
    [
      'build',
      'early jump (a fresh page, as soon as its first card is drawn, to a moment in the first three windows): p50 / p95 / max (count)',
      'its window: asked for by the jump / in flight (an idle load) / answered before',
      'when not answered before: the answer, ms after the input / the frame, ms after the answer (p50)',
      "other windows' answers (idle loads) during the jumps, in how many jumps",
      "the main thread's long tasks during a jump: their sum / the longest (p50)",
      "CPU per jump: the page's main thread, p50 / mean; all the browser's processes, mean",
    ],
    rows,
  );
}
