import type { BoardEdge } from '../../shared/format';
import { carriesData, hasRole, type BoardModel } from '../model';
import { defineRule } from '../types';

/** A serving stage's request to a store reads it (a ranker fetching features): nothing users did goes in. */
function isLookup(board: BoardModel, edge: BoardEdge): boolean {
  return edge.kind === 'online' && !hasRole(board.node(edge.source)!, 'client') && hasRole(board.node(edge.target)!, 'lookup');
}

/**
 * Behaviour seen in production must come back as training data: some path, by any edge kind, from the
 * product or an online stage through data (events, logs, pipelines, labels, features) into a learner.
 * An experiment promoting a model or a monitor triggering a retrain is not such a path: neither carries
 * what users did.
 */
export const feedbackLoopRule = defineRule({
  id: 'feedback-loop',
  title: 'Feedback loop',
  severity: 'error',
  step: 'monitoring',
  find(board) {
    const learners = board.withRole('learner');
    const producers = board.nodes.filter((n) => hasRole(n, 'client') || (n.type.category === 'serving' && n.plane === 'online'));
    if (learners.length === 0 || producers.length === 0) return [];
    const loop = board.findPath(producers, (n) => hasRole(n, 'learner'), { through: carriesData, follow: (e) => !isLookup(board, e) });
    if (loop) return [];
    const clients = board.withRole('client');
    return [
      {
        message: 'Nothing users do flows back into the data the trainer learns from: the model cannot learn from new behaviour.',
        question: 'A user clicks on a recommendation today: how and when does that click become a training example?',
        nodeIds: [...(clients.length > 0 ? clients : producers), ...learners].map((n) => n.id),
      },
    ];
  },
});
