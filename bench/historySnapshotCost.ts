import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { boardMaps, nodeToY } from '../src/shared/yjsBoard';
import { History } from '../server/history/history';
import type { HistoryRecord, StoredSpan } from '../server/history/types';
import { RateLimitedLog } from '../server/limits';
import { createLogger } from '../server/log';
import { LeveldbStorage } from '../server/storage/leveldb';

/**
 * What one periodic history snapshot costs the server (docs/HISTORY.md): taken from the room's
 * document (the live path) against rebuilt from the stored snapshot and entries (what a room without
 * an exact document does). Each room is the sync benchmark's board (one node, its position written
 * 200 times, one author) in a real LevelDB; the timed part is the 200th append's noteStored and the
 * upkeep it queues, for every room of a set; sets alternate rebuilt, live, live, rebuilt. CPU from
 * process.cpuUsage (every thread). Not part of `npm run bench`: a tool for the history's live path.
 *
 *   npx tsx bench/historySnapshotCost.ts [--rooms=100] [--rounds=2]
 */
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const rooms = Number(arg('rooms', '100'));
const rounds = Number(arg('rounds', '2'));
const EVERY = 200;
const log = new RateLimitedLog(createLogger('silent'), 10, undefined, null);

interface Room {
  name: string;
  doc: Y.Doc;
  records: HistoryRecord[];
  span: StoredSpan;
}

/** A room whose history is one append short of a snapshot; `last` is that append, stored already. */
async function prepare(storage: LeveldbStorage, history: History, name: string, live: boolean): Promise<Room> {
  const doc = new Y.Doc();
  let last: Room | null = null;
  const appends: Array<Promise<void>> = [];
  doc.on('update', (update: Uint8Array) => {
    const records: HistoryRecord[] = [{ at: Date.now(), clientId: doc.clientID, name: 'Ada', update }];
    appends.push(
      storage.appendUpdate(name, update, records).then((span) => {
        if (span.seq < EVERY) history.noteStored(name, 1, { span, authors: records, doc: live ? doc : null });
        else last = { name, doc, records, span };
      }),
    );
  });
  const { nodes } = boardMaps(doc);
  nodes.set('probe', nodeToY({ id: 'probe', type: 'model-server', title: 'probe', position: { x: 0, y: 0 }, props: {} }));
  for (let x = 1; x < EVERY; x++) nodes.get('probe')!.set('position', { x, y: 0 });
  await Promise.all(appends);
  return last!;
}

async function measure(kind: 'rebuilt' | 'live', set: number): Promise<{ cpuMs: number; wallMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'mldb-snapshot-cost-'));
  const storage = await LeveldbStorage.open(dir);
  const history = new History(storage.history, { snapshotEveryUpdates: EVERY, snapshotEveryMs: 3_600_000, retentionMs: 30 * 86_400_000, log });
  try {
    const prepared = await Promise.all(Array.from({ length: rooms }, (_, i) => prepare(storage, history, `set${set}-room${i}`, kind === 'live')));
    const [cpu, start] = [process.cpuUsage(), performance.now()];
    for (const room of prepared) history.noteStored(room.name, 1, { span: room.span, authors: room.records, doc: kind === 'live' ? room.doc : null });
    await history.idle();
    const used = process.cpuUsage(cpu);
    const wallMs = performance.now() - start;
    const written = (await Promise.all(prepared.map((room) => storage.history.snapshotMarks(room.name)))).filter((marks) => marks.at(-1)?.seq === EVERY).length;
    if (written !== rooms) throw new Error(`${kind}: ${written} of ${rooms} snapshots written`);
    return { cpuMs: (used.user + used.system) / 1000, wallMs };
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// One set of each first: the code they run is compiled there, not in the timed sets.
await measure('rebuilt', -2);
await measure('live', -1);
const totals = { rebuilt: [] as number[], live: [] as number[] };
let set = 0;
for (let round = 0; round < rounds; round++) {
  for (const kind of ['rebuilt', 'live', 'live', 'rebuilt'] as const) {
    const { cpuMs, wallMs } = await measure(kind, set++);
    totals[kind].push(cpuMs / rooms);
    console.log(`${kind}: ${rooms} snapshots, CPU ${cpuMs.toFixed(1)} ms (${((cpuMs / rooms) * 1000).toFixed(0)} us each), wall ${wallMs.toFixed(1)} ms`);
  }
}
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
console.log(`per snapshot: rebuilt ${(mean(totals.rebuilt) * 1000).toFixed(0)} us, live ${(mean(totals.live) * 1000).toFixed(0)} us (${(mean(totals.live) / mean(totals.rebuilt)).toFixed(2)}x)`);
