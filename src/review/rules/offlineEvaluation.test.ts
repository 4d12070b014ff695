import { describe, expect, it } from 'vitest';
import { check, edit, SOUND_DESIGN } from '../testBoards';
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
});
