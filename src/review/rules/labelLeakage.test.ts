import { describe, expect, it } from 'vitest';
import { check, edit, type BoardSpec } from '../testBoards';
import { labelLeakageRule } from './labelLeakage';

// Loan default model: the feature job also reads the collections outcome, the very thing predicted.
const OUTCOME_AS_FEATURE: BoardSpec = {
  nodes: [
    { id: 'loans', type: 'data-source', title: 'Loan applications', props: { entity: 'transactions' } },
    { id: 'outcomes', type: 'labeling', title: 'Defaulted within 12 months' },
    { id: 'features', type: 'data-pipeline', title: 'Applicant features' },
    { id: 'trainer', type: 'trainer', title: 'Default model' },
  ],
  edges: [
    ['loans', 'features', 'batch'],
    ['outcomes', 'features', 'batch'],
    ['features', 'trainer', 'batch'],
    ['outcomes', 'trainer', 'batch'],
  ],
};

describe('label leakage rule', () => {
  it('flags labels feeding the job that computes the features', () => {
    const findings = check(labelLeakageRule, OUTCOME_AS_FEATURE);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', message: expect.stringMatching(/^Labels from "Defaulted within 12 months" flow into "Applicant features"/) });
    expect(findings[0]!.edgeIds).toHaveLength(1);
  });

  it('is silent when labels only meet features in the trainer, or are joined in a feature store to make the training set', () => {
    expect(check(labelLeakageRule, edit(OUTCOME_AS_FEATURE, { removeEdges: [['outcomes', 'features']] }))).toEqual([]);
    const joined = edit(OUTCOME_AS_FEATURE, {
      addNodes: [{ id: 'store', type: 'feature-store' }],
      removeEdges: [
        ['outcomes', 'features'],
        ['features', 'trainer'],
        ['outcomes', 'trainer'],
      ],
      addEdges: [
        ['features', 'store', 'batch'],
        ['outcomes', 'store', 'batch'],
        ['store', 'trainer', 'batch'],
      ],
    });
    expect(check(labelLeakageRule, joined)).toEqual([]);
  });

  it('still fires through an extra stage and a feature store, drawn with streaming edges', () => {
    const indirect = edit(OUTCOME_AS_FEATURE, {
      addNodes: [
        { id: 'queue', type: 'message-queue', title: 'Outcome events' },
        { id: 'store', type: 'feature-store' },
      ],
      removeEdges: [
        ['outcomes', 'features'],
        ['features', 'trainer'],
      ],
      addEdges: [
        ['outcomes', 'queue', 'streaming'],
        ['queue', 'features', 'streaming'],
        ['features', 'store', 'streaming'],
        ['store', 'trainer', 'batch'],
      ],
    });
    expect(check(labelLeakageRule, indirect)[0]?.nodeIds).toEqual(['outcomes', 'queue', 'features', 'store', 'trainer']);
  });
});
