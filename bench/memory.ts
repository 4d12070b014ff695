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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function memoryBenchmark(ctx: BenchContext): Promise<BenchResult> {
  const capBytes = ctx.quick ? 2 * 1024 * 1024 : 32 * 1024 * 1024;
  // A budget that holds all three boards: this measures what they cost, not the budget.
  const server = await startOurs({ env: { MAX_DOCUMENT_BYTES: String(capBytes), MAX_LOADED_BYTES: String(4 * capBytes) } });
  try {
    await sleep(2_000);
    const before = readProc(server.pid).rssBytes;
    const watch = watchProc(server.pid, 100);
    const editors: WebSocket[] = [];
    const rows: string[][] = [];
    for (let i = 0; i < BOARDS; i++) {
      ctx.log(`memory: filling board ${i + 1} of ${BOARDS} to ${mb(capBytes)}`);
      const { editor, updates } = await fill(server, await server.createRoom());
      editors.push(editor);
      rows.push([`board ${i + 1} loaded (${num(updates)} updates of ${num(NODES_PER_UPDATE)} cards)`, mb(readProc(server.pid).rssBytes)]);
    }
    await sleep(1_000);
    const loaded = readProc(server.pid).rssBytes;
    for (const editor of editors) editor.close();
    const unloadStart = performance.now();
    while ((await boardsLoaded(server)) > 0) await sleep(100);
    const unloadMs = performance.now() - unloadStart;
    const justUnloaded = readProc(server.pid).rssBytes;
    await sleep(ctx.quick ? 2_000 : 15_000);
    const settled = readProc(server.pid).rssBytes;
    const peak = watch.stop().rssPeakBytes;
    rows.unshift(['before (server started, no board loaded)', mb(before)]);
    rows.push(
      ['three boards loaded', mb(loaded)],
      ['peak', mb(peak)],
      [`all unloaded (${num(unloadMs / 1000, 1)} s after the editors left)`, mb(justUnloaded)],
      [`${ctx.quick ? 2 : 15} s later`, mb(settled)],
    );
    return {
      id: 'memory',
      title: '11. Memory of large boards',
      markdown: [
        `A real server (default settings but MAX_DOCUMENT_BYTES=${mb(capBytes)} and a memory budget that holds the three boards); an editor each fills ${BOARDS} boards with note cards (${num(NODES_PER_UPDATE)} per update) ` +
          'until the server refuses more (close 4413: the board is at the cap), then stays connected so the board stays loaded. Then the editors leave, each board is ' +
          'compacted and unloaded. RSS of the server process from /proc, sampled every 100 ms for the peak.',
        '',
        table(['moment', 'server RSS'], rows),
      ].join('\n'),
      targets: [],
      raw: { capBytes, before, loaded, peak, justUnloaded, settled, unloadMs },
    };
  } finally {
    await server.stop();
  }
}
