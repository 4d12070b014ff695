import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './harness';
import { serverForTest } from './servers';

describe('security headers and /metrics (real server)', { timeout: 60_000 }, () => {
  it('serves the app with CSP, nosniff and no framing; /metrics needs METRICS_TOKEN when set', async ({ onTestFinished }) => {
    const dir = tempDir();
    const staticDir = join(dir, 'dist');
    mkdirSync(staticDir);
    const page = (inline: string) => `<!doctype html><head><script>${inline}</script><script src="/classic.js"></script></head><script type="module" src="/assets/app.js"></script>`;
    writeFileSync(join(staticDir, 'index.html'), page('askEarly()'));
    const server = await serverForTest(onTestFinished, { dataDir: dir, env: { STATIC_DIR: staticDir, METRICS_TOKEN: 'metrics-token-0123456789' } });
    const hashOf = (inline: string) => `'sha256-${createHash('sha256').update(inline).digest('base64')}'`;
    const board = await fetch(`${server.httpUrl}/b/some-board`);
    expect(board.status).toBe(200);
    const policy = board.headers.get('content-security-policy');
    // The page's one inline script, by its hash; no other inline script, no eval.
    expect(policy).toContain(`script-src 'self' ${hashOf('askEarly()')};`);
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(board.headers.get('x-content-type-options')).toBe('nosniff');
    expect(board.headers.get('x-frame-options')).toBe('DENY');
    // A build beside the running server replaces the page and its inline script.
    writeFileSync(join(staticDir, 'index.html'), page('askEarlyAgain()'));
    expect((await fetch(`${server.httpUrl}/`)).headers.get('content-security-policy')).toContain(`script-src 'self' ${hashOf('askEarlyAgain()')};`);
    expect((await fetch(`${server.httpUrl}/api/boards`, { method: 'POST' })).headers.get('x-content-type-options')).toBe('nosniff');

    expect((await fetch(`${server.httpUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.httpUrl}/metrics`, { headers: { Authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const metrics = await fetch(`${server.httpUrl}/metrics`, { headers: { Authorization: 'Bearer metrics-token-0123456789' } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('mldb_boards_created_total 1');
    expect(JSON.stringify(server.logs)).not.toContain('metrics-token-0123456789');
  });
});
