import { afterAll, beforeAll } from 'vitest';
import { removeDir, startServer, type ServerHandle } from './harness';

/** Vitest's own hooks around real server processes (server/test/harness.ts stays free of Vitest: benchmarks and e2e specs use it). */
type StartOptions = Parameters<typeof startServer>[0];
type OnTestFinished = (fn: () => Promise<void>) => void;

/** A real server for one test: killed, and its data directory removed, when the test finishes. */
export async function serverForTest(onTestFinished: OnTestFinished, options: StartOptions = {}): Promise<ServerHandle> {
  const server = await startServer(options);
  onTestFinished(async () => {
    await server.stop('SIGKILL');
    removeDir(server.dataDir);
  });
  return server;
}

/** A real server shared by a file's tests: filled in before they run, stopped and its data directory removed after them. */
export function serverForFile(options: StartOptions = {}): ServerHandle {
  const server = {} as ServerHandle;
  beforeAll(async () => {
    Object.assign(server, await startServer(options));
  }, 30_000);
  afterAll(async () => {
    if (!server.proc) return;
    await server.stop();
    removeDir(server.dataDir);
  }, 30_000);
  return server;
}
