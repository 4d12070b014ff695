import { describe, expect, it } from 'vitest';
import { maySeeReference } from './control';

describe('maySeeReference', () => {
  const cases = [
    { interview: true, revealed: false },
    { interview: true, revealed: true },
    { interview: false, revealed: false },
  ];

  it('lets the interviewer see the reference always', () => {
    for (const c of cases) expect(maySeeReference({ interviewer: true, ...c })).toBe(true);
  });

  it('shows anyone else the reference of an interview board only after the reveal; other boards always', () => {
    expect(cases.map((c) => maySeeReference({ interviewer: false, ...c }))).toEqual([false, true, true]);
  });
});
