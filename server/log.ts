import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON lines on stdout. Writes are synchronous so the last lines before an exit are not lost and
 * the `listening` line is out before anyone waits for it.
 */
export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: 1, sync: true }));
}
