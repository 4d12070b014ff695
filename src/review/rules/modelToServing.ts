import { hasRole, nameOf, plainName, type ReviewNode } from '../model';
import { defineRule } from '../types';

/** A trained model that no path delivers to the stage that serves it never reaches a user. */
export const modelToServingRule = defineRule({
  id: 'model-to-serving',
  title: 'Model reaches serving',
  severity: 'error',
  step: 'serving',
  find(board) {
    const models = board.withRole('inference');
    if (models.length === 0) return [];
    return board
      .withRole('learner')
      .filter((learner) => board.servingOf(learner).length === 0)
      .map((learner) => {
        const registry = [...board.downstream(learner.id)].find((n) => hasRole(n, 'registry'));
        const from: ReviewNode = registry ?? learner;
        const target = models.find((n) => !board.inEdges(n.id).some((e) => board.node(e.source)!.type.category === 'training')) ?? models[0]!;
        return {
          message: `Nothing carries ${nameOf(learner)}'s model to ${models.map(plainName).join(' or ')}: the trained model never serves a request.`,
          question: `A new model passes evaluation on Tuesday: what steps put it behind ${plainName(target)}, and how do you roll it back?`,
          nodeIds: [learner.id, ...(registry ? [registry.id] : []), ...models.map((n) => n.id)],
          fix: { label: `Deploy from ${plainName(from)} to ${plainName(target)}`, operations: [{ op: 'connect', source: from.id, target: target.id, kind: 'batch' }] },
        };
      });
  },
});
