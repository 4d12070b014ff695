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
});
