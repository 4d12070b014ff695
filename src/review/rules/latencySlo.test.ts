import { describe, expect, it } from 'vitest';
import { check, edit, type BoardSpec } from '../testBoards';
import { latencySloRule } from './latencySlo';

const NO_SLO: BoardSpec = {
  nodes: [
    { id: 'app', type: 'client-app', title: 'Shop' },
    { id: 'cg', type: 'candidate-generation', props: { latencyBudgetMs: 20 } },
    { id: 'ranker', type: 'ranker', props: { latencyBudgetMs: 50 } },
  ],
  edges: [
    ['app', 'cg', 'online'],
    ['cg', 'ranker', 'online'],
  ],
};

describe('end-to-end SLO rule', () => {
  it('flags a client calling online models with no SLO, showing the request path', () => {
    const [finding] = check(latencySloRule, NO_SLO);
    expect(finding).toMatchObject({ severity: 'warning', step: 'clarify', nodeIds: ['app', 'cg', 'ranker'] });
    expect(finding!.edgeIds).toHaveLength(2);
  });

  it('is silent with an SLO, or when the client only reads a precomputed store', () => {
    expect(check(latencySloRule, edit(NO_SLO, { props: { app: { latencySloMs: 150 } } }))).toEqual([]);
    const precomputed: BoardSpec = {
      nodes: [
        { id: 'app', type: 'client-app' },
        { id: 'kv', type: 'cache' },
      ],
      edges: [['app', 'kv', 'online']],
    };
    expect(check(latencySloRule, precomputed)).toEqual([]);
  });

  it('still fires through an experiment in front, with no budgets on the stages', () => {
    const unbudgeted = edit(NO_SLO, {
      props: { cg: { latencyBudgetMs: undefined }, ranker: { latencyBudgetMs: undefined } },
      addNodes: [{ id: 'ab', type: 'ab-test' }],
      removeEdges: [['app', 'cg']],
      addEdges: [
        ['app', 'ab', 'online'],
        ['ab', 'cg', 'online'],
      ],
    });
    expect(check(latencySloRule, unbudgeted)).toHaveLength(1);
  });
});
