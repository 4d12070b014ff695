import { catalogType, DATA_FLOW, isStore, type ReviewContext, type ReviewNode } from '../context';
import { defineRule } from '../types';

const FEATURE_STORE = catalogType('feature-store');
const PIPELINE = catalogType('data-pipeline');

/**
 * Pipelines feed features to training and to online stages with no feature store between them: the
 * two sides compute the same features twice, and they drift apart (training-serving skew).
 */
export const trainingServingSkewRule = defineRule({
  id: 'training-serving-skew',
  title: 'Training-serving skew',
  severity: 'warning',
  find(ctx) {
    if (ctx.ofType(FEATURE_STORE).length > 0) return [];
    const pipelines = ctx.ofType(PIPELINE);
    const feedingTraining = pipelines.filter((p) => feeds(ctx, p, (n) => n.type.category === 'training'));
    // Stores (an index of item embeddings, a cache of results) hold what is looked up; stages that score use features.
    const feedingServing = pipelines.filter((p) => feeds(ctx, p, (n) => n.type.category === 'serving' && n.plane === 'online' && !isStore(n)));
    if (feedingTraining.length === 0 || feedingServing.length === 0) return [];
    return [
      {
        message: 'Features reach training and serving with no shared feature store between them: the two sides drift apart (training-serving skew).',
        nodeIds: [...new Set([...feedingTraining, ...feedingServing])].map((n) => n.id),
      },
    ];
  },
});

/** Whether a pipeline's data reaches a node, without counting models that training hands on to serving. */
function feeds(ctx: ReviewContext, pipeline: ReviewNode, isTarget: (node: ReviewNode) => boolean): boolean {
  const reached = ctx.walk([pipeline.id], { kinds: DATA_FLOW, through: (n) => n.type.category !== 'training' });
  return [...reached].some(isTarget);
}
