import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['server/test/globalSetup.ts'],
    // Every file in one module graph per worker: evaluating yjs, React and the catalog again for each of the
    // 112 files was most of the run's CPU (whole run at load 14-17: 100 s CPU and 237 s wall isolated, 57 s
    // and 187 s not). Test files keep no state in shared modules; those that fake timers restore them.
    isolate: false,
    testTimeout: 20_000,
  },
});
