import { hasRole, nameOf, plainName, type ReviewNode } from '../model';
import { defineRule, shown } from '../types';

/**
 * A feature a job computes from the labels hands the model its answer; it scores perfectly offline and
 * fails live. Labels joined with features in a feature store to make the training set are not features.
 */
export const labelLeakageRule = defineRule({
  id: 'label-leakage',
  title: 'Leakage: features derived from the label',
  severity: 'error',
  step: 'data',
  find(board) {
    return board.withRole('learner').flatMap((learner) => {
      const features = board.featureSources(learner).computations;
      if (features.size === 0) return [];
      const labels = board.labelSources(learner);
      // Labels joined into a feature store make the training set; a job computing features from labels leaks them.
      const offline = { through: (n: ReviewNode) => !hasRole(n, 'learner') && n.type.category !== 'serving' };
      const feedsFeatures = (n: ReviewNode) => features.has(n) || [...board.downstream(n.id)].some((f) => features.has(f));
      const toJob = board.findPath(labels, (n) => hasRole(n, 'transform') && feedsFeatures(n), offline);
      if (!toJob) return [];
      const job = toJob.nodes[toJob.nodes.length - 1]!;
      const onward = features.has(job) ? undefined : board.findPath([job], (n) => features.has(n), offline);
      const path = { nodes: [...toJob.nodes, ...(onward?.nodes.slice(1) ?? [])], edges: [...toJob.edges, ...(onward?.edges ?? [])] };
      const [label] = path.nodes;
      const feature = job;
      return [
        {
          message: `Labels from ${nameOf(label!)} flow into ${nameOf(feature)}, which ${plainName(learner)} reads as features: a feature derived from the label leaks the answer.`,
          question: `Which of the features in ${plainName(feature)} would you still know at the moment you predict, before the label exists?`,
          ...shown(path, { nodes: [learner], edges: [] }),
        },
      ];
    });
  },
});
