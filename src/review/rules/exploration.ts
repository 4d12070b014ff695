import { hasField, hasRole, listProp, plainNames, textProp } from '../model';
import { defineRule } from '../types';

const EXPLORES = /explor|random|bandit|epsilon|thompson/i;

/** A recommender that only shows what it already believes in learns only about that: a narrowing loop. */
export const explorationRule = defineRule({
  id: 'exploration',
  title: 'Exploration',
  severity: 'info',
  step: 'serving',
  find(board) {
    const retrieval = board.rankingStages().filter((n) => hasRole(n, 'retrieval') && hasField(n, 'exploration'));
    if (retrieval.length === 0 || board.withRole('learner').length === 0) return [];
    const explores =
      retrieval.some((n) => textProp(n, 'exploration') !== '') ||
      board.withRole('experiment').some((n) => textProp(n, 'kind') === 'bandit') ||
      board.withRole('policy').some((n) => listProp(n, 'rules').some((r) => EXPLORES.test(r))) ||
      board.withRole('learner').some((n) => textProp(n, 'positionBias') === 'randomised slots');
    if (explores) return [];
    return [
      {
        message: `Nothing explores: ${plainNames(retrieval)} only ${retrieval.length === 1 ? 'shows' : 'show'} what the model already favours, so it learns about nothing else and the feed narrows.`,
        question: 'Your model only sees feedback on what it chose to show: how would it ever learn that an unshown item is good?',
        nodeIds: retrieval.map((n) => n.id),
        fix: {
          label: 'Explore in a few slots',
          operations: retrieval.map((n) => ({ op: 'set-prop' as const, nodeId: n.id, key: 'exploration', value: '5 % of slots for exploration' })),
        },
      },
    ];
  },
});
