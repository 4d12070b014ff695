import { describe, expect, it } from 'vitest';
import { check, edit, SOUND_DESIGN, type BoardSpec } from '../testBoards';
import { onlineExperimentRule } from './onlineExperiment';

describe('online experiment rule', () => {
  it('flags online serving with no A/B test, pointing at the serving stages', () => {
    const findings = check(onlineExperimentRule, edit(SOUND_DESIGN, { remove: ['experiment'], addEdges: [['app', 'cg', 'online']] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', message: expect.stringMatching(/^No A\/B test/) });
    expect(findings[0].nodeIds).toEqual(expect.arrayContaining(['cg', 'ranker', 'server']));
  });

  it('flags an A/B test with no primary metric', () => {
    const findings = check(onlineExperimentRule, edit(SOUND_DESIGN, { props: { experiment: { primaryMetric: '' } } }));
    expect(findings.map((f) => [f.nodeIds, f.message])).toEqual([[['experiment'], '"A/B test" names no primary online metric: nothing shows the model moves the business metric.']]);
  });

  it('is silent with a measured A/B test, and when nothing serves online', () => {
    expect(check(onlineExperimentRule, SOUND_DESIGN)).toEqual([]);
    const batchOnly: BoardSpec = {
      nodes: [
        { id: 'images', type: 'data-source' },
        { id: 'blur', type: 'model-server', props: { mode: 'batch' } },
      ],
      edges: [
        ['images', 'blur', 'batch'],
        ['blur', 'images', 'batch'],
      ],
    };
    expect(check(onlineExperimentRule, batchOnly)).toEqual([]);
  });

  it('still fires when predictions are precomputed and served from a key-value store, with a canary but no experiment', () => {
    // Notifications: a nightly scorer fills a store the app reads; the registry rolls models out by canary.
    const precomputed: BoardSpec = {
      nodes: [
        { id: 'kv', type: 'cache', title: 'Send-time scores' },
        { id: 'app', type: 'client-app', title: 'Notification service' },
        { id: 'registry', type: 'model-registry', props: { rollout: 'canary' } },
        { id: 'scorer', type: 'model-server', title: 'Nightly scorer', props: { mode: 'batch' } },
        { id: 'trainer', type: 'trainer' },
        { id: 'opens', type: 'data-source', title: 'Opens' },
      ],
      edges: [
        ['opens', 'trainer', 'batch'],
        ['trainer', 'registry', 'batch'],
        ['registry', 'scorer', 'batch'],
        ['scorer', 'kv', 'batch'],
        ['app', 'kv', 'online'],
        ['app', 'opens', 'streaming'],
      ],
    };
    const findings = check(onlineExperimentRule, precomputed);
    expect(findings.map((f) => [f.nodeIds, f.message])).toEqual([[['kv'], 'No A/B test: nothing shows the model moves the business metric.']]);
    const tested = edit(precomputed, {
      addNodes: [{ id: 'ab', type: 'ab-test', props: { primaryMetric: 'open rate' } }],
      removeEdges: [['app', 'kv']],
      addEdges: [
        ['app', 'ab', 'online'],
        ['ab', 'kv', 'online'],
      ],
    });
    expect(check(onlineExperimentRule, tested)).toEqual([]);
  });
});
