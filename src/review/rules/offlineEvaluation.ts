import { listProp, nameOf } from '../model';
import { defineRule } from '../types';

/** Models are compared offline, on a named metric, before any of them reaches users. */
export const offlineEvaluationRule = defineRule({
  id: 'offline-evaluation',
  title: 'Offline evaluation',
  severity: 'error',
  step: 'evaluation',
  find(board) {
    const evaluations = board.withRole('evaluator');
    if (evaluations.length === 0) {
      const learners = board.withRole('learner');
      const models = learners.length > 0 ? board.ofCategory('training') : board.withRole('inference');
      if (models.length === 0) return [];
      const trainer = learners[0];
      return [
        {
          message: 'No offline evaluation: there is no way to compare models before launch.',
          question: 'How do you know a newly trained model is better than the one serving today, before any user sees it?',
          nodeIds: models.map((n) => n.id),
          fix: trainer && {
            label: 'Add an offline evaluation after the trainer',
            operations: [
              { op: 'add-node', ref: 'evaluation', type: 'evaluation', title: 'Offline evaluation', near: trainer.id },
              { op: 'connect', source: trainer.id, target: 'evaluation', kind: 'batch' },
            ],
          },
        },
      ];
    }
    return evaluations
      .filter((evaluation) => listProp(evaluation, 'offlineMetrics').length === 0)
      .map((evaluation) => ({
        message: `${nameOf(evaluation)} names no offline metric: there is no way to compare models before launch.`,
        question: 'Which offline metric decides that a model is ready, and why that one for this task?',
        nodeIds: [evaluation.id],
      }));
  },
});
