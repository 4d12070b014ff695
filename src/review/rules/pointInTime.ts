import { hasRole, nameOf, plainName } from '../model';
import { defineRule } from '../types';

/**
 * Offline features joined as of today rather than as of each label's timestamp hand the model facts it
 * could not have had at prediction time (a user's later purchases explaining an earlier click).
 */
export const pointInTimeRule = defineRule({
  id: 'point-in-time',
  title: 'Leakage: features not point-in-time',
  severity: 'error',
  step: 'data',
  find(board) {
    return board.withRole('learner').flatMap((learner) => {
      const timed = board.timeOrderedData(learner);
      if (timed.length === 0) return [];
      return board
        .trainingData(learner)
        .filter((store) => hasRole(store, 'shared-features') && store.props.pointInTime === false)
        .map((store) => ({
          message: `${nameOf(store)} joins training features without point-in-time correctness while ${plainName(timed[0]!)} is ordered in time: each example sees feature values from after its label.`,
          question: 'For a click at 10:00, which value of "purchases in the last 7 days" does the training example get, and which one did the model see at 10:00?',
          nodeIds: [store.id, learner.id],
          fix: { label: 'Join features as of each label', operations: [{ op: 'set-prop', nodeId: store.id, key: 'pointInTime', value: true }] },
        }));
    });
  },
});
