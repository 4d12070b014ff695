import { listProp, nameOf, textProp } from '../model';
import { defineRule } from '../types';

/** Operational metrics show the service is up, not that the model is right: drift and quality are the ML signals. */
export const monitorSignalsRule = defineRule({
  id: 'monitor-signals',
  title: 'Monitor watches the model',
  severity: 'warning',
  step: 'monitoring',
  find(board) {
    return board
      .withRole('watcher')
      .filter((monitor) => listProp(monitor, 'mlMetrics').length === 0 && textProp(monitor, 'driftTest') === '')
      .map((monitor) => ({
        message: `${nameOf(monitor)} has no drift test and no model-quality metric: it sees the service is up, not that the model has gone wrong.`,
        question: 'Latency and errors are flat but conversions fell 10 % this week: what on your monitor would have shown it, and when?',
        nodeIds: [monitor.id],
        fix: {
          label: 'Watch drift and prediction quality',
          operations: [
            { op: 'set-prop', nodeId: monitor.id, key: 'driftTest', value: 'PSI > 0.25 on features and predictions' },
            { op: 'set-prop', nodeId: monitor.id, key: 'mlMetrics', value: ['prediction distribution', 'online quality metric'] },
          ],
        },
      }));
  },
});
