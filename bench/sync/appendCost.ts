import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as Y from 'yjs';
import { LeveldbStorage } from '../../server/storage/leveldb';

/**
 * What storing one update costs, this checkout's storage against another's: the process's CPU (every
 * thread: LevelDB writes on libuv's pool) per LevelDB append of a moved card's update with its history
 * entry (time and author), the two storages' appends alternating over 100 rooms, each awaited. Not part
 * of `npm run bench`: a tool for the storage's append path.
 *
 *   npx tsx bench/sync/appendCost.ts --base=<checkout> [--appends=40000]
 */
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const appends = Number(arg('appends', '40000'));
const base = arg('base', '');
if (base === '') throw new Error('--base=<checkout> is required: the storage to compare with');
type Storage = Pick<LeveldbStorage, 'appendUpdate' | 'close'>;
const { LeveldbStorage: BaseStorage } = (await import(resolve(base, 'server/storage/leveldb.ts'))) as { LeveldbStorage: { open(dir: string): Promise<Storage> } };

const doc = new Y.Doc();
let update: Uint8Array = new Uint8Array();
doc.on('update', (u: Uint8Array) => (update = u));
doc.getMap('nodes').set('position', { x: 1, y: 2 });
const dirs = [mkdtempSync(join(tmpdir(), 'append-cost-')), mkdtempSync(join(tmpdir(), 'append-cost-'))];
const storages: Record<'base' | 'head', Storage> = { base: await BaseStorage.open(dirs[0]!), head: await LeveldbStorage.open(dirs[1]!) };
const rooms = Array.from({ length: 100 }, (_, i) => `board:${String(i).padStart(22, '0')}`);
const records = () => [{ clientId: 1234567890, name: 'Writer', at: Date.now(), update }];
for (const storage of Object.values(storages)) for (const room of rooms) await storage.appendUpdate(room, update, records());
const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const spent = { base: 0, head: 0 };
for (let i = 0; i < appends; i++) {
  const which = i % 2 === 0 ? 'base' : 'head';
  const start = cpuMicros();
  await storages[which].appendUpdate(rooms[Math.floor(i / 2) % rooms.length]!, update, records());
  spent[which] += cpuMicros() - start;
}
for (const storage of Object.values(storages)) await storage.close();
for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
const perAppend = (micros: number) => micros / (appends / 2);
console.log(`CPU per append with its history entry: base ${perAppend(spent.base).toFixed(1)} us, head ${perAppend(spent.head).toFixed(1)} us (head / base ${(spent.head / spent.base).toFixed(3)})`);
