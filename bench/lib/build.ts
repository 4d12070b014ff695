import { spawn } from 'node:child_process';
import { APP_DIST, BASELINE_DIST, ROOT } from './paths';

/**
 * The two production builds the browser benchmarks serve: the app (the project's own vite.config.ts,
 * into bench/dist-app so dist/ is left to whoever else is building) and the bare React Flow
 * baseline page (bench/baseline/vite.config.ts, into bench/dist-baseline).
 */
function vite(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build ${args.join(' ')} failed (${code}):\n${stderr}`))));
  });
}

export async function buildApp(): Promise<void> {
  await vite(['--outDir', APP_DIST, '--emptyOutDir']);
}

export async function buildBaseline(): Promise<void> {
  await vite(['--config', 'bench/baseline/vite.config.ts', '--outDir', BASELINE_DIST, '--emptyOutDir']);
}
