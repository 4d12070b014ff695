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
import { SEVERITIES, type Finding, type Rule } from './types';

/** Every rule of the design review, in the order an interview covers their subjects. */
export const RULES: readonly Rule[] = [
  privacyNoteRule,
  trainingServingSkewRule,
  calibrationRule,
  offlineEvaluationRule,
  onlineExperimentRule,
  candidateGenerationRule,
  latencyBudgetRule,
  batchPredictionsStoredRule,
  monitoringRule,
  feedbackLoopRule,
];

/** Reviews a board: every rule's findings, errors first, then in rule order. */
export function review(board: BoardFile, rules: readonly Rule[] = RULES): Finding[] {
  const model = new BoardModel(board);
  const findings = rules.flatMap((rule) => rule.check(model));
  return findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

export type { Finding, Rule, Severity } from './types';
