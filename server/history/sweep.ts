import { errorFields, type RateLimitedLog } from '../limits';
import type { History } from './history';

export interface SweepOptions {
  /** Time between two passes over every room. */
  everyMs: number;
  /** Rooms looked at per step, and the pause between two steps of a pass: the work per tick stays small. */
  roomsPerStep: number;
  stepPauseMs: number;
  log: Pick<RateLimitedLog, 'error'>;
}

/**
 * Retention for boards nobody opens (docs/HISTORY.md): a loaded room folds its old history with its
 * own upkeep, a board left alone would keep it forever. A pass starts at once and then every
 * `everyMs`; it walks every room of the storage a few at a time (History.sweepStep), so one tick
 * never holds the storage for long. Returns the function that stops it.
 */
export function startHistorySweep(history: History, { everyMs, roomsPerStep, stepPauseMs, log }: SweepOptions): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const later = (ms: number, after: string) => {
    if (stopped) return;
    timer = setTimeout(() => void step(after), ms);
    timer.unref();
  };
  const step = async (after: string) => {
    try {
      const last = await history.sweepStep(after, roomsPerStep);
      if (last === null) later(everyMs, '');
      else later(stepPauseMs, last);
    } catch (error) {
      log.error('history_sweep', { after, ...errorFields(error) }, 'cannot sweep the history; the next pass tries again');
      later(everyMs, '');
    }
  };
  later(0, '');
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
