import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
// Template files (worked answers) are served by the server, never bundled.
import { templatesOutOfBundle } from './scripts/templatesOutOfBundle';
import { firstScript } from './scripts/firstScript';
import { initialChunk } from './scripts/initialChunk';
import { pureLib0Schemas } from './scripts/pureLib0Schemas';

const board = initialChunk('board', 'index.html');

// The collaboration server serves dist/ in production; in `npm run dev` Vite proxies
// the WebSocket and API paths to a server started with `npm run serve`.
export default defineConfig({
  // zustand (React Flow's store) asks for the shim of useSyncExternalStore made for React before 18; React 19 has it built in,
  // so the selector hook that uses React's own is the same code without the shim (0.2 KB of the first download).
  // React Flow's d3 modules interpolate zoom transforms, never colours: scripts/d3ColorParsesNone.ts stands in for d3-color.
  resolve: {
    alias: [
      { find: /^use-sync-external-store\/shim\/with-selector(\.js)?$/, replacement: 'use-sync-external-store/with-selector.js' },
      { find: /^d3-color$/, replacement: fileURLToPath(new URL('./scripts/d3ColorParsesNone.ts', import.meta.url)) },
    ],
  },
  plugins: [templatesOutOfBundle('templates', 'src'), react(), pureLib0Schemas(), firstScript('/src/app/startEarly.ts'), board.plugin],
  // Every browser the app supports preloads modules itself: no polyfill in the first download.
  build: { outDir: 'dist', sourcemap: true, modulePreload: { polyfill: false }, rolldownOptions: { output: { codeSplitting: { groups: [board.group] } } } },
  server: {
    proxy: {
      '/ws': { target: 'ws://localhost:8080', ws: true },
      '/api': 'http://localhost:8080',
    },
  },
});
