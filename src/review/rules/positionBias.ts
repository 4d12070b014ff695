import { hasField, hasRole, nameOf, textProp } from '../model';
import { defineRule } from '../types';

/** Label sources whose positives are what users clicked among what they were shown. */
const IMPLICIT = new Set(['natural']);

/**
 * A ranker trained on clicks learns that the top slot is good: users click what is shown first. Position
 * must be separated from relevance (a position feature dropped at serving, propensity weights, randomised slots).
 */
export const positionBiasRule = defineRule({
  id: 'position-bias',
  title: 'Position bias',
  severity: 'warning',
  step: 'model',
  find(board) {
    return board.withRole('learner').flatMap((learner) => {
      if (textProp(learner, 'positionBias') !== 'not handled') return [];
      const ranks = board.servingOf(learner).some((n) => hasRole(n, 'inference') && hasField(n, 'candidatesScored') && n.plane === 'online');
      const labels = board.labelSources(learner);
      if (!ranks || labels.length === 0 || !labels.some((l) => IMPLICIT.has(textProp(l, 'labelSource')))) return [];
      return [
        {
          message: `${nameOf(learner)} learns a ranking from clicks on what it already ranked: it learns that the top slot is good (position bias).`,
          question: 'An item shown in slot 1 gets 10 times the clicks of slot 10: how much of that is relevance, and how does your training tell them apart?',
          nodeIds: [learner.id, ...labels.map((n) => n.id)],
          fix: { label: 'Train with position as a feature', operations: [{ op: 'set-prop', nodeId: learner.id, key: 'positionBias', value: 'position feature' }] },
        },
      ];
    });
  },
});
