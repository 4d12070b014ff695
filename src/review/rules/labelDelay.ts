import { nameOf, plainName, textProp } from '../model';
import { describeHours, hoursOf } from '../quantities';
import { defineRule } from '../types';

/**
 * Labels that mature slower than the model retrains: the freshest window holds positives that have not
 * happened yet, which training counts as negatives, unless it waits for them or models the delay.
 */
export const labelDelayRule = defineRule({
  id: 'label-delay',
  title: 'Label delay against retraining',
  severity: 'error',
  step: 'data',
  find(board) {
    return board.withRole('learner').flatMap((learner) => {
      const cadence = hoursOf(textProp(learner, 'cadence'), 'shortest');
      if (cadence === undefined) return [];
      return board
        .labelSources(learner)
        .filter((labels) => textProp(labels, 'delayHandling') === 'none' && (hoursOf(textProp(labels, 'labelDelay')) ?? 0) > Math.max(cadence, 1))
        .map((labels) => {
          const delay = describeHours(hoursOf(textProp(labels, 'labelDelay'))!);
          const every = textProp(learner, 'cadence');
          return {
            message: `${nameOf(labels)} arrive ${delay} late but ${plainName(learner)} retrains ${every}: recent positives not yet labelled are learned as negatives.`,
            question: `Your labels arrive ${delay} late and you retrain ${every}: what are your negatives?`,
            nodeIds: [labels.id, learner.id],
            fix: { label: 'Train on matured labels', operations: [{ op: 'set-prop', nodeId: labels.id, key: 'delayHandling', value: 'train on matured labels' }] },
          };
        });
    });
  },
});
