import { plainName, textProp } from '../model';
import { defineRule } from '../types';

/** An online model is a dependency that fails: the product needs an answer when it does. */
export const fallbackRule = defineRule({
  id: 'fallback',
  title: 'Fallback when the model fails',
  severity: 'warning',
  step: 'serving',
  find(board) {
    const models = board.onlineModels();
    if (models.length === 0 || models.some((n) => textProp(n, 'fallback') !== '')) return [];
    return [
      {
        message: `No fallback for ${models.map(plainName).join(', ')}: when the model times out or fails, the product has nothing to show.`,
        question: `${plainName(models[0]!)} times out for 5 % of requests during a deploy: what does the user see?`,
        nodeIds: models.map((n) => n.id),
      },
    ];
  },
});
