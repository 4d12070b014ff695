import { isStore, nameOf } from '../context';
import { defineRule } from '../types';

/** Batch predictions are only worth computing if they are stored where the product reads them. */
export const batchPredictionsStoredRule = defineRule({
  id: 'batch-predictions-stored',
  title: 'Batch predictions stored',
  severity: 'error',
  find(ctx) {
    return ctx
      .ofCategory('serving')
      .filter((n) => n.props.mode === 'batch')
      .filter((server) => ![...ctx.downstream(server.id)].some((n) => isStore(n)))
      .map((server) => ({
        message: `Batch ${nameOf(server)} writes its predictions nowhere that keeps them: add a key-value store or table the product reads.`,
        nodeIds: [server.id],
      }));
  },
});
