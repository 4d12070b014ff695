import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../http';
import { removeDir, startServer, tempDir } from './harness';

describe('security headers and /metrics (real server)', { timeout: 60_000 }, () => {
  it('serves the app with CSP, nosniff and no framing; /metrics needs METRICS_TOKEN when set', async ({ onTestFinished }) => {
    const dir = tempDir();
    const staticDir = join(dir, 'dist');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
    const server = await startServer({ dataDir: dir, env: { STATIC_DIR: staticDir, METRICS_TOKEN: 'metrics-token-0123456789' } });
    onTestFinished(async () => {
      await server.stop('SIGKILL');
      removeDir(dir);
    });
    const page = await fetch(`${server.httpUrl}/b/some-board`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect((await fetch(`${server.httpUrl}/api/boards`, { method: 'POST' })).headers.get('x-content-type-options')).toBe('nosniff');

    expect((await fetch(`${server.httpUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.httpUrl}/metrics`, { headers: { Authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const metrics = await fetch(`${server.httpUrl}/metrics`, { headers: { Authorization: 'Bearer metrics-token-0123456789' } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('mldb_boards_created_total 1');
    expect(JSON.stringify(server.logs)).not.toContain('metrics-token-0123456789');
  });
});
