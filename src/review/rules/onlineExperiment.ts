import { nameOf, textProp } from '../context';
import { defineRule } from '../types';

/** A model that serves users is launched through an experiment measured on a business metric. */
export const onlineExperimentRule = defineRule({
  id: 'online-experiment',
  title: 'Online experiment',
  severity: 'warning',
  find(ctx) {
    const serving = ctx.onlineServing();
    if (serving.length === 0) return [];
    const experiments = ctx.ofCategory('experimentation');
    if (experiments.length === 0) {
      return [
        {
          message: 'No A/B test: nothing shows the model moves the business metric.',
          nodeIds: serving.map((n) => n.id),
        },
      ];
    }
    return experiments
      .filter((experiment) => textProp(experiment, 'primaryMetric') === '')
      .map((experiment) => ({
        message: `${nameOf(experiment)} names no primary online metric: nothing shows the model moves the business metric.`,
        nodeIds: [experiment.id],
      }));
  },
});
