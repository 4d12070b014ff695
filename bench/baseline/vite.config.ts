import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The bare React Flow page the browser benchmarks compare the app with; built like the app (same
// plugin, minified, no source maps needed) by bench/lib/build.ts into bench/dist-baseline.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { emptyOutDir: true },
  logLevel: 'warn',
});
