import { hasRole, nameOf, textProp } from '../model';
import { defineRule } from '../types';

/** A monitor closes the loop by paging someone or by triggering a retrain; one that does neither only records. */
export const monitorAlertRule = defineRule({
  id: 'monitor-alert',
  title: 'Monitor closes the loop',
  severity: 'warning',
  step: 'monitoring',
  find(board) {
    return board
      .withRole('watcher')
      .filter((monitor) => textProp(monitor, 'alertTarget') === '' && ![...board.walk([monitor.id])].some((n) => hasRole(n, 'learner')))
      .map((monitor) => ({
        message: `${nameOf(monitor)} alerts nobody and triggers no retraining: when it sees drift, nothing happens.`,
        question: `${nameOf(monitor)} sees the prediction distribution shift at 3 a.m.: who is told, and what retrains the model?`,
        nodeIds: [monitor.id],
        fix: {
          label: 'Alert the on-call engineer',
          operations: [{ op: 'set-prop', nodeId: monitor.id, key: 'alertTarget', value: 'on-call' }],
        },
      }));
  },
});
