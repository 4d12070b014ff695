import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * CPU profiles of a server process with Linux `perf record`: every thread (JavaScript, LevelDB,
 * libuv, garbage collection), CPU time only (a process waiting for a core on a busy machine is not
 * sampled, unlike V8's own profiler, which samples wall time). JavaScript functions are named
 * through V8's symbol map: start the process with PERF_NODE_OPTIONS.
 */
export const PERF_NODE_OPTIONS = '--perf-basic-prof-only-functions --interpreted-frames-native-stack';

/** Milliseconds of CPU per function: on top of the stack (self) and anywhere on it (total). */
export interface PerfSums {
  all: number;
  self: Map<string, number>;
  total: Map<string, number>;
}

export const emptySums = (): PerfSums => ({ all: 0, self: new Map(), total: new Map() });

/** A symbol as perf names it, without V8's tier marks, files shortened to their package or name. */
function symbol(raw: string, dso: string): string {
  const name = raw
    .replace(/\+0x[0-9a-f]+$/, '')
    .replace(/^(JS|LazyCompile|Function|Builtin|Handler|Stub|BytecodeHandler|RegExp|Script):[*~^+]?/, '')
    .replace(/\s+(?:file:\/\/)?\/\S*?node_modules\/((?:@[^/]+\/)?[^/]+)\/\S*?([^/\s]+?)(:\d+)*$/, '  $1/$2')
    .replace(/\s+(?:file:\/\/)?\/\S*\/([^/\s]+?)(:\d+)*$/, '  $1')
    .replace(/\s+node:(\S+?)(:\d+)*$/, '  node:$1');
  return name === '[unknown]' ? `[unknown ${dso.split('/').pop()}]` : name;
}

/** Starts recording `pid` at `hz` samples a second; `stop()` ends it and adds the samples to `into`. */
export function recordPerf(pid: number, into: PerfSums, hz = 1000): { stop(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'mldb-perf-'));
  const data = join(dir, 'perf.data');
  const recorder = spawn('perf', ['record', '-q', '-F', String(hz), '-g', '-p', String(pid), '-o', data], { stdio: 'ignore' });
  const exited = new Promise((resolve) => recorder.once('exit', resolve));
  return {
    async stop() {
      recorder.kill('SIGINT');
      await exited;
      const script = execFileSync('perf', ['script', '-i', data, '-F', 'ip,sym,dso'], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
      rmSync(dir, { recursive: true, force: true });
      const ms = 1000 / hz;
      for (const block of script.split('\n\n')) {
        const frames = [...block.matchAll(/^\s+[0-9a-f]+\s+(.*?)\s+\(([^)]*)\)\s*$/gm)].map((m) => symbol(m[1]!, m[2]!));
        if (frames.length === 0) continue;
        into.all += ms;
        into.self.set(frames[0]!, (into.self.get(frames[0]!) ?? 0) + ms);
        for (const name of new Set(frames)) into.total.set(name, (into.total.get(name) ?? 0) + ms);
      }
    },
  };
}

/** The `top` largest of `map`, as lines "ms  %  name". */
export function topLines(map: Map<string, number>, all: number, top: number): string[] {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${((ms / all) * 100).toFixed(1).padStart(5)} %  ${key}`);
}

/** Per function, how much more `head` spent than `base` (only those that grew). */
export function grewFrom(base: Map<string, number>, head: Map<string, number>): Map<string, number> {
  return new Map([...head].map(([key, ms]) => [key, ms - (base.get(key) ?? 0)] as const).filter(([, ms]) => ms > 0));
}

/** V8's symbol map of a process that has exited (written under /tmp by --perf-basic-prof). */
export function removePerfMap(pid: number): void {
  rmSync(join('/tmp', `perf-${pid}.map`), { force: true });
}
