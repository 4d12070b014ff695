import { hasRole, nameOf, plainName, textProp, type ReviewNode } from '../model';
import { hoursOf } from '../quantities';
import { defineRule } from '../types';

/** Records of what shifts within days: fraud patterns in transactions, what posts are about. */
const FAST_ENTITIES = new Set(['transactions', 'posts']);
const isFastDrifting = (n: ReviewNode) => hasRole(n, 'records') && FAST_ENTITIES.has(textProp(n, 'entity'));
const DAY = 24;

/** A model learning from behaviour that shifts daily, retrained weekly or slower, is stale most of the week. */
export const retrainingCadenceRule = defineRule({
  id: 'retraining-cadence',
  title: 'Retraining cadence',
  severity: 'warning',
  step: 'monitoring',
  find(board) {
    return board.withRole('learner').flatMap((learner) => {
      const cadence = textProp(learner, 'cadence');
      const hours = hoursOf(cadence, 'shortest');
      if (hours === undefined || hours <= DAY) return [];
      const fast = board.trainingData(learner).filter(isFastDrifting);
      if (fast.length === 0) return [];
      return [
        {
          message: `${nameOf(learner)} retrains ${cadence} on ${fast.map(plainName).join(', ')}, behaviour that shifts within days: the model is stale for most of each cycle.`,
          question: `How much does the model lose between retrains? What would you measure to choose between ${cadence} and daily?`,
          nodeIds: [learner.id, ...fast.map((n) => n.id)],
          fix: { label: 'Retrain daily', operations: [{ op: 'set-prop', nodeId: learner.id, key: 'cadence', value: 'daily' }] },
        },
      ];
    });
  },
});
