import { describe, expect, it } from 'vitest';
import { check, edit, withFix, type BoardSpec } from '../testBoards';
import { retrainingCadenceRule } from './retrainingCadence';

const MONTHLY_FRAUD: BoardSpec = {
  nodes: [
    { id: 'tx', type: 'data-source', title: 'Card transactions', props: { entity: 'transactions' } },
    { id: 'labels', type: 'labeling', title: 'Chargebacks' },
    { id: 'trainer', type: 'trainer', title: 'Fraud GBDT', props: { cadence: 'monthly' } },
  ],
  edges: [
    ['tx', 'trainer', 'batch'],
    ['labels', 'trainer', 'batch'],
  ],
};

describe('retraining cadence rule', () => {
  it('flags a fraud model retrained monthly, and its fix retrains daily', () => {
    const [finding] = check(retrainingCadenceRule, MONTHLY_FRAUD);
    expect(finding).toMatchObject({ severity: 'warning', message: expect.stringMatching(/retrains monthly on Card transactions/) });
    expect(check(retrainingCadenceRule, withFix(MONTHLY_FRAUD, finding!.fix))).toEqual([]);
  });

  it('is silent for a daily cadence, or for images that drift slowly', () => {
    expect(check(retrainingCadenceRule, edit(MONTHLY_FRAUD, { props: { trainer: { cadence: 'every 6 hours' } } }))).toEqual([]);
    expect(check(retrainingCadenceRule, edit(MONTHLY_FRAUD, { props: { tx: { entity: 'images' } } }))).toEqual([]);
  });

  it('still fires with posts reaching the trainer through a queue and a feature store', () => {
    const news = edit(MONTHLY_FRAUD, {
      props: { tx: { entity: 'posts' }, trainer: { cadence: 'every 2 weeks' } },
      addNodes: [
        { id: 'queue', type: 'message-queue' },
        { id: 'store', type: 'feature-store' },
      ],
      removeEdges: [['tx', 'trainer']],
      addEdges: [
        ['tx', 'queue', 'streaming'],
        ['queue', 'store', 'streaming'],
        ['store', 'trainer', 'batch'],
      ],
    });
    expect(check(retrainingCadenceRule, news)).toHaveLength(1);
  });
});
