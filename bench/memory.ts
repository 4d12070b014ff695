import { syncUpdateMessage } from '../server/test/poison';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { insertBoard } from '../src/shared/yjsBoard';
import { mb, num, table } from './lib/format';
import { readProc, watchProc } from './lib/proc';
import { startOurs, type BenchServer, type Room } from './lib/servers';
import type { BenchContext, BenchResult } from './types';

/**
 * Benchmark 11, memory of large boards: a real server process loads three boards filled to the
 * document cap (MAX_DOCUMENT_BYTES) by an editor each, keeps them loaded while the editors stay,
 * then unloads them when they leave. RSS of the server before, at the peak, and after the unloads.
 */
const NODES_PER_UPDATE = 4_000;
const BOARDS = 3;

/** An update adding `count` note cards with a paragraph each, as a client that never saw the board would write them. */
export function cards(prefix: string, count: number): Uint8Array {
  const doc = new Y.Doc();
  const text = 'Feature freshness matters more than model size for this ranker; retrain daily. '.repeat(2);
  insertBoard(doc, {
    nodes: Array.from({ length: count }, (_, i) => ({
      id: `${prefix}-${i}`,
      type: 'note',
      title: `Note ${prefix} ${i}`,
      position: { x: (i % 100) * 260, y: Math.floor(i / 100) * 140 },
      props: { text },
    })),
    edges: [],
  });
  return Y.encodeStateAsUpdate(doc);
}

export function open(server: BenchServer, room: Room): Promise<WebSocket> {
  const socket = new WebSocket(`${server.wsUrl}/${room.name}?token=${encodeURIComponent(room.params.token!)}`);
  return new Promise((resolve, reject) => (socket.once('open', () => resolve(socket)), socket.once('error', reject)));
}

/**
 * Opens an editor on the room, who stays (the board stays loaded), and sends cards from a second
 * socket until the server refuses more with 4413: the board is at the cap.
 */
async function fill(server: BenchServer, room: Room): Promise<{ editor: WebSocket; updates: number }> {
  const editor = await open(server, room);
  const writer = await open(server, room);
  let capped = false;
  writer.on('close', () => (capped = true));
  let updates = 0;
  while (!capped) {
    writer.send(syncUpdateMessage(cards(`u${updates}`, NODES_PER_UPDATE)));
    updates++;
    // Stored updates get no answer: pace the writes so the server is not buried in queued messages.
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return { editor, updates };
}

async function boardsLoaded(server: BenchServer): Promise<number> {
  return ((await (await fetch(`${server.httpUrl}/healthz`)).json()) as { boardsLoaded: number }).boardsLoaded;
}

/** Where the server's memory is: RSS from /proc, the V8 heap and what V8 counts outside it (ArrayBuffers) from /metrics; the rest is native (malloc, code). */
export interface MemoryReading {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

async function memoryOf(server: BenchServer): Promise<MemoryReading> {
  const text = await (await fetch(`${server.httpUrl}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
  return {
    rss: readProc(server.pid).rssBytes,
    heapUsed: value('nodejs_heap_size_used_bytes'),
    heapTotal: value('nodejs_heap_size_total_bytes'),
    external: value('nodejs_external_memory_bytes'),
  };
}

const memoryRow = (moment: string, m: MemoryReading) => [moment, mb(m.rss), `${mb(m.heapUsed)} / ${mb(m.heapTotal)}`, mb(m.external), mb(m.rss - m.heapTotal - m.external)];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function memoryBenchmark(ctx: BenchContext): Promise<BenchResult> {
  const capBytes = ctx.quick ? 2 * 1024 * 1024 : 32 * 1024 * 1024;
  // A budget that holds all three boards: this measures what they cost, not the budget.
  const server = await startOurs({ env: { MAX_DOCUMENT_BYTES: String(capBytes), MAX_LOADED_BYTES: String(4 * capBytes) } });
  try {
    await sleep(2_000);
    const before = await memoryOf(server);
    const watch = watchProc(server.pid, 100);
    const editors: WebSocket[] = [];
    const rows: string[][] = [memoryRow('before (server started, no board loaded)', before)];
    for (let i = 0; i < BOARDS; i++) {
      ctx.log(`memory: filling board ${i + 1} of ${BOARDS} to ${mb(capBytes)}`);
      const { editor, updates } = await fill(server, await server.createRoom());
      editors.push(editor);
      rows.push(memoryRow(`board ${i + 1} loaded (${num(updates)} updates of ${num(NODES_PER_UPDATE)} cards)`, await memoryOf(server)));
    }
    await sleep(1_000);
    const loaded = await memoryOf(server);
    for (const editor of editors) editor.close();
    const unloadStart = performance.now();
    while ((await boardsLoaded(server)) > 0) await sleep(100);
    const unloadMs = performance.now() - unloadStart;
    const justUnloaded = await memoryOf(server);
    rows.push(memoryRow('three boards loaded', loaded), memoryRow(`all unloaded (${num(unloadMs / 1000, 1)} s after the editors left)`, justUnloaded));
    // Then while the server is idle: V8 shrinks its heap over its next collections, which an idle process runs only now and then.
    const settled: Record<number, MemoryReading> = {};
    for (const seconds of ctx.quick ? [2] : [5, 15, 30, 60, 120]) {
      await sleep(seconds * 1000 - (performance.now() - unloadStart - unloadMs));
      settled[seconds] = await memoryOf(server);
      rows.push(memoryRow(`${seconds} s later`, settled[seconds]));
    }
    const peak = watch.stop().rssPeakBytes;
    return {
      id: 'memory',
      title: '11. Memory of large boards',
      markdown: [
        `A real server, run as \`npm start\` runs it (server/serve.sh: glibc's MALLOC_MMAP_THRESHOLD_ and MALLOC_ARENA_MAX set), with default settings but MAX_DOCUMENT_BYTES=${mb(capBytes)} and a memory budget that holds the three boards); an editor each fills ${BOARDS} boards with note cards (${num(NODES_PER_UPDATE)} per update) ` +
          'until the server refuses more (close 4413: the board is at the cap), then stays connected so the board stays loaded. Then the editors leave, each board is ' +
          `compacted and unloaded. RSS of the server process from /proc (peak ${mb(peak)}, sampled every 100 ms); the V8 heap (used / committed) and external memory ` +
          '(ArrayBuffers and other memory V8 is told of) from its /metrics; the rest is native: malloc (LevelDB, buffers freed but kept by the allocator), code and stacks.',
        '',
        table(['moment', 'server RSS', 'V8 heap used / committed', 'external', 'rest (native)'], rows),
      ].join('\n'),
      targets: [],
      raw: { capBytes, before, loaded, peak, justUnloaded, settled, unloadMs, malloc: { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX, MALLOC_TRIM_THRESHOLD_: process.env.MALLOC_TRIM_THRESHOLD_ } },
    };
  } finally {
    await server.stop();
  }
}
