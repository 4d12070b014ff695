import { defineRule } from '../types';

/** A system with models in it needs something watching them. */
export const monitoringRule = defineRule({
  id: 'monitoring',
  title: 'Monitoring',
  severity: 'error',
  find(ctx) {
    if (ctx.ofCategory('monitoring').length > 0) return [];
    const watched = ctx.ofCategory('serving').length > 0 ? ctx.ofCategory('serving') : ctx.ofCategory('training');
    if (watched.length === 0) return [];
    return [
      {
        message: 'No monitor anywhere: the model will degrade silently as the data drifts, and nobody will be alerted.',
        nodeIds: watched.map((n) => n.id),
      },
    ];
  },
});
