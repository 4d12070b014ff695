import { describe, expect, it } from 'vitest';
import { check, edit, withFix, type BoardSpec } from '../testBoards';
import { timeSplitRule } from './timeSplit';

// A candidate's churn model: a warehouse of sessions, a daily job, a trainer, an evaluation "80/20 random".
const CHURN: BoardSpec = {
  nodes: [
    { id: 'sessions', type: 'data-source', title: 'Session log', props: { entity: 'interactions' } },
    { id: 'etl', type: 'data-pipeline', title: 'Daily features' },
    { id: 'labels', type: 'labeling', title: 'Churned in 30 days' },
    { id: 'trainer', type: 'trainer', title: 'XGBoost' },
    { id: 'eval', type: 'evaluation', title: 'Holdout', props: { split: 'random', offlineMetrics: ['PR-AUC'] } },
  ],
  edges: [
    ['sessions', 'etl', 'batch'],
    ['etl', 'trainer', 'batch'],
    ['sessions', 'labels', 'batch'],
    ['labels', 'trainer', 'batch'],
    ['trainer', 'eval', 'batch'],
  ],
};

describe('time split rule', () => {
  it('flags a random split on interactions, with a fix that splits by time', () => {
    const [finding, ...more] = check(timeSplitRule, CHURN);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ severity: 'error', step: 'model', message: expect.stringMatching(/"Holdout" splits Session log at random/) });
    expect(finding!.fix?.label).toBe('Split by time');
    expect(check(timeSplitRule, withFix(CHURN, finding!.fix))).toEqual([]);
  });

  it('is silent with a time-based split, or on data with no time order declared so', () => {
    expect(check(timeSplitRule, edit(CHURN, { props: { eval: { split: 'walk-forward' } } }))).toEqual([]);
    const images: BoardSpec = edit(CHURN, { props: { sessions: { entity: 'images' } } });
    expect(check(timeSplitRule, images)).toEqual([]);
    expect(check(timeSplitRule, edit(CHURN, { props: { sessions: { entity: 'other', timeOrdered: 'no' } } }))).toEqual([]);
  });

  it('still fires when time order comes from an event stream, the evaluation sits before the trainer and edges are streaming', () => {
    const streamed = edit(CHURN, {
      props: { sessions: { entity: 'users' } },
      addNodes: [{ id: 'clicks', type: 'message-queue', title: 'Clickstream' }],
      removeEdges: [['trainer', 'eval']],
      addEdges: [
        ['clicks', 'etl', 'streaming'],
        ['eval', 'trainer', 'online'],
      ],
    });
    expect(check(timeSplitRule, streamed)[0]?.message).toMatch(/splits Clickstream at random/);
  });
});
