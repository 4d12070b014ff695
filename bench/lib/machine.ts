import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { ROOT } from './paths';

/** What the figures were measured on: hardware, software versions, the commit, and how busy the machine was. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  kernel: string;
  node: string;
  chromium: string;
  commit: string;
  loadAverage: number[];
}

function quiet(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export function describeMachine(): Machine {
  const dirty = quiet('git', ['status', '--porcelain', '--untracked-files=no']) ? ' (with uncommitted changes in the tree)' : '';
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    kernel: release(),
    node: process.version,
    chromium: quiet('/usr/bin/chromium', ['--version']),
    commit: quiet('git', ['rev-parse', '--short', 'HEAD']) + dirty,
    loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
  };
}
