import { nameOf, textProp } from '../model';
import { defineRule } from '../types';

/** A model that serves users is launched through an experiment measured on a business metric. */
export const onlineExperimentRule = defineRule({
  id: 'online-experiment',
  title: 'Online experiment',
  severity: 'warning',
  step: 'evaluation',
  find(board) {
    const serving = board.onlineServing();
    if (serving.length === 0) return [];
    const experiments = board.withRole('experiment');
    if (experiments.length === 0) {
      return [
        {
          message: 'No A/B test: nothing shows the model moves the business metric.',
          question: 'Offline metrics went up: how do you show the new model actually moves the business metric?',
          nodeIds: serving.map((n) => n.id),
        },
      ];
    }
    return experiments
      .filter((experiment) => textProp(experiment, 'primaryMetric') === '')
      .map((experiment) => ({
        message: `${nameOf(experiment)} names no primary online metric: nothing shows the model moves the business metric.`,
        question: 'Which single online metric decides this experiment, and how long must it run to see the effect?',
        nodeIds: [experiment.id],
      }));
  },
});
