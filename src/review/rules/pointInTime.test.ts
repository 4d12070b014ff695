import { describe, expect, it } from 'vitest';
import { check, edit, withFix, type BoardSpec } from '../testBoards';
import { pointInTimeRule } from './pointInTime';

// A purchase-propensity model whose feature store joins "latest values" into the training set.
const LATEST_VALUES: BoardSpec = {
  nodes: [
    { id: 'orders', type: 'data-source', title: 'Orders', props: { entity: 'transactions' } },
    { id: 'etl', type: 'data-pipeline', title: 'User aggregates' },
    { id: 'store', type: 'feature-store', title: 'Features', props: { pointInTime: false } },
    { id: 'labels', type: 'labeling', title: 'Bought next week' },
    { id: 'trainer', type: 'trainer', title: 'Propensity model' },
  ],
  edges: [
    ['orders', 'etl', 'batch'],
    ['etl', 'store', 'batch'],
    ['store', 'trainer', 'batch'],
    ['orders', 'labels', 'batch'],
    ['labels', 'trainer', 'batch'],
  ],
};

describe('point-in-time rule', () => {
  it('flags a feature store joining current values into training on time-ordered data', () => {
    const [finding] = check(pointInTimeRule, LATEST_VALUES);
    expect(finding).toMatchObject({ severity: 'error', nodeIds: ['store', 'trainer'], message: expect.stringMatching(/without point-in-time correctness/) });
    expect(check(pointInTimeRule, withFix(LATEST_VALUES, finding!.fix))).toEqual([]);
  });

  it('is silent with point-in-time joins (the default), or when nothing is ordered in time', () => {
    expect(check(pointInTimeRule, edit(LATEST_VALUES, { props: { store: { pointInTime: true } } }))).toEqual([]);
    expect(check(pointInTimeRule, edit(LATEST_VALUES, { props: { orders: { entity: 'items' } } }))).toEqual([]);
  });

  it('still fires when the trainer reaches the store through a training-set pipeline, drawn with streaming edges', () => {
    const viaJob = edit(LATEST_VALUES, {
      addNodes: [{ id: 'examples', type: 'data-pipeline', title: 'Training set builder' }],
      removeEdges: [['store', 'trainer']],
      addEdges: [
        ['store', 'examples', 'streaming'],
        ['examples', 'trainer', 'streaming'],
      ],
    });
    expect(check(pointInTimeRule, viaJob).map((f) => f.nodeIds)).toEqual([['store', 'trainer']]);
  });
});
