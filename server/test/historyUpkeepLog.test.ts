import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { History } from '../history/history';
import { RateLimitedLog } from '../limits';
import { LeveldbStorage } from '../storage/leveldb';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('history upkeep failures', () => {
  it('are logged under the rate-limited budget, without a stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mldb-upkeep-'));
    dirs.push(dir);
    const storage = await LeveldbStorage.open(dir);
    // Storage that fails every call: the upkeep's reads throw as on a broken disk.
    await storage.close();
    const lines: Array<{ fields: Record<string, unknown>; msg: string }> = [];
    const write = ((fields: Record<string, unknown>, msg: string) => lines.push({ fields, msg })) as never;
    const history = new History(storage.history, {
      snapshotEveryUpdates: 1,
      snapshotEveryMs: 60_000,
      retentionMs: 86_400_000,
      log: new RateLimitedLog({ warn: write, error: write }, 10, undefined, null),
    });
    for (let i = 0; i < 25; i++) history.noteStored(`room-${i}`, 1);
    await history.idle();
    expect(lines).toHaveLength(10);
    for (const { fields, msg } of lines) {
      expect(msg).toBe('cannot keep the history up to date');
      expect(fields.reason).toBe('history_upkeep');
      expect(typeof fields.error).toBe('string');
      expect(JSON.stringify(fields)).not.toMatch(/\n\s+at /);
      expect(fields).not.toHaveProperty('err');
    }
  });
});
