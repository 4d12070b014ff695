import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { LeveldbStorage } from '../../server/storage/leveldb';

/**
 * What the history's entry adds to storing one update: the process's CPU (every thread: LevelDB writes on
 * libuv's pool) per LevelDB append of a moved card's update, appends with and without their history entry
 * alternating over 100 rooms, each awaited. Not part of `npm run bench`: a tool for the storage's append path.
 *
 *   npx tsx bench/sync/appendCost.ts [--appends=40000]
 */
const appends = Number(process.argv.find((a) => a.startsWith('--appends='))?.split('=')[1] ?? '40000');
const doc = new Y.Doc();
let update: Uint8Array = new Uint8Array();
doc.on('update', (u: Uint8Array) => (update = u));
doc.getMap('nodes').set('position', { x: 1, y: 2 });
const dir = mkdtempSync(join(tmpdir(), 'append-cost-'));
const storage = await LeveldbStorage.open(dir);
const rooms = Array.from({ length: 100 }, (_, i) => `board:${String(i).padStart(22, '0')}`);
const records = () => [{ clientId: 1234567890, name: 'Writer', at: Date.now(), update }];
for (const room of rooms) await storage.appendUpdate(room, update, records());
const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const spent = { without: 0, with: 0 };
for (let i = 0; i < appends; i++) {
  const withEntry = i % 2 === 1;
  const start = cpuMicros();
  await storage.appendUpdate(rooms[i % rooms.length]!, update, withEntry ? records() : []);
  spent[withEntry ? 'with' : 'without'] += cpuMicros() - start;
}
await storage.close();
rmSync(dir, { recursive: true, force: true });
const perAppend = (micros: number) => (micros / (appends / 2)).toFixed(1);
console.log(`CPU per append: ${perAppend(spent.without)} us without its history entry, ${perAppend(spent.with)} us with it`);
