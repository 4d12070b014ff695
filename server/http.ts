import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { policyOfPage } from './csp';
import { errorFields, type RateLimitedLog } from './limits';
import type { Logger } from './log';
import type { Metrics } from './metrics';
import type { StorageStatus } from './storage/types';

export interface HttpOptions {
  /** When set, GET /metrics needs `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string;
  /** Failures a client can repeat at will are logged through it, without stacks. */
  rlog: RateLimitedLog;
  staticDir: string;
  metrics: Metrics;
  log: Logger;
  api: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
  /** Scale-out mode asks the database, hence the promise. */
  health: () => Health | Promise<Health>;
}

export interface Health {
  boardsLoaded: number;
  /** Encoded bytes of the loaded boards (what MAX_LOADED_BYTES bounds). */
  loadedBytes: number;
  connections: number;
  storage: StorageStatus;
  /** Scale-out mode: the connections to Redis. */
  redis?: { ok: boolean; error?: string };
}

/** Constant-time comparison of a bearer token with the expected one. */
function bearerMatches(header: string | undefined, expected: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const given = createHash('sha256').update(header.slice(7).trim()).digest();
  return timingSafeEqual(given, createHash('sha256').update(expected).digest());
}

type Handler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

function text(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

/**
 * Everything that is not a WebSocket upgrade:
 *   GET /healthz  JSON { ok, uptime, boardsLoaded, loadedBytes, connections, storage, redis? } (503 when storage or Redis is failing)
 *   GET /metrics  Prometheus text format
 *   /api/...      api.ts
 *   /ws/...       426 without an upgrade
 *   GET anything else: the built app from STATIC_DIR; paths that are not files (/, /b/<id>, /new, ...)
 *   get index.html; hashed files under /assets/ are cached for a year. 503 when the app is not built.
 */
export function createHttpHandler(options: HttpOptions) {
  const { staticDir, metrics } = options;
  const startedAt = Date.now();
  let serveStatic: Handler | null = null;
  const policy = policyOfPage(join(staticDir, 'index.html'));

  const staticHandler = (): Handler | null => {
    if (serveStatic) return serveStatic;
    if (!existsSync(join(staticDir, 'index.html'))) return null;
    serveStatic = sirv(staticDir, {
      // Look each file up on disk rather than in a list made at start: `npm run build` beside a
      // running server replaces index.html and the hashed assets, and a stale list serves the old
      // length (a truncated page) and the removed files (a read error). A stat per request is cheap
      // next to the few files a page loads.
      dev: true,
      single: true,
      etag: true,
      dotfiles: false,
      setHeaders: (res, pathname) => {
        res.setHeader('Cache-Control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Content-Security-Policy', policy());
        res.setHeader('X-Frame-Options', 'DENY');
        // Board links carry their token: never send the page address to other sites.
        res.setHeader('Referrer-Policy', 'no-referrer');
      },
    }) as Handler;
    return serveStatic;
  };

  return function handle(req: IncomingMessage, res: ServerResponse): void {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return text(res, 400, 'Bad request\n');
    }
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const isRead = method === 'GET' || method === 'HEAD';

    if (path === '/healthz') {
      if (!isRead) return text(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
      void Promise.resolve(options.health())
        .then((health) => {
          const ok = health.storage.ok && (health.redis?.ok ?? true);
          const body = JSON.stringify({
            ok,
            uptime: Math.round((Date.now() - startedAt) / 1000),
            boardsLoaded: health.boardsLoaded,
            loadedBytes: health.loadedBytes,
            connections: health.connections,
            storage: health.storage,
            ...(health.redis ? { redis: health.redis } : {}),
          });
          res.writeHead(ok ? 200 : 503, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
          res.end(body);
        })
        .catch((error: unknown) => {
          options.rlog.error('health_failed', errorFields(error), 'health check failed');
          if (!res.headersSent) text(res, 500, 'Internal server error\n');
        });
      return;
    }
    if (path === '/metrics') {
      if (!isRead) return text(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
      if (options.metricsToken !== undefined && !bearerMatches(req.headers.authorization, options.metricsToken)) {
        return text(res, 401, 'Metrics need Authorization: Bearer <METRICS_TOKEN>\n', { 'WWW-Authenticate': 'Bearer realm="metrics"' });
      }
      metrics
        .render()
        .then((body) => text(res, 200, body, { 'Content-Type': metrics.contentType }))
        .catch((error: unknown) => {
          options.rlog.error('metrics_failed', errorFields(error), 'metrics could not be rendered');
          if (!res.headersSent) text(res, 500, 'Internal server error\n');
        });
      return;
    }
    if (path === '/api' || path.startsWith('/api/')) {
      options.api(req, res, url).catch((error: unknown) => {
        options.rlog.error('api_error', { path: path.slice(0, 200), ...errorFields(error) }, 'API error');
        if (!res.headersSent) text(res, 500, 'Internal server error\n');
        else res.destroy();
      });
      return;
    }
    if (path === '/ws' || path.startsWith('/ws/')) return text(res, 426, 'This is the WebSocket endpoint: /ws/<room>?token=<token>\n', { Upgrade: 'websocket' });
    if (!isRead) return text(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });

    const serve = staticHandler();
    if (!serve) return text(res, 503, `The app is not built: ${join(staticDir, 'index.html')} is missing. Run \`npm run build\` (or \`npm start\`, which builds first).\n`);
    // sirv pipes a read stream without an error listener: a file removed between its stat and its
    // read would throw from the stream and end the process. Such a request fails alone instead.
    res.once('pipe', (source) =>
      source.once('error', (error: Error) => {
        options.rlog.warn('static_vanished', { path: path.slice(0, 200), ...errorFields(error) }, 'static file vanished while being sent');
        res.destroy();
      }),
    );
    serve(req, res, () => text(res, 404, 'Not found\n'));
  };
}
