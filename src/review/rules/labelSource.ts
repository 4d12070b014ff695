import { nameOf, textProp } from '../model';
import { defineRule } from '../types';

/** A supervised model learns from labels; a design without a label source has not said what it predicts. */
export const labelSourceRule = defineRule({
  id: 'label-source',
  title: 'Label source',
  severity: 'warning',
  step: 'data',
  find(board) {
    return board
      .withRole('learner')
      .filter((learner) => textProp(learner, 'learning') === 'supervised' && board.labelSources(learner).length === 0)
      .map((learner) => ({
        message: `Supervised ${nameOf(learner)} has no label source: nothing says what a positive and a negative example are.`,
        question: 'What exactly is a positive example here, what is a negative, and where does each come from?',
        nodeIds: [learner.id],
        fix: {
          label: 'Add a label source feeding the trainer',
          operations: [
            { op: 'add-node', ref: 'labels', type: 'labeling', title: 'Labels', near: learner.id },
            { op: 'connect', source: 'labels', target: learner.id, kind: 'batch' },
          ],
        },
      }));
  },
});
