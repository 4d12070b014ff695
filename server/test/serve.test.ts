import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { removeDir, tempDir, type LogLine } from './harness';

/** server/serve.sh as `npm start` runs it: its allocator settings (or the environment's), and node in its place. */
function serve(env: Record<string, string>): { pid: number; lines: LogLine[]; listening: Promise<LogLine>; exited: Promise<number | null> } {
  const dir = tempDir();
  const child = spawn('sh', ['server/serve.sh'], {
    cwd: join(import.meta.dirname, '../..'),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, STATIC_DIR: join(dir, 'no-dist'), DATABASE_URL: '', REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: LogLine[] = [];
  const listening = new Promise<LogLine>((resolve) =>
    createInterface({ input: child.stdout! }).on('line', (text) => {
      const line = JSON.parse(text) as LogLine;
      lines.push(line);
      if (line.msg === 'listening') resolve(line);
    }),
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => (removeDir(dir), resolve(code))));
  return { pid: child.pid!, lines, listening, exited };
}

describe('server/serve.sh (real server)', { timeout: 60_000 }, () => {
  it("sets glibc's allocator unless the environment does, and the server takes the shell's place (SIGTERM to its pid stores and stops)", async () => {
    const byDefault = serve({ MALLOC_MMAP_THRESHOLD_: '', MALLOC_ARENA_MAX: '' });
    const overridden = serve({ MALLOC_ARENA_MAX: '4' });
    try {
      expect((await byDefault.listening).malloc).toEqual({ MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_ARENA_MAX: '2' });
      expect((await overridden.listening).malloc).toMatchObject({ MALLOC_ARENA_MAX: '4' });
    } finally {
      process.kill(byDefault.pid, 'SIGTERM');
      process.kill(overridden.pid, 'SIGTERM');
    }
    expect(await byDefault.exited).toBe(0);
    expect(byDefault.lines.map((line) => line.msg)).toContain('stopped');
    await overridden.exited;
  });
});
