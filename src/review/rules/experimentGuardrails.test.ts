import { describe, expect, it } from 'vitest';
import { check, edit, withFix, type BoardSpec } from '../testBoards';
import { experimentGuardrailsRule } from './experimentGuardrails';

const AUC_EXPERIMENT: BoardSpec = {
  nodes: [
    { id: 'app', type: 'client-app' },
    { id: 'ab', type: 'ab-test', title: 'Ranker test', props: { primaryMetric: 'ROC-AUC', guardrailMetrics: [] } },
    { id: 'ranker', type: 'ranker' },
  ],
  edges: [
    ['app', 'ab', 'online'],
    ['ab', 'ranker', 'online'],
  ],
};

describe('experiment guardrails rule', () => {
  it('flags an experiment deciding on an offline metric and one with no guardrails', () => {
    const findings = check(experimentGuardrailsRule, AUC_EXPERIMENT);
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/^"Ranker test" decides on ROC-AUC, an offline metric/), expect.stringMatching(/^"Ranker test" has no guardrail metrics/)]);
    expect(check(experimentGuardrailsRule, withFix(edit(AUC_EXPERIMENT, { props: { ab: { primaryMetric: 'watch time per user' } } }), findings[1]!.fix))).toEqual([]);
  });

  it('is silent with a business primary metric and guardrails', () => {
    expect(check(experimentGuardrailsRule, edit(AUC_EXPERIMENT, { props: { ab: { primaryMetric: 'fraud loss in bps', guardrailMetrics: ['p99 latency'] } } }))).toEqual([]);
  });

  it('still fires for a shadow deployment drawn off to the side with a log-loss primary metric', () => {
    const shadow = edit(AUC_EXPERIMENT, { props: { ab: { kind: 'shadow', primaryMetric: 'log loss', guardrailMetrics: ['latency'] } }, removeEdges: [['app', 'ab']] });
    expect(check(experimentGuardrailsRule, shadow)).toHaveLength(1);
  });
});
