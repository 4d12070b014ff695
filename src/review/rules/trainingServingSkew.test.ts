import { describe, expect, it } from 'vitest';
import { check, edit, type BoardSpec } from '../testBoards';
import { trainingServingSkewRule } from './trainingServingSkew';

// Fraud scoring drawn without a feature store: a nightly Spark job builds the training set, and a
// separate Flink job computes the velocity features the online model reads.
const TWO_PIPELINES: BoardSpec = {
  nodes: [
    { id: 'app', type: 'client-app', title: 'Checkout' },
    { id: 'tx', type: 'data-source', title: 'Transactions', props: { entity: 'transactions' } },
    { id: 'events', type: 'message-queue', title: 'Payment events' },
    { id: 'nightly', type: 'data-pipeline', title: 'Nightly features', props: { mode: 'batch' } },
    { id: 'velocity', type: 'data-pipeline', title: 'Velocity job', props: { mode: 'streaming', engine: 'Flink' } },
    { id: 'labels', type: 'labeling', title: 'Chargebacks' },
    { id: 'trainer', type: 'trainer', title: 'GBDT trainer' },
    { id: 'registry', type: 'model-registry' },
    { id: 'server', type: 'model-server', title: 'Fraud model' },
  ],
  edges: [
    ['tx', 'nightly', 'batch'],
    ['nightly', 'trainer', 'batch'],
    ['labels', 'trainer', 'batch'],
    ['trainer', 'registry', 'batch'],
    ['registry', 'server', 'batch'],
    ['app', 'server', 'online'],
    ['app', 'events', 'streaming'],
    ['events', 'velocity', 'streaming'],
    ['velocity', 'server', 'streaming'],
  ],
};

describe('one feature computation rule', () => {
  it('flags two pipelines computing features, one for training and one for serving', () => {
    const findings = check(trainingServingSkewRule, TWO_PIPELINES);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', step: 'data', message: expect.stringMatching(/Nightly features.*Velocity job.*training-serving skew/) });
    expect(findings[0].nodeIds.sort()).toEqual(['nightly', 'server', 'trainer', 'velocity']);
  });

  it('is silent once a feature store both sides read sits between them', () => {
    const shared = edit(TWO_PIPELINES, {
      addNodes: [{ id: 'store', type: 'feature-store' }],
      removeEdges: [
        ['nightly', 'trainer'],
        ['velocity', 'server'],
      ],
      addEdges: [
        ['nightly', 'store', 'batch'],
        ['velocity', 'store', 'streaming'],
        ['store', 'trainer', 'batch'],
        ['server', 'store', 'online'],
      ],
    });
    expect(check(trainingServingSkewRule, shared)).toEqual([]);
  });

  it('is silent when one transformation feeds both sides, however the edges are drawn', () => {
    const one = edit(TWO_PIPELINES, { removeEdges: [['velocity', 'server']], addEdges: [['nightly', 'server', 'online']] });
    expect(check(trainingServingSkewRule, one)).toEqual([]);
  });

  it('still fires when the serving pipeline reaches the model by a request edge, through a ranker', () => {
    const drawnOtherwise = edit(TWO_PIPELINES, {
      addNodes: [{ id: 'ranker', type: 'ranker', title: 'Risk ranker' }],
      removeEdges: [
        ['velocity', 'server'],
        ['app', 'server'],
      ],
      addEdges: [
        ['app', 'ranker', 'online'],
        ['ranker', 'velocity', 'online'],
        ['velocity', 'ranker', 'online'],
        ['ranker', 'server', 'online'],
      ],
    });
    expect(check(trainingServingSkewRule, drawnOtherwise).map((f) => f.nodeIds.sort())).toEqual([['nightly', 'server', 'trainer', 'velocity']]);
  });

  it('flags a server reading raw events itself while training reads a pipeline', () => {
    const raw = edit(TWO_PIPELINES, { remove: ['velocity'], addEdges: [['events', 'server', 'streaming']] });
    expect(check(trainingServingSkewRule, raw)[0]?.message).toMatch(/code in Fraud model reading Payment events/);
  });

  it('does not count item embeddings an index holds as serving features', () => {
    const indexed = edit(TWO_PIPELINES, {
      remove: ['velocity'],
      addNodes: [
        { id: 'encoder', type: 'embedding-service', props: { mode: 'batch' } },
        { id: 'index', type: 'vector-index' },
      ],
      addEdges: [
        ['registry', 'encoder', 'batch'],
        ['encoder', 'index', 'batch'],
        ['app', 'index', 'online'],
      ],
    });
    expect(check(trainingServingSkewRule, indexed)).toEqual([]);
  });
});
