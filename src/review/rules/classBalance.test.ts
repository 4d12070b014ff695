import { describe, expect, it } from 'vitest';
import { check, edit, withFix, type BoardSpec } from '../testBoards';
import { classBalanceRule } from './classBalance';

const ACCURATE_FRAUD: BoardSpec = {
  nodes: [
    { id: 'labels', type: 'labeling', title: 'Fraud labels', props: { positiveRate: 0.2 } },
    { id: 'trainer', type: 'trainer', title: 'Fraud model' },
    { id: 'eval', type: 'evaluation', title: 'Backtest', props: { offlineMetrics: ['accuracy'] } },
  ],
  edges: [
    ['labels', 'trainer', 'batch'],
    ['trainer', 'eval', 'batch'],
  ],
};

describe('class balance rule', () => {
  it('flags accuracy on 0.2 % positives, and its fix adds PR-AUC', () => {
    const [finding] = check(classBalanceRule, ACCURATE_FRAUD);
    expect(finding).toMatchObject({ severity: 'warning', message: expect.stringMatching(/measures accuracy on about 0.2 % positives/) });
    expect(check(classBalanceRule, withFix(ACCURATE_FRAUD, finding!.fix))).toEqual([]);
  });

  it('is silent with a balance-aware metric, or balanced classes', () => {
    expect(check(classBalanceRule, edit(ACCURATE_FRAUD, { props: { eval: { offlineMetrics: ['accuracy', 'recall at 1 % FPR'] } } }))).toEqual([]);
    expect(check(classBalanceRule, edit(ACCURATE_FRAUD, { props: { labels: { positiveRate: 40 } } }))).toEqual([]);
  });

  it('still fires when imbalance shows only as downsampled negatives, with the evaluation drawn before the trainer', () => {
    const downsampled = edit(ACCURATE_FRAUD, {
      props: { labels: { positiveRate: undefined }, trainer: { negativeSamplingRate: 0.05 } },
      removeEdges: [['trainer', 'eval']],
      addEdges: [['eval', 'trainer', 'streaming']],
    });
    expect(check(classBalanceRule, downsampled)).toHaveLength(1);
  });
});
