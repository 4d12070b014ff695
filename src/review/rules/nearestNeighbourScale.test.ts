import { describe, expect, it } from 'vitest';
import { check, edit, withFix, type BoardSpec } from '../testBoards';
import { nearestNeighbourScaleRule } from './nearestNeighbourScale';

const BRUTE_FORCE: BoardSpec = {
  nodes: [
    { id: 'app', type: 'client-app' },
    { id: 'index', type: 'vector-index', title: 'Product vectors', props: { algorithm: 'exact k-NN (brute force)', itemCount: 50_000_000 } },
  ],
  edges: [['app', 'index', 'online']],
};

describe('exact search at scale rule', () => {
  it('flags exact search over 50 million vectors, and its fix switches to HNSW', () => {
    const [finding] = check(nearestNeighbourScaleRule, BRUTE_FORCE);
    expect(finding).toMatchObject({ severity: 'error', message: expect.stringMatching(/searches 50,000,000 vectors exactly/) });
    expect(check(nearestNeighbourScaleRule, withFix(BRUTE_FORCE, finding!.fix))).toEqual([]);
  });

  it('is silent for an approximate index, a small catalogue, or a batch job', () => {
    expect(check(nearestNeighbourScaleRule, edit(BRUTE_FORCE, { props: { index: { algorithm: 'IVF-PQ' } } }))).toEqual([]);
    expect(check(nearestNeighbourScaleRule, edit(BRUTE_FORCE, { props: { index: { itemCount: 20_000 } } }))).toEqual([]);
  });

  it('still fires behind candidate generation, with the scan written as "flat"', () => {
    const behind = edit(BRUTE_FORCE, {
      props: { index: { algorithm: 'Faiss Flat' } },
      addNodes: [{ id: 'cg', type: 'candidate-generation' }],
      removeEdges: [['app', 'index']],
      addEdges: [
        ['app', 'cg', 'online'],
        ['cg', 'index', 'online'],
      ],
    });
    expect(check(nearestNeighbourScaleRule, behind)).toHaveLength(1);
  });
});
