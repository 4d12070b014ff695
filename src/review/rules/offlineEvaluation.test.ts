import { describe, expect, it } from 'vitest';
import { check, edit, SOUND_DESIGN, withFix, type BoardSpec } from '../testBoards';
import { offlineEvaluationRule } from './offlineEvaluation';

describe('offline evaluation rule', () => {
  it('flags a design with no evaluation, pointing at the training side', () => {
    const findings = check(offlineEvaluationRule, edit(SOUND_DESIGN, { remove: ['eval'], addEdges: [['trainer', 'registry', 'batch']] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', message: expect.stringMatching(/^No offline evaluation/) });
    expect(findings[0].nodeIds.sort()).toEqual(['registry', 'trainer']);
  });

  it('flags an evaluation that names no offline metric', () => {
    const findings = check(offlineEvaluationRule, edit(SOUND_DESIGN, { props: { eval: { offlineMetrics: [' '] } } }));
    expect(findings).toEqual([
      {
        ruleId: 'offline-evaluation',
        severity: 'error',
        step: 'evaluation',
        message: '"Offline evaluation" names no offline metric: there is no way to compare models before launch.',
        question: 'Which offline metric decides that a model is ready, and why that one for this task?',
        nodeIds: ['eval'],
        edgeIds: [],
      },
    ]);
  });

  it('is silent with an evaluation naming its metric', () => {
    expect(check(offlineEvaluationRule, SOUND_DESIGN)).toEqual([]);
  });

  it('still fires when a dashboard watching the served model stands in for evaluation', () => {
    // Churn prediction drawn with a monitor after serving and the trainer pushing straight to the registry.
    const dashboard: BoardSpec = {
      nodes: [
        { id: 'server', type: 'model-server', title: 'Churn scorer', props: { mode: 'batch' } },
        { id: 'dash', type: 'monitor', title: 'Model dashboard' },
        { id: 'registry', type: 'model-registry' },
        { id: 'trainer', type: 'trainer', title: 'XGBoost' },
        { id: 'usage', type: 'message-queue', title: 'Usage events' },
        { id: 'labels', type: 'labeling', title: 'Cancellations' },
      ],
      edges: [
        ['usage', 'trainer', 'streaming'],
        ['labels', 'trainer', 'batch'],
        ['trainer', 'registry', 'streaming'],
        ['registry', 'server', 'batch'],
        ['server', 'dash', 'streaming'],
        ['dash', 'trainer', 'feedback'],
      ],
    };
    const findings = check(offlineEvaluationRule, dashboard);
    expect(findings.map((f) => f.nodeIds.sort())).toEqual([['registry', 'trainer']]);
    expect(check(offlineEvaluationRule, withFix(dashboard, findings[0].fix))).toHaveLength(1);
    const evaluated = edit(withFix(dashboard, findings[0].fix), { props: { evaluation: { offlineMetrics: ['PR-AUC'] } } });
    expect(check(offlineEvaluationRule, evaluated)).toEqual([]);
  });
});
