import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
// Template files are bundled without the interviewer's follow-up questions.
import { privateFollowUps } from './scripts/privateFollowUps';

// The collaboration server serves dist/ in production; in `npm run dev` Vite proxies
// the WebSocket and API paths to a server started with `npm run serve`.
export default defineConfig({
  plugins: [privateFollowUps('templates'), react()],
  build: { outDir: 'dist', sourcemap: true },
  server: {
    proxy: {
      '/ws': { target: 'ws://localhost:8080', ws: true },
      '/api': 'http://localhost:8080',
    },
  },
});
