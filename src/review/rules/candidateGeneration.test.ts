import { describe, expect, it } from 'vitest';
import { check, edit, SOUND_DESIGN, type BoardSpec } from '../testBoards';
import { candidateGenerationRule } from './candidateGeneration';

const NO_RETRIEVAL = edit(SOUND_DESIGN, { remove: ['cg', 'index'], addEdges: [['experiment', 'ranker', 'online']] });

describe('candidate generation rule', () => {
  it('flags a ranker scoring a large catalogue with no retrieval stage before it', () => {
    const findings = check(candidateGenerationRule, edit(NO_RETRIEVAL, { props: { ranker: { candidatesScored: 2_000_000 } } }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', nodeIds: ['ranker'] });
    expect(findings[0].message).toMatch(/"Ranker" ranks about 2,000,000 items with no candidate generation/);
  });

  it('reads the catalogue size from an index feeding the ranker directly, and names the index', () => {
    const spec = edit(NO_RETRIEVAL, {
      addNodes: [{ id: 'catalogue', type: 'vector-index', title: 'Item table', props: { itemCount: 5_000_000 } }],
      addEdges: [['catalogue', 'ranker', 'batch']],
    });
    expect(check(candidateGenerationRule, spec).map((f) => f.nodeIds)).toEqual([['ranker', 'catalogue']]);
  });

  it('is silent with candidate generation or an index on the request path before the ranker', () => {
    expect(check(candidateGenerationRule, edit(SOUND_DESIGN, { props: { ranker: { candidatesScored: 2_000_000 } } }))).toEqual([]);
    const viaIndex = edit(NO_RETRIEVAL, {
      props: { ranker: { candidatesScored: 2_000_000 } },
      addNodes: [{ id: 'ann', type: 'vector-index', props: { itemCount: 5_000_000 } }],
      addEdges: [
        ['app', 'ann', 'online'],
        ['ann', 'ranker', 'online'],
      ],
    });
    expect(check(candidateGenerationRule, viaIndex)).toEqual([]);
  });

  it('is silent when the ranker scores a small catalogue', () => {
    expect(check(candidateGenerationRule, NO_RETRIEVAL)).toEqual([]);
  });

  it('still fires on a search ranker behind a query parser, with responses drawn back as streams', () => {
    // Product search: the parser and filter are not retrieval, so the ranker scores the whole catalogue.
    const search: BoardSpec = {
      nodes: [
        { id: 'server', type: 'model-server', title: 'LTR model' },
        { id: 'ranker', type: 'ranker', title: 'Search ranker', props: { candidatesScored: 1_200_000 } },
        { id: 'features', type: 'feature-store' },
        { id: 'parser', type: 'rules-engine', title: 'Query parser' },
        { id: 'app', type: 'client-app', title: 'Shop search' },
      ],
      edges: [
        ['app', 'parser', 'online'],
        ['parser', 'ranker', 'online'],
        ['ranker', 'server', 'online'],
        ['ranker', 'features', 'online'],
        ['ranker', 'app', 'streaming'],
      ],
    };
    const findings = check(candidateGenerationRule, search);
    expect(findings.map((f) => f.nodeIds)).toEqual([['ranker']]);
    expect(findings[0].message).toMatch(/"Search ranker" ranks about 1,200,000 items/);
    const retrieved = edit(search, {
      addNodes: [{ id: 'bm25', type: 'vector-index', title: 'BM25 index', props: { kind: 'inverted' } }],
      removeEdges: [['parser', 'ranker']],
      addEdges: [
        ['parser', 'bm25', 'online'],
        ['bm25', 'ranker', 'online'],
      ],
    });
    expect(check(candidateGenerationRule, retrieved)).toEqual([]);
  });
});
