import { describe, expect, it } from 'vitest';
import { check, edit, withFix, type BoardSpec } from '../testBoards';
import { labelDelayRule } from './labelDelay';

// Conversion prediction for ads: conversions are counted within 7 days, the model retrains hourly.
const HOURLY_ON_WEEKLY_LABELS: BoardSpec = {
  nodes: [
    { id: 'events', type: 'message-queue', title: 'Clicks and conversions' },
    { id: 'labels', type: 'labeling', title: 'Converted', props: { labelDelay: '7 days' } },
    { id: 'trainer', type: 'trainer', title: 'CVR model', props: { cadence: 'hourly', retraining: 'continual' } },
  ],
  edges: [
    ['events', 'labels', 'streaming'],
    ['labels', 'trainer', 'streaming'],
  ],
};

describe('label delay rule', () => {
  it("flags labels maturing slower than the retraining cadence, asking the interviewer's question", () => {
    const [finding] = check(labelDelayRule, HOURLY_ON_WEEKLY_LABELS);
    expect(finding).toMatchObject({ severity: 'error', nodeIds: ['labels', 'trainer'] });
    expect(finding!.question).toBe('Your labels arrive 7 days late and you retrain hourly: what are your negatives?');
    expect(check(labelDelayRule, withFix(HOURLY_ON_WEEKLY_LABELS, finding!.fix))).toEqual([]);
  });

  it('is silent when the model retrains slower than labels mature, or the delay is modelled', () => {
    expect(check(labelDelayRule, edit(HOURLY_ON_WEEKLY_LABELS, { props: { trainer: { cadence: 'every 2 weeks' } } }))).toEqual([]);
    expect(check(labelDelayRule, edit(HOURLY_ON_WEEKLY_LABELS, { props: { labels: { delayHandling: 'model the delay' } } }))).toEqual([]);
    expect(check(labelDelayRule, edit(HOURLY_ON_WEEKLY_LABELS, { props: { labels: { labelDelay: '30 s' } } }))).toEqual([]);
  });

  it('still fires with labels reaching the trainer through a feature store and a batch job', () => {
    const indirect = edit(HOURLY_ON_WEEKLY_LABELS, {
      addNodes: [
        { id: 'join', type: 'data-pipeline', title: 'Training set join' },
        { id: 'store', type: 'feature-store' },
      ],
      removeEdges: [['labels', 'trainer']],
      addEdges: [
        ['labels', 'store', 'batch'],
        ['store', 'join', 'batch'],
        ['join', 'trainer', 'batch'],
      ],
      props: { labels: { labelDelay: 'up to 30 days' }, trainer: { cadence: 'daily' } },
    });
    expect(check(labelDelayRule, indirect)[0]?.message).toMatch(/arrive 30 days late but CVR model retrains daily/);
  });
});
