import { describe, expect, it } from 'vitest';
import { check, edit, SOUND_DESIGN, type BoardSpec } from '../testBoards';
import { latencyBudgetRule } from './latencyBudget';

describe('latency budget rule', () => {
  it('flags an online model server with no latency budget', () => {
    const findings = check(latencyBudgetRule, edit(SOUND_DESIGN, { props: { server: { latencyBudgetMs: undefined } } }));
    expect(findings.map((f) => [f.severity, f.nodeIds])).toEqual([['warning', ['server']]]);
    expect(findings[0].message).toMatch(/"Model server" has no latency budget/);
  });

  it('does not ask a batch model server for a latency budget', () => {
    expect(check(latencyBudgetRule, edit(SOUND_DESIGN, { props: { server: { latencyBudgetMs: undefined, mode: 'batch' } } }))).toEqual([]);
  });

  it('flags the request path whose budgets add up to more than the SLO, naming its stages in order', () => {
    const findings = check(latencyBudgetRule, edit(SOUND_DESIGN, { props: { ranker: { latencyBudgetMs: 150 } } }));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toBe('The request path A/B test → Ad targeting → Ranker → Model server adds up to 230 ms, over "Feed app"\'s 200 ms SLO.');
    expect(findings[0].nodeIds).toEqual(['app', 'experiment', 'cg', 'ranker', 'server']);
  });

  it('is silent when the longest path fits, even with responses and lookups drawn back along it', () => {
    expect(check(latencyBudgetRule, SOUND_DESIGN)).toEqual([]);
    expect(
      check(
        latencyBudgetRule,
        edit(SOUND_DESIGN, {
          addEdges: [
            ['features', 'ranker', 'online'],
            ['server', 'ranker', 'online'],
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('takes parallel branches as alternatives, not adding them up', () => {
    const parallel: BoardSpec = {
      nodes: [
        { id: 'app', type: 'client-app', props: { latencySloMs: 150 } },
        { id: 'ann', type: 'vector-index', props: { latencyBudgetMs: 100 } },
        { id: 'text', type: 'vector-index', props: { kind: 'inverted', latencyBudgetMs: 100 } },
      ],
      edges: [
        ['app', 'ann', 'online'],
        ['app', 'text', 'online'],
      ],
    };
    expect(check(latencyBudgetRule, parallel)).toEqual([]);
    expect(check(latencyBudgetRule, edit(parallel, { props: { app: { latencySloMs: 90 } } }))).toHaveLength(1);
  });

  it('says nothing about paths when the client names no SLO', () => {
    expect(check(latencyBudgetRule, edit(SOUND_DESIGN, { props: { app: { latencySloMs: undefined }, ranker: { latencyBudgetMs: 500 } } }))).toEqual([]);
  });

  it('still fires on a model scoring a stream, with no request edge into it', () => {
    // Fraud scoring drawn as a stream: payments flow through a queue to the model, then to a decision.
    const streamed: BoardSpec = {
      nodes: [
        { id: 'decide', type: 'rules-engine', title: 'Decision', props: { latencyBudgetMs: 5 } },
        { id: 'server', type: 'model-server', title: 'Fraud model' },
        { id: 'payments', type: 'message-queue', title: 'Payments' },
        { id: 'app', type: 'client-app', title: 'Checkout' },
      ],
      edges: [
        ['app', 'payments', 'streaming'],
        ['payments', 'server', 'streaming'],
        ['server', 'decide', 'online'],
        ['decide', 'app', 'online'],
      ],
    };
    expect(check(latencyBudgetRule, streamed).map((f) => f.nodeIds)).toEqual([['server']]);
    expect(check(latencyBudgetRule, edit(streamed, { props: { server: { latencyBudgetMs: 30 } } }))).toEqual([]);
  });

  it('still finds an over-SLO path with an extra cache stage and the nodes drawn in another order', () => {
    const cached: BoardSpec = {
      nodes: [
        { id: 'server', type: 'model-server', title: 'Model server', props: { latencyBudgetMs: 50 } },
        { id: 'ranker', type: 'ranker', title: 'Ranker', props: { latencyBudgetMs: 40 } },
        { id: 'kv', type: 'cache', title: 'User embeddings', props: { cached: 'embeddings', latencyBudgetMs: 20 } },
        { id: 'app', type: 'client-app', title: 'Home feed', props: { latencySloMs: 100 } },
      ],
      edges: [
        ['ranker', 'server', 'online'],
        ['kv', 'ranker', 'online'],
        ['app', 'kv', 'online'],
      ],
    };
    const findings = check(latencyBudgetRule, cached);
    expect(findings.map((f) => f.message)).toEqual(['The request path User embeddings → Ranker → Model server adds up to 110 ms, over "Home feed"\'s 100 ms SLO.']);
    expect(check(latencyBudgetRule, edit(cached, { props: { kv: { latencyBudgetMs: 5 } } }))).toEqual([]);
  });
});
