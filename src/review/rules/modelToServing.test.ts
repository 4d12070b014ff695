import { describe, expect, it } from 'vitest';
import { check, edit, withFix, type BoardSpec } from '../testBoards';
import { modelToServingRule } from './modelToServing';

// Two halves drawn side by side, never joined: the training pipeline and the serving path.
const TWO_ISLANDS: BoardSpec = {
  nodes: [
    { id: 'logs', type: 'data-source', title: 'Watch history' },
    { id: 'trainer', type: 'trainer', title: 'Ranker training' },
    { id: 'eval', type: 'evaluation' },
    { id: 'registry', type: 'model-registry' },
    { id: 'app', type: 'client-app' },
    { id: 'ranker', type: 'ranker', title: 'Ranker' },
  ],
  edges: [
    ['logs', 'trainer', 'batch'],
    ['trainer', 'eval', 'batch'],
    ['eval', 'registry', 'batch'],
    ['app', 'ranker', 'online'],
  ],
};

describe('model reaches serving rule', () => {
  it('flags a trainer whose model no path delivers, with a fix deploying from the registry', () => {
    const [finding] = check(modelToServingRule, TWO_ISLANDS);
    expect(finding).toMatchObject({ severity: 'error', step: 'serving', message: expect.stringMatching(/Nothing carries "Ranker training"'s model to Ranker/) });
    expect(finding!.fix).toEqual({ label: 'Deploy from registry to Ranker', operations: [{ op: 'connect', source: 'registry', target: 'ranker', kind: 'batch' }] });
    expect(check(modelToServingRule, withFix(TWO_ISLANDS, finding!.fix))).toEqual([]);
  });

  it('is silent when the model reaches serving by any edge kind, or nothing serves yet', () => {
    expect(check(modelToServingRule, edit(TWO_ISLANDS, { addEdges: [['registry', 'ranker', 'streaming']] }))).toEqual([]);
    expect(check(modelToServingRule, edit(TWO_ISLANDS, { remove: ['ranker'] }))).toEqual([]);
  });

  it('still fires when the only edge into serving comes from the A/B test, not the trainer', () => {
    const experimentOnly = edit(TWO_ISLANDS, {
      addNodes: [
        { id: 'ab', type: 'ab-test' },
        { id: 'server', type: 'model-server' },
      ],
      addEdges: [
        ['ab', 'registry', 'batch'],
        ['ab', 'server', 'online'],
        ['ranker', 'server', 'online'],
      ],
    });
    expect(check(modelToServingRule, experimentOnly)).toHaveLength(1);
  });
});
