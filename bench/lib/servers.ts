import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './paths';

/**
 * The two collaboration servers the benchmarks compare, each in its own child process with a fresh
 * data directory: ours (`server/main.ts`, LevelDB storage, updates stored before they are relayed)
 * and the reference (@y/websocket-server 0.1.x with YPERSISTENCE, i.e. y-leveldb).
 */
export type ServerKind = 'ours' | 'reference';

export const SERVER_LABEL: Record<ServerKind, string> = {
  ours: 'ours (server/main.ts, LevelDB)',
  reference: 'reference (@y/websocket-server 0.1.1, YPERSISTENCE)',
};

export interface Room {
  /** What the y-websocket provider is given as its room name. */
  name: string;
  /** URL parameters the provider sends (our server's token). */
  params: Record<string, string>;
}

export interface BenchServer {
  kind: ServerKind;
  pid: number;
  port: number;
  httpUrl: string;
  /** The provider's `serverUrl`; the room name is appended to it. */
  wsUrl: string;
  /** A new room an editor may join (ours: POST /api/boards and the edit token). */
  createRoom(): Promise<Room>;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function track(child: ChildProcess, dataDir: string): () => Promise<void> {
  children.add(child);
  let stopping = false;
  // A server that dies during a benchmark says why on stderr (or in its last log lines): keep the end of both.
  const last: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream }).on('line', (line) => last.push(line) > 20 && last.shift());
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      if (!stopping) process.stderr.write(`server ${child.pid} exited (${code ?? signal}) during the benchmark; its last lines:\n${last.join('\n')}\n`);
      resolve();
    }),
  );
  void exited.then(() => children.delete(child));
  return async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    rmSync(dataDir, { recursive: true, force: true });
  };
}

/** Resolves when a line of the child's stdout matches; rejects if it exits first or after 60 s. */
function waitForLine(child: ChildProcess, match: (line: string) => boolean, what: string): Promise<void> {
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start in 60 s: ${stderr.join('\n')}`)), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (match(line)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code ?? signal}) before listening: ${stderr.join('\n')}`));
    });
  });
}

/** `cwd`: another checkout holding server/main.ts, to compare a change to the server with the same harness. */
export async function startOurs(options: { staticDir?: string; env?: Record<string, string>; cwd?: string } = {}): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mldb-bench-ours-'));
  const port = await freePort();
  // BENCH_SERVER_CWD: another checkout's server (a baseline measured side by side with this one).
  const cwd = options.cwd ?? process.env.BENCH_SERVER_CWD ?? ROOT;
  // The way `npm start` runs it (server/serve.sh sets the allocator; it execs node, so the pid is the server's); a checkout without it, directly.
  const [command, args] = existsSync(join(cwd, 'server/serve.sh')) ? ['sh', ['server/serve.sh']] : [process.execPath, ['--import', 'tsx', 'server/main.ts']];
  const child = spawn(command, args, {
    cwd,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STATIC_DIR: options.staticDir ?? join(dataDir, 'no-static'),
      LOG_LEVEL: 'info',
      // The default mode (LevelDB), although CI exports DATABASE_URL and REDIS_URL for the scale-out tests.
      DATABASE_URL: '',
      REDIS_URL: '',
      // Every load client connects from 127.0.0.1: per-address limits would measure themselves.
      MAX_CONNECTIONS_PER_ADDRESS: '1000000',
      UPGRADE_BURST_PER_ADDRESS: '1000000',
      SYNC_REQUESTS_PER_MINUTE_PER_ADDRESS: '1000000',
      SYNC_REQUEST_BURST_PER_ADDRESS: '1000000',
      AWARENESS_BYTES_PER_SECOND_PER_ADDRESS: '1073741824',
      SYNC_ANSWER_BYTES_PER_SECOND_PER_ADDRESS: '17179869184',
      AWARENESS_FANOUT_BYTES_PER_SECOND_PER_ADDRESS: '17179869184',
      BOARD_CREATION_BURST: '1000000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = track(child, dataDir);
  await waitForLine(child, (line) => line.includes('"msg":"listening"'), 'our server');
  const httpUrl = `http://127.0.0.1:${port}`;
  return {
    kind: 'ours',
    pid: child.pid!,
    port,
    httpUrl,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    async createRoom() {
      const response = await fetch(`${httpUrl}/api/boards`, { method: 'POST' });
      if (response.status !== 201) throw new Error(`POST /api/boards answered ${response.status}`);
      const { boardId, tokens } = (await response.json()) as { boardId: string; tokens: { edit: string; interviewer: string } };
      return { name: boardId, params: { token: tokens.edit } };
    },
    stop,
  };
}

export async function startReference(): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mldb-bench-reference-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['node_modules/@y/websocket-server/src/server.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', YPERSISTENCE: join(dataDir, 'leveldb') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = track(child, dataDir);
  await waitForLine(child, (line) => line.startsWith('running at'), 'the reference server');
  let next = 0;
  return {
    kind: 'reference',
    pid: child.pid!,
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    async createRoom() {
      return { name: `bench-${process.pid}-${next++}`, params: {} };
    },
    stop,
  };
}

export function startServer(kind: ServerKind): Promise<BenchServer> {
  return kind === 'ours' ? startOurs() : startReference();
}
