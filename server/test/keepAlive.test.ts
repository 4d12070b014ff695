import { Agent, get } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startServer } from './harness';

/** GET on `agent` (one kept-alive connection): status, and whether the request went over the connection of the previous one. */
function request(url: string, agent: Agent): Promise<{ status: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent }, (res) => {
      res.resume();
      res.once('end', () => resolve({ status: res.statusCode!, reused: req.reusedSocket }));
    });
    req.once('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('kept-alive HTTP connections (real server)', { timeout: 60_000 }, () => {
  it('answers a request sent on an idle kept-alive connection while the event loop was stalled for 7 s', async ({ onTestFinished }) => {
    const server = await startServer();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    onTestFinished(async () => {
      agent.destroy();
      server.proc.kill('SIGCONT');
      await server.stop('SIGKILL');
    });
    expect(await request(`${server.httpUrl}/healthz`, agent)).toEqual({ status: 200, reused: false });
    // A stopped process is an event loop that runs nothing (as while a board at the cap is encoded on a loaded
    // machine): the request waits unread in the socket, and the connection's idle timer is due when it resumes.
    server.proc.kill('SIGSTOP');
    const answer = request(`${server.httpUrl}/healthz`, agent);
    await sleep(7_000);
    server.proc.kill('SIGCONT');
    expect(await answer).toEqual({ status: 200, reused: true });
  });
});
