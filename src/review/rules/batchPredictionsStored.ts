import { hasRole, nameOf } from '../model';
import { defineRule } from '../types';

/** Batch predictions are only worth computing if they are stored where the product reads them. */
export const batchPredictionsStoredRule = defineRule({
  id: 'batch-predictions-stored',
  title: 'Batch predictions stored',
  severity: 'error',
  step: 'serving',
  find(board) {
    return board
      .withRole('inference')
      .filter((n) => n.props.mode === 'batch')
      .filter((server) => ![...board.downstream(server.id)].some((n) => hasRole(n, 'lookup')))
      .map((server) => ({
        message: `Batch ${nameOf(server)} writes its predictions nowhere that keeps them: add a key-value store or table the product reads.`,
        question: 'Where does the app read these precomputed predictions at request time, and how stale may they be?',
        nodeIds: [server.id],
        fix: {
          label: 'Store predictions in a key-value store',
          operations: [
            { op: 'add-node', ref: 'store', type: 'cache', title: 'Prediction store', props: { cached: 'predictions' }, near: server.id },
            { op: 'connect', source: server.id, target: 'store', kind: 'batch' },
          ],
        },
      }));
  },
});
