import type { Logger } from './log';

type Clock = () => number;
const defaultClock: Clock = () => performance.now();

/** Token bucket: `burst` tokens at most, refilled at `ratePerSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: Clock = defaultClock,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes `n` tokens if there are enough; returns whether it did. */
  take(n = 1): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

/**
 * A logger for events that an attacker or a broken client can repeat at will (refused upgrades,
 * malformed messages): at most `perMinute` lines per reason per minute; the lines held back are
 * reported as one summary line per reason when the minute is over.
 */
export class RateLimitedLog {
  private readonly windows = new Map<string, { start: number; logged: number; suppressed: number }>();
  private readonly timer: NodeJS.Timeout | null;

  constructor(
    private readonly log: Pick<Logger, 'warn' | 'error'>,
    private readonly perMinute = 10,
    private readonly now: Clock = defaultClock,
    flushEveryMs: number | null = 60_000,
  ) {
    this.timer = flushEveryMs === null ? null : setInterval(() => this.flush(), flushEveryMs);
    this.timer?.unref();
  }

  warn(reason: string, fields: Record<string, unknown>, msg: string): void {
    this.write('warn', reason, fields, msg);
  }

  /** A failure (storage, a request, a message) under the same budget; pass `errorFields(error)`, never the error with its stack. */
  error(reason: string, fields: Record<string, unknown>, msg: string): void {
    this.write('error', reason, fields, msg);
  }

  private write(level: 'warn' | 'error', reason: string, fields: Record<string, unknown>, msg: string): void {
    const now = this.now();
    let window = this.windows.get(reason);
    if (window && now - window.start >= 60_000) {
      this.summarize(reason, window);
      window = undefined;
    }
    if (!window) {
      window = { start: now, logged: 0, suppressed: 0 };
      this.windows.set(reason, window);
    }
    if (window.logged < this.perMinute) {
      window.logged++;
      this.log[level]({ reason, ...fields }, msg);
    } else {
      window.suppressed++;
    }
  }

  /** Writes the summary of every minute that is over. */
  flush(): void {
    const now = this.now();
    for (const [reason, window] of this.windows) {
      if (now - window.start >= 60_000) {
        this.summarize(reason, window);
        this.windows.delete(reason);
      }
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    for (const [reason, window] of this.windows) this.summarize(reason, window);
    this.windows.clear();
  }

  private summarize(reason: string, window: { suppressed: number }): void {
    if (window.suppressed > 0) this.log.warn({ reason, suppressed: window.suppressed }, 'log lines suppressed');
  }
}

/**
 * What a log line says of an error: its message (bounded) and code, without the stack. A stack
 * per line is what turned a repeatable failure into megabytes of log.
 */
export function errorFields(error: unknown): { error: string; code?: string } {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return { error: message.slice(0, 300), ...(typeof code === 'string' ? { code } : {}) };
}
