import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
// Template files (worked answers) are served by the server, never bundled.
import { templatesOutOfBundle } from './scripts/templatesOutOfBundle';
import { initialChunk } from './scripts/initialChunk';
import { pureLib0Schemas } from './scripts/pureLib0Schemas';

const board = initialChunk('board');

// The collaboration server serves dist/ in production; in `npm run dev` Vite proxies
// the WebSocket and API paths to a server started with `npm run serve`.
export default defineConfig({
  plugins: [templatesOutOfBundle('templates', 'src'), react(), pureLib0Schemas(), board.plugin],
  // Every browser the app supports preloads modules itself: no polyfill in the first download.
  build: { outDir: 'dist', sourcemap: true, modulePreload: { polyfill: false }, rolldownOptions: { output: { codeSplitting: { groups: [board.group] } } } },
  server: {
    proxy: {
      '/ws': { target: 'ws://localhost:8080', ws: true },
      '/api': 'http://localhost:8080',
    },
  },
});
