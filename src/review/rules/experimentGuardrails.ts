import { listProp, nameOf, textProp, type BoardModel } from '../model';
import { defineRule, type Issue } from '../types';

/** Metrics measured on held-out data, not on users: a launch decision needs a business or online metric. */
const OFFLINE_METRIC = /\b(training loss|log ?loss|cross[- ]?entropy|(roc|pr)?[- ]?auc|ndcg|mrr|rmse|mae|f1|accuracy|recall@\w+|precision@\w+)/i;

/** An experiment decides on a business or online metric and is stopped by guardrails when it hurts. */
export const experimentGuardrailsRule = defineRule({
  id: 'experiment-guardrails',
  title: 'Experiment guardrails',
  severity: 'warning',
  step: 'evaluation',
  find(board) {
    return [...offlinePrimary(board), ...noGuardrails(board)];
  },
});

function offlinePrimary(board: BoardModel): Issue[] {
  return board
    .withRole('experiment')
    .filter((experiment) => OFFLINE_METRIC.test(textProp(experiment, 'primaryMetric')))
    .map((experiment) => ({
      message: `${nameOf(experiment)} decides on ${textProp(experiment, 'primaryMetric')}, an offline metric: an experiment should decide on what users and the business do.`,
      question: `${textProp(experiment, 'primaryMetric')} went up in the treatment group: what did users do differently, and was it worth it to the business?`,
      nodeIds: [experiment.id],
    }));
}

function noGuardrails(board: BoardModel): Issue[] {
  return board
    .withRole('experiment')
    .filter((experiment) => listProp(experiment, 'guardrailMetrics').length === 0)
    .map((experiment) => ({
      message: `${nameOf(experiment)} has no guardrail metrics: a treatment that lifts the primary metric while raising latency, complaints or lost revenue would still ship.`,
      question: 'The treatment lifts CTR by 2 % and p99 latency by 80 ms: does it ship, and which metric stops it?',
      nodeIds: [experiment.id],
      fix: {
        label: 'Add latency and complaint guardrails',
        operations: [{ op: 'set-prop', nodeId: experiment.id, key: 'guardrailMetrics', value: ['p99 latency', 'complaints and hides', 'revenue'] }],
      },
    }));
}
