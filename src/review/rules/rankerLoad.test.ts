import { describe, expect, it } from 'vitest';
import { check, edit, type BoardSpec } from '../testBoards';
import { rankerLoadRule } from './rankerLoad';

const OVERLOADED: BoardSpec = {
  nodes: [
    { id: 'app', type: 'client-app' },
    { id: 'ranker', type: 'ranker', title: 'Feed ranker', props: { model: 'multi-task DNN', candidatesScored: 50_000, latencyBudgetMs: 80 } },
  ],
  edges: [['app', 'ranker', 'online']],
};

describe('ranker load rule', () => {
  it('flags a deep ranker scoring more candidates than its budget allows', () => {
    expect(check(rankerLoadRule, OVERLOADED)).toMatchObject([{ severity: 'warning', message: expect.stringMatching(/scores 50,000 candidates with a deep model in 80 ms: about 8,000 fit/) }]);
  });

  it('is silent for a few hundred candidates, or a light model', () => {
    expect(check(rankerLoadRule, edit(OVERLOADED, { props: { ranker: { candidatesScored: 500 } } }))).toEqual([]);
    expect(check(rankerLoadRule, edit(OVERLOADED, { props: { ranker: { model: 'logistic regression' } } }))).toEqual([]);
  });

  it('still fires for a transformer model server called by a re-ranker', () => {
    const server = edit(OVERLOADED, {
      remove: ['ranker'],
      addNodes: [
        { id: 're', type: 're-ranker' },
        { id: 'ranker', type: 'ranker', props: { model: 'transformer', candidatesScored: 5_000, latencyBudgetMs: 20 } },
      ],
      addEdges: [
        ['app', 're', 'online'],
        ['re', 'ranker', 'online'],
      ],
    });
    expect(check(rankerLoadRule, server)).toHaveLength(1);
  });
});
