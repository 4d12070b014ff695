import type { BoardFile } from '../shared/format';
import { BoardModel } from './model';
import { batchPredictionsStoredRule } from './rules/batchPredictionsStored';
import { calibrationRule } from './rules/calibration';
import { candidateGenerationRule } from './rules/candidateGeneration';
import { feedbackLoopRule } from './rules/feedbackLoop';
import { latencyBudgetRule } from './rules/latencyBudget';
import { monitoringRule } from './rules/monitoring';
import { offlineEvaluationRule } from './rules/offlineEvaluation';
import { onlineExperimentRule } from './rules/onlineExperiment';
import { privacyNoteRule } from './rules/privacyNote';
import { trainingServingSkewRule } from './rules/trainingServingSkew';
import { experimentGuardrailsRule } from './rules/experimentGuardrails';
import { fallbackRule } from './rules/fallback';
import { labelDelayRule } from './rules/labelDelay';
import { labelLeakageRule } from './rules/labelLeakage';
import { labelSourceRule } from './rules/labelSource';
import { latencySloRule } from './rules/latencySlo';
import { modelToServingRule } from './rules/modelToServing';
import { monitorAlertRule } from './rules/monitorAlert';
import { monitorSignalsRule } from './rules/monitorSignals';
import { monitorWiredRule } from './rules/monitorWired';
import { pointInTimeRule } from './rules/pointInTime';
import { safeRolloutRule } from './rules/safeRollout';
import { timeSplitRule } from './rules/timeSplit';
import { classBalanceRule } from './rules/classBalance';
import { coldStartRule } from './rules/coldStart';
import { explorationRule } from './rules/exploration';
import { indexMemoryRule } from './rules/indexMemory';
import { nearestNeighbourScaleRule } from './rules/nearestNeighbourScale';
import { positionBiasRule } from './rules/positionBias';
import { rankerLoadRule } from './rules/rankerLoad';
import { retrainingCadenceRule } from './rules/retrainingCadence';
import { SEVERITIES, type Finding, type Rule } from './types';

/** Every rule of the design review, in the order an interview covers their subjects. */
export const RULES: readonly Rule[] = [
  latencySloRule,
  privacyNoteRule,
  labelSourceRule,
  labelDelayRule,
  coldStartRule,
  trainingServingSkewRule,
  pointInTimeRule,
  labelLeakageRule,
  timeSplitRule,
  calibrationRule,
  positionBiasRule,
  offlineEvaluationRule,
  classBalanceRule,
  onlineExperimentRule,
  experimentGuardrailsRule,
  modelToServingRule,
  safeRolloutRule,
  candidateGenerationRule,
  latencyBudgetRule,
  rankerLoadRule,
  nearestNeighbourScaleRule,
  indexMemoryRule,
  explorationRule,
  fallbackRule,
  batchPredictionsStoredRule,
  monitoringRule,
  monitorWiredRule,
  monitorSignalsRule,
  monitorAlertRule,
  retrainingCadenceRule,
  feedbackLoopRule,
];

/** Reviews a board: every rule's findings, errors first, then in rule order. */
export function review(board: BoardFile, rules: readonly Rule[] = RULES): Finding[] {
  const model = new BoardModel(board);
  const findings = rules.flatMap((rule) => rule.check(model));
  return findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

export type { Finding, Rule, Severity } from './types';
