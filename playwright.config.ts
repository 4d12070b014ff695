import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests run the production build (`npm run test:e2e` builds first) served by the real
 * collaboration server, in Debian's Chromium (Playwright's own browsers cannot be downloaded here).
 */
const PORT = Number(process.env.E2E_PORT ?? 8181);
/** E2E_STATIC_DIR: a build of one's own (`vite build --outDir <dir>`), so engineers testing side by side do not rebuild each other's dist/. */
const STATIC_DIR = process.env.E2E_STATIC_DIR ?? 'dist';
const dataDir = mkdtempSync(join(tmpdir(), 'mldb-e2e-'));

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // [collab] Every test browser already has a name, so the "Join the board" dialog (asked once a
    // second person is on a board) stays away; e2e/collab.spec.ts opens fresh contexts to test it.
    storageState: {
      cookies: [],
      origins: [{ origin: `http://127.0.0.1:${PORT}`, localStorage: [{ name: 'mldb.profile', value: JSON.stringify({ name: 'Tester' }) }] }],
    },
    viewport: { width: 1440, height: 900 },
    // The streaming edges and the legend's stream line animate for ever: an idle board page took 0.4 s of
    // CPU per second with them and 0.02 s without, in every page of every test, with two cores for the run.
    reducedMotion: 'reduce',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
    // Recording a trace for every test took 17 % more CPU in board.spec.ts and templates.spec.ts (two runs
    // each way); CI shows only the printed report, so traces are kept only when asked for (E2E_TRACE=on).
    trace: process.env.E2E_TRACE === 'on' ? 'retain-on-failure' : 'off',
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  // The command `npm start` serves with (its allocator settings included), so the tests run the server as deployed.
  webServer: {
    command: 'sh server/serve.sh',
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    // DATABASE_URL/REDIS_URL empty: the default mode, although CI exports them for the scale-out tests.
    // Every browser of the run connects from 127.0.0.1: the per-address limits are for real clients.
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STATIC_DIR,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      REDIS_URL: '',
      MAX_CONNECTIONS_PER_ADDRESS: '100000',
      UPGRADE_BURST_PER_ADDRESS: '100000',
      SYNC_REQUEST_BURST_PER_ADDRESS: '100000',
      AWARENESS_BYTES_PER_SECOND_PER_ADDRESS: '1073741824',
      BOARD_CREATION_BURST: '100000',
    },
  },
});
