import { describe, expect, it } from 'vitest';
import { bytesOf, describeHours, hoursOf } from './quantities';

describe('quantities typed on nodes', () => {
  it('reads cadences and delays in hours', () => {
    expect(hoursOf('every 15 minutes')).toBe(0.25);
    expect(hoursOf('30 s')).toBeCloseTo(1 / 120);
    expect(hoursOf('7 days')).toBe(168);
    expect(hoursOf('daily')).toBe(24);
    expect(hoursOf('hourly')).toBe(1);
    expect(hoursOf('weeks (chargebacks)')).toBe(168);
    expect(hoursOf('2-4 weeks')).toBe(672);
    expect(hoursOf('daily fine-tune')).toBe(24);
    expect(hoursOf('continuous')).toBe(0);
    expect(hoursOf('minutes to a day')).toBe(24);
    expect(hoursOf('3 trading days')).toBe(72);
    expect(hoursOf('days to 90 days')).toBe(2160);
    expect(hoursOf('daily fine-tune, weekly rebuild', 'shortest')).toBe(24);
    expect(hoursOf('2-4 weeks', 'shortest')).toBe(336);
    expect(hoursOf('')).toBeUndefined();
    expect(hoursOf('when needed')).toBeUndefined();
  });

  it('reads sizes in bytes and says hours as people do', () => {
    expect(bytesOf('64 GB')).toBe(64e9);
    expect(bytesOf('1.5TB per shard')).toBe(1.5e12);
    expect(bytesOf('lots')).toBeUndefined();
    expect(describeHours(168)).toBe('7 days');
    expect(describeHours(0.25)).toBe('15 minutes');
  });
});
