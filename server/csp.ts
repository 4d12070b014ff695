import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

/**
 * The app's Content-Security-Policy. Scripts only from this origin, and the page's inline scripts by
 * their hashes (the build inlines the page's first script, scripts/firstScript.ts, so that it runs as
 * the page is parsed). style-src needs 'unsafe-inline': React Flow positions every node, edge label
 * and the viewport with style attributes, and image export copies the page's style sheets into the
 * SVG it draws. img-src allows data: and blob: for the card icons (CSS data: URLs) and the exports (an
 * SVG drawn into a canvas, PNG/SVG downloads). connect-src 'self' covers the API and the WebSocket
 * (same origin). No framing (clickjacking of a board link), no plugins, no <base>.
 */
export function contentSecurityPolicy(inlineScriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...inlineScriptHashes.map((hash) => `'${hash}'`)].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The text of each inline script of an HTML page (between its tags: what CSP hashes). */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((match) => match[1]!);
}

/** The hash source (`sha256-<base64>`) of each inline script of an HTML page. */
export function inlineScriptHashes(html: string): string[] {
  return inlineScripts(html).map((script) => `sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`);
}

/**
 * The policy for the page `indexPath`, read again whenever the file changes: `npm run build` beside a
 * running server replaces index.html, and its inline script with it.
 */
export function policyOfPage(indexPath: string): () => string {
  let read: { version: string; policy: string } | null = null;
  return () => {
    let version = '';
    try {
      const stat = statSync(indexPath);
      version = `${stat.mtimeMs} ${stat.size}`;
      if (read?.version !== version) read = { version, policy: contentSecurityPolicy(inlineScriptHashes(readFileSync(indexPath, 'utf8'))) };
    } catch {
      // No page (yet): nothing inline is allowed.
      read = { version, policy: contentSecurityPolicy([]) };
    }
    return read.policy;
  };
}
