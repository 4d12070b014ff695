import { describe, expect, it } from 'vitest';
import { check, edit, type BoardSpec } from '../testBoards';
import { fallbackRule } from './fallback';

const NO_FALLBACK: BoardSpec = {
  nodes: [
    { id: 'app', type: 'client-app' },
    { id: 'server', type: 'model-server', title: 'Fraud scorer' },
  ],
  edges: [['app', 'server', 'online']],
};

describe('fallback rule', () => {
  it('flags an online model with no fallback', () => {
    expect(check(fallbackRule, NO_FALLBACK)).toMatchObject([{ severity: 'warning', nodeIds: ['server'], message: expect.stringMatching(/^No fallback for Fraud scorer/) }]);
  });

  it('is silent once a stage names its fallback, or when the model runs in batch', () => {
    expect(check(fallbackRule, edit(NO_FALLBACK, { props: { server: { fallback: 'rules only' } } }))).toEqual([]);
    expect(check(fallbackRule, edit(NO_FALLBACK, { props: { server: { mode: 'batch' } } }))).toEqual([]);
  });

  it('still fires for a ranker calling a model server, naming both', () => {
    const chained = edit(NO_FALLBACK, {
      addNodes: [{ id: 'ranker', type: 'ranker', title: 'Ranker' }],
      removeEdges: [['app', 'server']],
      addEdges: [
        ['app', 'ranker', 'online'],
        ['ranker', 'server', 'online'],
      ],
    });
    expect(check(fallbackRule, chained)[0]?.nodeIds.sort()).toEqual(['ranker', 'server']);
  });
});
