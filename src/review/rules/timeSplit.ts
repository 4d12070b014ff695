import { nameOf, plainName, textProp } from '../model';
import { defineRule } from '../types';

/**
 * A random train/test split on data that happens in time puts tomorrow's behaviour in the training set
 * and yesterday's in the test set: the offline metric measures recall of the future, not prediction.
 */
export const timeSplitRule = defineRule({
  id: 'time-split',
  title: 'Leakage: random split on time-ordered data',
  severity: 'error',
  step: 'model',
  find(board) {
    return board.withRole('learner').flatMap((learner) => {
      const timed = board.timeOrderedData(learner);
      if (timed.length === 0) return [];
      return board
        .evaluationsOf(learner)
        .filter((evaluation) => textProp(evaluation, 'split') === 'random')
        .map((evaluation) => ({
          message: `${nameOf(evaluation)} splits ${plainName(timed[0]!)} at random although it is ordered in time: the test set holds the past and training the future, so the offline metric leaks.`,
          question: 'Your training set holds Tuesday and your test set Monday: what does that offline metric promise about next week?',
          nodeIds: [evaluation.id, learner.id, ...timed.map((n) => n.id)],
          fix: { label: 'Split by time', operations: [{ op: 'set-prop', nodeId: evaluation.id, key: 'split', value: 'time-based' }] },
        }));
    });
  },
});
