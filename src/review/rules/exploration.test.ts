import { describe, expect, it } from 'vitest';
import { check, edit, withFix, type BoardSpec } from '../testBoards';
import { explorationRule } from './exploration';

const EXPLOITS_ONLY: BoardSpec = {
  nodes: [
    { id: 'app', type: 'client-app' },
    { id: 'cg', type: 'candidate-generation', title: 'Retrieval', props: { sources: ['ANN', 'popular'] } },
    { id: 'ranker', type: 'ranker' },
    { id: 'trainer', type: 'trainer' },
  ],
  edges: [
    ['app', 'cg', 'online'],
    ['cg', 'ranker', 'online'],
    ['trainer', 'ranker', 'batch'],
  ],
};

describe('exploration rule', () => {
  it('notes a recommender that never explores, with a fix reserving a few slots', () => {
    const [finding] = check(explorationRule, EXPLOITS_ONLY);
    expect(finding).toMatchObject({ severity: 'info', nodeIds: ['cg'] });
    expect(finding!.message).toMatch(/^Nothing explores: Retrieval only shows what the model already favours/);
    expect(check(explorationRule, withFix(EXPLOITS_ONLY, finding!.fix))).toEqual([]);
  });

  it('is silent with a bandit experiment or a re-ranker that randomises', () => {
    expect(check(explorationRule, edit(EXPLOITS_ONLY, { addNodes: [{ id: 'bandit', type: 'ab-test', props: { kind: 'bandit' } }] }))).toEqual([]);
    expect(check(explorationRule, edit(EXPLOITS_ONLY, { addNodes: [{ id: 're', type: 're-ranker', props: { rules: ['dedupe', 'epsilon-greedy slot'] } }] }))).toEqual([]);
  });

  it('still fires with a diversity re-ranker (diversity is not exploration) and streaming edges', () => {
    const diverse = edit(EXPLOITS_ONLY, { addNodes: [{ id: 're', type: 're-ranker', props: { rules: ['diversity'] } }], addEdges: [['ranker', 're', 'streaming']] });
    expect(check(explorationRule, diverse)).toHaveLength(1);
  });

  it('names several retrieval stages in one sentence that agrees with them', () => {
    const two = edit(EXPLOITS_ONLY, {
      addNodes: [{ id: 'fresh', type: 'candidate-generation', title: 'Fresh uploads', props: { sources: ['recent'] } }],
      addEdges: [
        ['app', 'fresh', 'online'],
        ['fresh', 'ranker', 'online'],
      ],
    });
    expect(check(explorationRule, two).map((f) => f.message)).toEqual([
      'Nothing explores: Retrieval and Fresh uploads only show what the model already favours, so it learns about nothing else and the feed narrows.',
    ]);
  });
});
