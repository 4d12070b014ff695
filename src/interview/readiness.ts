import type { FrameworkStepId } from '../shared/catalog/framework';
import type { Finding } from '../review';
import { SEVERITIES } from '../review/types';
import type { StepEvidence } from './evidence';

export interface StepReadiness {
  step: FrameworkStepId;
  /** How many of the step's evidence types the board holds, out of how many. */
  covered: number;
  total: number;
  /** The review's findings that belong to the step, most serious first. */
  findings: Finding[];
  /** Evidence on the board and no error against it. */
  ready: boolean;
}

/**
 * How far the board covers each framework step: the share of the step's evidence types on the diagram,
 * and the design review's findings that belong to it (each rule names its step).
 */
export function stepReadiness(evidence: readonly StepEvidence[], findings: readonly Finding[]): StepReadiness[] {
  return evidence.map((e) => {
    const own = findings.filter((f) => f.step === e.step).sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
    const covered = e.present.length;
    return { step: e.step, covered, total: covered + e.missing.length, findings: own, ready: covered > 0 && !own.some((f) => f.severity === 'error') };
  });
}
