import { describe, expect, it } from 'vitest';
import { check, edit, withFix, type BoardSpec } from '../testBoards';
import { coldStartRule } from './coldStart';

const EMBEDDINGS_ONLY: BoardSpec = {
  nodes: [
    { id: 'app', type: 'client-app', title: 'Music app' },
    { id: 'cg', type: 'candidate-generation', title: 'Two-tower retrieval', props: { sources: ['two-tower ANN'] } },
    { id: 'ranker', type: 'ranker' },
  ],
  edges: [
    ['app', 'cg', 'online'],
    ['cg', 'ranker', 'online'],
  ],
};

describe('cold start rule', () => {
  it('flags retrieval from learned embeddings alone, and its fix adds popular and content sources', () => {
    const [finding] = check(coldStartRule, EMBEDDINGS_ONLY);
    expect(finding).toMatchObject({ severity: 'warning', nodeIds: ['cg'] });
    expect(finding!.message).toBe('Two-tower retrieval retrieves only from learned history: a new user or a new item gets nothing sensible.');
    expect(check(coldStartRule, withFix(EMBEDDINGS_ONLY, finding!.fix))).toEqual([]);
  });

  it('is silent with a popularity source or a stated cold-start plan', () => {
    expect(check(coldStartRule, edit(EMBEDDINGS_ONLY, { props: { cg: { sources: ['two-tower ANN', 'trending'] } } }))).toEqual([]);
    expect(check(coldStartRule, edit(EMBEDDINGS_ONLY, { props: { cg: { coldStart: 'onboarding genres' } } }))).toEqual([]);
  });

  it('still fires with the default ANN source behind an experiment and an index', () => {
    const drawn = edit(EMBEDDINGS_ONLY, {
      props: { cg: { sources: undefined } },
      addNodes: [
        { id: 'ab', type: 'ab-test' },
        { id: 'index', type: 'vector-index' },
      ],
      removeEdges: [['app', 'cg']],
      addEdges: [
        ['app', 'ab', 'online'],
        ['ab', 'cg', 'online'],
        ['cg', 'index', 'online'],
      ],
    });
    expect(check(coldStartRule, drawn)).toHaveLength(1);
  });

  it('names several learned sources in one sentence that agrees with them', () => {
    const two = edit(EMBEDDINGS_ONLY, {
      addNodes: [{ id: 'i2i', type: 'candidate-generation', title: 'Item-to-item', props: { sources: ['item-to-item co-visitation'] } }],
      addEdges: [
        ['app', 'i2i', 'online'],
        ['i2i', 'ranker', 'online'],
      ],
    });
    expect(check(coldStartRule, two).map((f) => f.message)).toEqual(['Two-tower retrieval and Item-to-item retrieve only from learned history: a new user or a new item gets nothing sensible.']);
  });
});
