import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { isPermanentClose } from '../../src/shared/closeCodes';
import type { Counter } from '../metrics';
import type { TotalCounter } from '../totalCounter';
import { encodeAwareness } from '../protocol';

/** Spawns the real server and talks to it like the app does. */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Every server still running; killed when the test process exits, so a failed run leaves none behind. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const proc of running) proc.kill('SIGKILL');
});

/** Limits lifted for a test whose many clients all come from 127.0.0.1 (per-address caps and message rates). */
export const LOOPBACK_CROWD_LIMITS: Record<string, string> = {
  MESSAGES_PER_SECOND: '100000',
  MESSAGE_BURST: '100000',
  SYNC_REQUEST_BURST_PER_ADDRESS: '100000',
  MAX_CONNECTIONS_PER_ADDRESS: '100000',
  UPGRADE_BURST_PER_ADDRESS: '100000',
  AWARENESS_BYTES_PER_SECOND_PER_ADDRESS: '1073741824',
};

export interface LogLine {
  msg?: string;
  level?: number;
  [key: string]: unknown;
}

export interface ServerHandle {
  port: number;
  httpUrl: string;
  wsUrl: string;
  dataDir: string;
  proc: ChildProcess;
  logs: LogLine[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (or another signal) and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function tempDir(prefix = 'mldb-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * How to run server/main.ts: the bundle Vitest's globalSetup.ts made for this run (MLDB_SERVER_BUNDLE),
 * otherwise the sources through tsx (end-to-end specs that start a server of their own).
 */
const SERVER_ARGS = process.env.MLDB_SERVER_BUNDLE ? [process.env.MLDB_SERVER_BUNDLE] : ['--import', 'tsx', 'server/main.ts'];

export async function startServer(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<ServerHandle> {
  const dataDir = options.dataDir ?? tempDir();
  const proc = spawn(process.execPath, SERVER_ARGS, {
    cwd: ROOT,
    // The default mode (LevelDB) unless the test asks for scale-out: CI exports DATABASE_URL and REDIS_URL for the scale-out tests.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: join(dataDir, 'no-dist'), LOG_LEVEL: 'info', DATABASE_URL: '', REDIS_URL: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const stderr: string[] = [];
  running.add(proc);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    proc.once('exit', (code, signal) => {
      running.delete(proc);
      resolveExit({ code, signal });
    }),
  );
  createInterface({ input: proc.stderr! }).on('line', (line) => stderr.push(line));
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => {
      // A server that never said it listens is killed here: no test holds a handle to stop it.
      proc.kill('SIGKILL');
      reject(new Error(`server did not start in 60 s; stderr: ${stderr.join('\n')}`));
    }, 60_000);
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      let entry: LogLine;
      try {
        entry = JSON.parse(line) as LogLine;
      } catch {
        entry = { msg: line };
      }
      logs.push(entry);
      if (entry.msg === 'listening') {
        clearTimeout(timer);
        resolvePort(entry.port as number);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening; stderr: ${stderr.join('\n')}`));
    });
  });
  return {
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    dataDir,
    proc,
    logs,
    stderr,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}

/** A server's output as text, for the report of a failed test: each stdout line (JSON) and each stderr line. */
export function serverOutput(label: string, server: ServerHandle): string {
  const lines = [...server.logs.map((line) => JSON.stringify(line)), ...server.stderr.map((line) => `stderr: ${line}`)];
  return [`--- ${label} (port ${server.port}, exit ${server.proc.exitCode ?? server.proc.signalCode ?? 'running'}): ${lines.length} lines ---`, ...lines].join('\n');
}

export interface Board {
  boardId: string;
  tokens: { interviewer: string; edit: string; read: string };
}

export async function createBoard(server: ServerHandle): Promise<Board> {
  const response = await fetch(`${server.httpUrl}/api/boards`, { method: 'POST' });
  if (response.status !== 201) throw new Error(`POST /api/boards: ${response.status}`);
  return (await response.json()) as Board;
}

/** Polls `condition` until it is true; fails with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000, everyMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves at the first sync, with a copy of the document as it was at that moment. */
  firstSync: Promise<Y.Doc>;
  closes: Array<{ code: number; reason: string }>;
  destroy(): void;
}

/** A y-websocket client as the app creates it (in Node, with `ws`, no BroadcastChannel). */
export function connect(server: ServerHandle, room: string, token: string, options: { doc?: Y.Doc; connect?: boolean } = {}): Client {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(server.wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    maxBackoffTime: 300,
    connect: options.connect ?? true,
    // As the app's provider (src/sync/connect.ts): y-websocket stops on every 44xx code, but after 4400 and 4409 the app reconnects and resyncs.
    shouldReconnect: (event) => !isPermanentClose(event.code),
  });
  const closes: Array<{ code: number; reason: string }> = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  const firstSync = new Promise<Y.Doc>((resolveSync) => {
    const onSync = (synced: boolean) => {
      if (!synced) return;
      provider.off('sync', onSync);
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      resolveSync(copy);
    };
    provider.on('sync', onSync);
  });
  return {
    doc,
    provider,
    firstSync,
    closes,
    destroy() {
      provider.destroy();
    },
  };
}

/** A raw WebSocket to a room; resolves when open, rejects with the HTTP status if the upgrade is refused. */
export function rawSocket(server: ServerHandle, room: string, token: string | null): Promise<WebSocket> {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(`${server.wsUrl}/${room}${query}`);
  return new Promise((resolveOpen, reject) => {
    ws.once('open', () => resolveOpen(ws));
    ws.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode }));
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

/** Waits for a raw socket to close; returns its close code and reason. */
export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve({ code: -1, reason: 'already closed' });
  return new Promise((resolveClose) => ws.once('close', (code, reason) => resolveClose({ code, reason: reason.toString() })));
}

/** A metric value from /metrics (`name` with its labels, as written there). */
export async function metric(server: ServerHandle, name: string): Promise<number> {
  const text = await (await fetch(`${server.httpUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(name + ' '));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

/** A seeded PRNG (mulberry32) so random tests are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The value of an in-process server's counter for exactly these labels (0 before its first count). */
export async function counted(counter: Pick<Counter, 'get'> | TotalCounter, labels: Record<string, string> = {}): Promise<number> {
  const { values } = await counter.get();
  const same = (other: Partial<Record<string, string | number>>) => Object.keys(other).length === Object.keys(labels).length && Object.entries(labels).every(([key, value]) => other[key] === value);
  return values.find((entry) => same(entry.labels))?.value ?? 0;
}

type AwarenessEntry = [clientId: number, clock: number, state: unknown];

/** A raw awareness update: entries of (client id, clock, state), `null` meaning "remove". */
export function awarenessUpdate(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

/** awarenessUpdate as a client's WebSocket message. */
export function awarenessMessage(entries: AwarenessEntry[]): Uint8Array {
  return encodeAwareness(awarenessUpdate(entries));
}

/**
 * What a presence spoofer sends: the victim's client id with a newer clock and the sender's name,
 * its own id, then the victim's removal. The ownership rule drops the two entries for the victim.
 */
export function spoofPresence(ws: WebSocket, victimId: number, ownId: number, name: string): void {
  ws.send(
    awarenessMessage([
      [victimId, 1_000, { user: { name } }],
      [ownId, 1, { user: { name } }],
    ]),
  );
  ws.send(awarenessMessage([[victimId, 1_001, null]]));
}
