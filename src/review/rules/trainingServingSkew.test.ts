import { describe, expect, it } from 'vitest';
import { check, edit, SOUND_DESIGN } from '../testBoards';
import { trainingServingSkewRule } from './trainingServingSkew';

const WITHOUT_STORE = edit(SOUND_DESIGN, { remove: ['features'], addEdges: [['pipeline', 'trainer', 'batch']] });

describe('training-serving skew rule', () => {
  it('flags one pipeline feeding both the trainer and an online stage with no feature store', () => {
    const findings = check(trainingServingSkewRule, edit(WITHOUT_STORE, { addEdges: [['pipeline', 'ranker', 'batch']] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', nodeIds: ['pipeline'], message: expect.stringMatching(/training-serving skew/) });
  });

  it('flags separate pipelines for training and serving, naming both', () => {
    const findings = check(
      trainingServingSkewRule,
      edit(WITHOUT_STORE, {
        addNodes: [{ id: 'realtime', type: 'data-pipeline', props: { mode: 'streaming' } }],
        addEdges: [
          ['events', 'realtime', 'streaming'],
          ['realtime', 'ranker', 'streaming'],
        ],
      }),
    );
    expect(findings.map((f) => f.nodeIds.sort())).toEqual([['pipeline', 'realtime']]);
  });

  it('does not count items a pipeline sends to an index as serving features', () => {
    const indexed = edit(WITHOUT_STORE, {
      addNodes: [{ id: 'encoder', type: 'embedding-service', props: { mode: 'batch' } }],
      addEdges: [
        ['pipeline', 'encoder', 'batch'],
        ['encoder', 'index', 'batch'],
      ],
    });
    expect(check(trainingServingSkewRule, indexed)).toEqual([]);
  });

  it('does not count the trained model reaching serving through the registry as features', () => {
    expect(check(trainingServingSkewRule, WITHOUT_STORE)).toEqual([]);
  });

  it('is silent with a shared feature store', () => {
    expect(check(trainingServingSkewRule, edit(SOUND_DESIGN, { addEdges: [['pipeline', 'ranker', 'batch']] }))).toEqual([]);
  });
});
