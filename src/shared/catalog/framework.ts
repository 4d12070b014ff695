/**
 * The seven-step ML system design interview framework: its steps' ids in interview order. Each
 * step's title, prompts and time budget are in ./frameworkSteps.ts; the node types whose presence
 * on the diagram is its evidence say so themselves (`evidenceOf` in the catalog).
 */
export const FRAMEWORK_STEP_IDS = ['clarify', 'framing', 'data', 'model', 'evaluation', 'serving', 'monitoring'] as const;
export type FrameworkStepId = (typeof FRAMEWORK_STEP_IDS)[number];
