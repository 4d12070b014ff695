import { expect, test, type Page } from '@playwright/test';
import { addFromPalette, connect, createBoard, download, importBeside, inspector, nodeByTitle } from './helpers';

/**
 * The app works under the server's Content-Security-Policy (server/http.ts): loading, editing,
 * exporting PNG, SVG and JSON, and importing a file raise no violation, neither as a
 * `securitypolicyviolation` event nor as a console message.
 */
interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

declare global {
  interface Window {
    cspViolations: Violation[];
  }
}

async function watchViolations(page: Page): Promise<string[]> {
  // Before any script of the page runs, on every document the page opens.
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample, source: `${event.sourceFile}:${event.lineNumber}` });
    });
  });
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) console.push(message.text());
  });
  return console;
}

const violations = (page: Page) => page.evaluate(() => window.cspViolations);

test('loading, editing, exporting PNG, SVG and JSON and importing raise no Content-Security-Policy violation', async ({ page }) => {
  test.setTimeout(180_000);
  const consoleViolations = await watchViolations(page);
  const landing = await page.goto('/');
  const policy = landing!.headers()['content-security-policy'];
  expect(policy).toContain("script-src 'self'");

  await createBoard(page);
  await addFromPalette(page, 'Client app');
  await addFromPalette(page, 'Model server');
  const app = nodeByTitle(page, 'Client app');
  const server = nodeByTitle(page, 'Model server');
  const appLeft = (await app.boundingBox())!.x < (await server.boundingBox())!.x;
  await connect(page, app, server, appLeft ? 'right' : 'left', appLeft ? 'left' : 'right');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await server.click();
  await inspector(page).getByLabel('Latency budget').fill('50');
  await expect(server.locator('.component-node-face')).toContainText('50 ms');

  const png = await download(page, 'Download PNG');
  expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  const svg = await download(page, 'Download SVG');
  expect(svg.bytes.toString('utf8')).toContain('<svg');
  const json = await download(page, 'Download JSON');
  await page.keyboard.press('Escape');
  await importBeside(page, { name: 'board.json', mimeType: 'application/json', buffer: json.bytes });
  await expect(page.locator('.react-flow__node')).toHaveCount(4);

  expect(await violations(page)).toEqual([]);
  expect(consoleViolations).toEqual([]);

  // The watch itself works: an inline script, which the policy forbids, is reported both ways.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.body.append(script);
  });
  await expect.poll(() => violations(page)).toEqual([expect.objectContaining({ directive: 'script-src-elem' })]);
  await expect.poll(() => consoleViolations.length).toBe(1);
  expect(await page.evaluate(() => (window as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
});
