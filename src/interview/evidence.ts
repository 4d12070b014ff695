import { evidenceTypes } from '../catalog';
import type { FrameworkStepId } from '../shared/catalog/framework';
import { FRAMEWORK_STEPS } from '../shared/catalog/frameworkSteps';

export interface EvidenceType {
  typeId: string;
  label: string;
  /** How many nodes of this type the board has. */
  count: number;
}

export interface StepEvidence {
  step: FrameworkStepId;
  present: EvidenceType[];
  missing: EvidenceType[];
  /** At least one node on the board shows the step. */
  lit: boolean;
}

/**
 * Which framework steps the diagram already shows: a step lights up as soon as the board holds a
 * node of one of its evidence types (`evidenceOf` in the catalog), and lists the types it still lacks, so the
 * candidate sees at a glance what the design is missing.
 */
export function stepEvidence(nodeTypes: Iterable<string>): StepEvidence[] {
  const counts = new Map<string, number>();
  for (const type of nodeTypes) counts.set(type, (counts.get(type) ?? 0) + 1);
  return FRAMEWORK_STEPS.map((step) => {
    const types = evidenceTypes(step.id).map((type) => ({ typeId: type.id, label: type.label, count: counts.get(type.id) ?? 0 }));
    const present = types.filter((t) => t.count > 0);
    return { step: step.id, present, missing: types.filter((t) => t.count === 0), lit: present.length > 0 };
  });
}
