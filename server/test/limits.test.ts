import { describe, expect, it } from 'vitest';
import { RateLimitedLog, TokenBucket, errorFields } from '../limits';

describe('TokenBucket', () => {
  it('allows a burst, then the sustained rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 5, () => now);
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 100; // 0.1 s at 10/s: one token
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 10_000; // refills to the burst, not beyond
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('takes several tokens at once only when it has them', () => {
    let now = 0;
    const bucket = new TokenBucket(1, 3, () => now);
    expect(bucket.take(4)).toBe(false);
    expect(bucket.take(3)).toBe(true);
    now += 1000;
    expect(bucket.take(2)).toBe(false);
    expect(bucket.take(1)).toBe(true);
  });
});

describe('RateLimitedLog', () => {
  it('logs at most N lines per reason per minute, then one summary', () => {
    let now = 0;
    const lines: Array<{ fields: Record<string, unknown>; msg: string }> = [];
    const push = ((fields: Record<string, unknown>, msg: string) => lines.push({ fields, msg })) as never;
    const log = new RateLimitedLog({ warn: push, error: push }, 3, () => now, null);
    for (let i = 0; i < 10; i++) log.warn('bad_token', { i }, 'refused');
    log.warn('bad_room', {}, 'refused');
    expect(lines.map((l) => l.fields.reason)).toEqual(['bad_token', 'bad_token', 'bad_token', 'bad_room']);
    now += 30_000;
    log.flush(); // the minute is not over
    expect(lines).toHaveLength(4);
    now += 30_000;
    log.flush();
    expect(lines).toHaveLength(5);
    expect(lines[4]).toEqual({ fields: { reason: 'bad_token', suppressed: 7 }, msg: 'log lines suppressed' });
    // A new minute logs again.
    log.warn('bad_token', { i: 11 }, 'refused');
    expect(lines).toHaveLength(6);
    log.close();
  });

  it('summarizes when the next event comes after the minute', () => {
    let now = 0;
    const lines: Array<Record<string, unknown>> = [];
    const push = ((fields: Record<string, unknown>) => lines.push(fields)) as never;
    const log = new RateLimitedLog({ warn: push, error: push }, 1, () => now, null);
    log.warn('x', {}, 'm');
    log.warn('x', {}, 'm');
    now = 61_000;
    log.warn('x', {}, 'm');
    expect(lines).toEqual([{ reason: 'x' }, { reason: 'x', suppressed: 1 }, { reason: 'x' }]);
  });

  it('logs errors under the same budget, with the message and code of an error but never its stack', () => {
    const lines: Array<{ level: string; fields: Record<string, unknown> }> = [];
    const log = new RateLimitedLog(
      {
        warn: ((fields: Record<string, unknown>) => lines.push({ level: 'warn', fields })) as never,
        error: ((fields: Record<string, unknown>) => lines.push({ level: 'error', fields })) as never,
      },
      2,
      () => 0,
      null,
    );
    const failure = Object.assign(new RangeError('Maximum call stack size exceeded'), { code: 'E_DEEP' });
    for (let i = 0; i < 5; i++) log.error('load_failed', { room: 'r', ...errorFields(failure) }, 'cannot load document');
    expect(lines).toEqual([
      { level: 'error', fields: { reason: 'load_failed', room: 'r', error: 'Maximum call stack size exceeded', code: 'E_DEEP' } },
      { level: 'error', fields: { reason: 'load_failed', room: 'r', error: 'Maximum call stack size exceeded', code: 'E_DEEP' } },
    ]);
    expect(errorFields('x'.repeat(1000)).error).toHaveLength(300);
  });
});
