import { defineRule, type FixOperation } from '../types';

/** A system with models in it needs something watching them. */
export const monitoringRule = defineRule({
  id: 'monitoring',
  title: 'Monitoring',
  severity: 'error',
  step: 'monitoring',
  find(board) {
    if (board.withRole('watcher').length > 0) return [];
    const serving = board.withRole('inference');
    const watched = serving.length > 0 ? serving : board.withRole('learner');
    if (watched.length === 0) return [];
    const wired = serving.map((n): FixOperation => ({ op: 'connect', source: n.id, target: 'monitor', kind: 'streaming' }));
    return [
      {
        message: 'No monitor anywhere: the model will degrade silently as the data drifts, and nobody will be alerted.',
        question: 'Three months after launch the input distribution has shifted: how do you find out, and who is paged?',
        nodeIds: watched.map((n) => n.id),
        fix:
          serving.length > 0
            ? {
                label: 'Add a monitor wired to the model',
                operations: [
                  { op: 'add-node', ref: 'monitor', type: 'monitor', title: 'Model monitor', props: { mlMetrics: ['prediction distribution', 'feature drift'] }, near: serving[0]!.id },
                  ...wired,
                ],
              }
            : undefined,
      },
    ];
  },
});
