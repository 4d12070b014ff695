import { DATA_FLOW } from '../context';
import { defineRule } from '../types';

/**
 * Behaviour seen in production must come back as training data: either a feedback edge, or a logging
 * path (streaming or batch, not the request path) from an online component to a training component.
 */
export const feedbackLoopRule = defineRule({
  id: 'feedback-loop',
  title: 'Feedback loop',
  severity: 'error',
  find(ctx) {
    if (ctx.ofCategory('serving').length === 0 && ctx.ofCategory('product').length === 0) return [];
    if (ctx.hasEdgeOfKind('feedback')) return [];
    const online = ctx.nodes.filter((n) => n.plane === 'online');
    const logged = ctx.walk(
      online.map((n) => n.id),
      { kinds: DATA_FLOW },
    );
    if ([...logged].some((n) => n.type.category === 'training')) return [];
    const loggers = ctx.ofCategory('product').length > 0 ? ctx.ofCategory('product') : online;
    return [
      {
        message: 'Nothing flows from serving or logging back to training data: the model cannot learn from new behaviour.',
        nodeIds: loggers.map((n) => n.id),
      },
    ];
  },
});
