import { describe, expect, it } from 'vitest';
import { check, edit, withFix, type BoardSpec } from '../testBoards';
import { positionBiasRule } from './positionBias';

const CLICKS_TO_RANKER: BoardSpec = {
  nodes: [
    { id: 'app', type: 'client-app' },
    { id: 'clicks', type: 'message-queue', title: 'Clicks' },
    { id: 'labels', type: 'labeling', title: 'Clicked', props: { labelSource: 'natural' } },
    { id: 'trainer', type: 'trainer', title: 'Search ranker training' },
    { id: 'ranker', type: 'ranker', title: 'Search ranker' },
  ],
  edges: [
    ['app', 'clicks', 'streaming'],
    ['clicks', 'labels', 'streaming'],
    ['labels', 'trainer', 'batch'],
    ['trainer', 'ranker', 'batch'],
    ['app', 'ranker', 'online'],
  ],
};

describe('position bias rule', () => {
  it('flags a ranker trained on clicks with position unhandled, and its fix adds a position feature', () => {
    const [finding] = check(positionBiasRule, CLICKS_TO_RANKER);
    expect(finding).toMatchObject({ severity: 'warning', nodeIds: ['trainer', 'labels'] });
    expect(check(positionBiasRule, withFix(CLICKS_TO_RANKER, finding!.fix))).toEqual([]);
  });

  it('is silent with human relevance labels, or when position is handled', () => {
    expect(check(positionBiasRule, edit(CLICKS_TO_RANKER, { props: { labels: { labelSource: 'human' } } }))).toEqual([]);
    expect(check(positionBiasRule, edit(CLICKS_TO_RANKER, { props: { trainer: { positionBias: 'randomised slots' } } }))).toEqual([]);
  });

  it('still fires with the model reaching the ranker through a registry and a model server', () => {
    const served = edit(CLICKS_TO_RANKER, {
      addNodes: [
        { id: 'registry', type: 'model-registry' },
        { id: 'server', type: 'model-server' },
      ],
      removeEdges: [['trainer', 'ranker']],
      addEdges: [
        ['trainer', 'registry', 'batch'],
        ['registry', 'ranker', 'streaming'],
        ['ranker', 'server', 'online'],
      ],
    });
    expect(check(positionBiasRule, served)).toHaveLength(1);
  });
});
