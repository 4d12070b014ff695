import { catalogType, listProp, nameOf } from '../context';
import { defineRule } from '../types';

const EVALUATION = catalogType('evaluation');

/** Models are compared offline, on a named metric, before any of them reaches users. */
export const offlineEvaluationRule = defineRule({
  id: 'offline-evaluation',
  title: 'Offline evaluation',
  severity: 'error',
  find(ctx) {
    const evaluations = ctx.ofType(EVALUATION);
    if (evaluations.length === 0) {
      const models = ctx.ofCategory('training').length > 0 ? ctx.ofCategory('training') : ctx.ofCategory('serving');
      if (models.length === 0) return [];
      return [
        {
          message: 'No offline evaluation: there is no way to compare models before launch.',
          nodeIds: models.map((n) => n.id),
        },
      ];
    }
    return evaluations
      .filter((evaluation) => listProp(evaluation, 'offlineMetrics').length === 0)
      .map((evaluation) => ({
        message: `${nameOf(evaluation)} names no offline metric: there is no way to compare models before launch.`,
        nodeIds: [evaluation.id],
      }));
  },
});
