import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time and memory of another process, read from /proc (Linux): utime + stime from
 * /proc/<pid>/stat, VmRSS from /proc/<pid>/status. A sampler keeps the peak RSS between readings.
 */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface ProcReading {
  /** User + system CPU seconds the process has used so far. */
  cpuSeconds: number;
  rssBytes: number;
  at: number;
}

export function readProc(pid: number): ProcReading {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return { cpuSeconds: (utime + stime) / CLOCK_TICKS, rssBytes: rssKb * 1024, at: performance.now() };
}

export interface ProcWindow {
  /** Average CPU use over the window, in cores (1 = one core busy all the time). */
  cpuCores: number;
  cpuSeconds: number;
  seconds: number;
  rssStartBytes: number;
  rssEndBytes: number;
  rssPeakBytes: number;
}

/** Starts sampling `pid` every `everyMs`; `stop()` gives CPU and memory over the window. */
export function watchProc(pid: number, everyMs = 250): { stop(): ProcWindow } {
  const start = readProc(pid);
  let peak = start.rssBytes;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, readProc(pid).rssBytes);
    } catch {
      // The process ended; stop() reports what was read before.
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const end = readProc(pid);
      peak = Math.max(peak, end.rssBytes);
      const seconds = (end.at - start.at) / 1000;
      const cpuSeconds = end.cpuSeconds - start.cpuSeconds;
      return { cpuCores: cpuSeconds / seconds, cpuSeconds, seconds, rssStartBytes: start.rssBytes, rssEndBytes: end.rssBytes, rssPeakBytes: peak };
    },
  };
}
