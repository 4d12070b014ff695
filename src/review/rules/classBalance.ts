import { hasRole, listProp, nameOf, numberProp, type BoardModel, type ReviewNode } from '../model';
import { defineRule } from '../types';

/** Metrics that say something when positives are rare. */
const BALANCE_AWARE = /pr[- ]?auc|average precision|recall|precision|f1|log ?loss|cross[- ]?entropy|\bne\b|normali[sz]ed|calibration|roc|auc|ndcg|map|mrr|expected cost/i;
/** Below this share of positives, accuracy mostly counts negatives. */
const RARE = 10;

/** Accuracy on a rare positive: predicting "never" scores 99.8 % on fraud and is worthless. */
export const classBalanceRule = defineRule({
  id: 'class-balance',
  title: 'Metrics fit the class balance',
  severity: 'warning',
  step: 'evaluation',
  find(board) {
    return board.withRole('learner').flatMap((learner) => {
      const rate = positiveRate(board, learner);
      if (rate === undefined || rate >= RARE) return [];
      return board
        .evaluationsOf(learner)
        .filter((evaluation) => {
          const metrics = listProp(evaluation, 'offlineMetrics');
          return metrics.length > 0 && !metrics.some((m) => BALANCE_AWARE.test(m));
        })
        .map((evaluation) => ({
          message: `${nameOf(evaluation)} measures ${listProp(evaluation, 'offlineMetrics').join(', ')} on about ${rate} % positives: a model that never predicts the positive scores well and is worthless.`,
          question: `With ${rate} % positives, what accuracy does "always negative" get, and which metric would you look at instead?`,
          nodeIds: [evaluation.id, learner.id],
          fix: {
            label: 'Measure PR-AUC and recall at a precision',
            operations: [{ op: 'set-prop', nodeId: evaluation.id, key: 'offlineMetrics', value: [...listProp(evaluation, 'offlineMetrics'), 'PR-AUC', 'recall at 90 % precision'] }],
          },
        }));
    });
  },
});

/** The share of positives, in percent: stated on a label source, or implied by downsampling negatives. */
function positiveRate(board: BoardModel, learner: ReviewNode): number | undefined {
  const stated = board
    .labelSources(learner)
    .map((l) => numberProp(l, 'positiveRate'))
    .filter((r): r is number => r !== undefined);
  if (stated.length > 0) return Math.min(...stated);
  const kept = numberProp(learner, 'negativeSamplingRate');
  return kept !== undefined && kept < 1 && hasRole(learner, 'learner') ? Number((kept * 100).toPrecision(2)) : undefined;
}
