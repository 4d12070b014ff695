import { hasRole, nameOf, plainName, type BoardModel, type ReviewNode } from '../model';
import { defineRule, type Issue } from '../types';

/**
 * The features a model learns from and the features it is served with come from one computation (a
 * shared feature store, or one transformation both read), however the edges are drawn. Two pipelines,
 * or a pipeline for training and raw events read by the server, compute the same features twice, and
 * the two copies drift apart: training-serving skew.
 */
export const trainingServingSkewRule = defineRule({
  id: 'training-serving-skew',
  title: 'One feature computation',
  severity: 'error',
  step: 'data',
  find(board) {
    return board.withRole('learner').flatMap((learner) => {
      const training = board.featureSources(learner);
      if (training.computations.size === 0) return [];
      return board.servingOf(learner).flatMap((server) => skew(board, learner, training.computations, server));
    });
  },
});

function skew(board: BoardModel, learner: ReviewNode, trainingFeatures: ReadonlySet<ReviewNode>, server: ReviewNode): Issue[] {
  // An index holds what the model computed offline (item embeddings); the models answering requests are what read features.
  if (server.plane !== 'online' || !(hasRole(server, 'inference') || hasRole(server, 'encoder'))) return [];
  const serving = board.featureSources(server);
  if ([...serving.computations].some((n) => trainingFeatures.has(n))) return [];
  if (serving.computations.size === 0 && serving.raw.length === 0) return [];
  const trainingSide = [...trainingFeatures].map(plainName).join(', ');
  const servingSide = serving.computations.size > 0 ? [...serving.computations].map(plainName).join(', ') : `code in ${plainName(server)} reading ${serving.raw.map(plainName).join(', ')}`;
  return [
    {
      message: `${nameOf(learner)} learns from features computed by ${trainingSide}, while ${nameOf(server)} is served features computed by ${servingSide}: two computations drift apart (training-serving skew).`,
      question: `A feature is redefined in ${trainingSide} next month: what makes sure ${plainName(server)} computes it the same way?`,
      nodeIds: [...new Set([learner, server, ...trainingFeatures, ...serving.computations, ...serving.raw].map((n) => n.id))],
    },
  ];
}
