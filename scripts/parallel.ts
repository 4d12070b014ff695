import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * `tsx scripts/parallel.ts <npm script>...` runs the npm scripts side by side, as many at a time as
 * the machine has cores (each of tsc, ESLint, Prettier and vite build uses one core), longest first
 * as listed. Each one's output is printed whole when it ends, with its wall time; the exit code is
 * 1 if any of them failed.
 */
const scripts = process.argv.slice(2);
const slots = Math.max(1, availableParallelism());
const started = Date.now();

function run(script: string): Promise<boolean> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.once('close', (code) => {
      const seconds = ((Date.now() - start) / 1000).toFixed(1);
      process.stdout.write(`\n> ${script}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s\n${Buffer.concat(output).toString()}`);
      resolve(code === 0);
    });
  });
}

const queue = [...scripts];
const results: boolean[] = [];
await Promise.all(
  Array.from({ length: Math.min(slots, queue.length) }, async () => {
    for (let script = queue.shift(); script; script = queue.shift()) results.push(await run(script));
  }),
);
const failed = results.filter((passed) => !passed).length;
process.stdout.write(`\n${scripts.length - failed} of ${scripts.length} passed in ${((Date.now() - started) / 1000).toFixed(1)} s (${slots} at a time): ${scripts.join(', ')}\n`);
process.exit(failed ? 1 : 0);
