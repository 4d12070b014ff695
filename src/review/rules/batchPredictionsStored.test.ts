import { describe, expect, it } from 'vitest';
import { check, edit, type BoardSpec } from '../testBoards';
import { batchPredictionsStoredRule } from './batchPredictionsStored';

// People you may know: a GNN scores friend candidates in batch, then a filter drops blocked users.
const PRECOMPUTED: BoardSpec = {
  nodes: [
    { id: 'graph', type: 'data-source', props: { entity: 'users' } },
    { id: 'gnn', type: 'model-server', title: 'GNN scoring', props: { mode: 'batch' } },
    { id: 'filter', type: 're-ranker', title: 'Blocked users' },
    { id: 'app', type: 'client-app' },
  ],
  edges: [
    ['graph', 'gnn', 'batch'],
    ['gnn', 'filter', 'batch'],
  ],
};

describe('batch predictions stored rule', () => {
  it('flags a batch model server whose output reaches no store', () => {
    const findings = check(batchPredictionsStoredRule, PRECOMPUTED);
    expect(findings.map((f) => [f.severity, f.nodeIds])).toEqual([['error', ['gnn']]]);
    expect(findings[0].message).toMatch(/^Batch "GNN scoring" writes its predictions nowhere that keeps them/);
  });

  it('does not count the data it reads, or a store that feeds back into it', () => {
    expect(check(batchPredictionsStoredRule, edit(PRECOMPUTED, { addEdges: [['gnn', 'graph', 'feedback']] }))).toHaveLength(1);
  });

  it('is silent once a key-value store or table keeps the predictions, directly or further on', () => {
    const stored = edit(PRECOMPUTED, {
      addNodes: [{ id: 'kv', type: 'cache', props: { cached: 'predictions' } }],
      addEdges: [
        ['filter', 'kv', 'batch'],
        ['app', 'kv', 'online'],
      ],
    });
    expect(check(batchPredictionsStoredRule, stored)).toEqual([]);
  });

  it('leaves online model servers alone', () => {
    expect(check(batchPredictionsStoredRule, edit(PRECOMPUTED, { props: { gnn: { mode: 'online' } } }))).toEqual([]);
  });

  it('still fires when a nightly scorer publishes to a queue the app consumes', () => {
    // Churn scores drawn with a registry before the scorer and the output sent as a stream: a queue keeps nothing to look up.
    const published: BoardSpec = {
      nodes: [
        { id: 'app', type: 'client-app', title: 'CRM' },
        { id: 'queue', type: 'message-queue', title: 'Score events' },
        { id: 'registry', type: 'model-registry' },
        { id: 'accounts', type: 'data-source', props: { entity: 'users' } },
        { id: 'scorer', type: 'model-server', title: 'Churn scorer', props: { mode: 'batch' } },
      ],
      edges: [
        ['registry', 'scorer', 'batch'],
        ['accounts', 'scorer', 'batch'],
        ['scorer', 'queue', 'streaming'],
        ['queue', 'app', 'streaming'],
      ],
    };
    expect(check(batchPredictionsStoredRule, published).map((f) => f.nodeIds)).toEqual([['scorer']]);
    const stored = edit(published, { addNodes: [{ id: 'table', type: 'cache', title: 'Churn table' }], addEdges: [['queue', 'table', 'streaming']] });
    expect(check(batchPredictionsStoredRule, stored)).toEqual([]);
  });
});
