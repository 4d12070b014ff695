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
});
