import { describe, expect, it } from 'vitest';
import { check, edit, type BoardSpec } from '../testBoards';
import { indexMemoryRule } from './indexMemory';

// 1 billion videos x 256 floats = 1 TB, on one 64 GB machine.
const OVERSIZED: BoardSpec = {
  nodes: [
    { id: 'encoder', type: 'embedding-service', title: 'Video encoder', props: { dimension: 256 } },
    { id: 'index', type: 'vector-index', title: 'Video ANN', props: { itemCount: 1_000_000_000, memory: '64 GB', algorithm: 'HNSW' } },
  ],
  edges: [['encoder', 'index', 'batch']],
};

describe('index memory rule', () => {
  it('flags an index whose vectors cannot fit its memory, with the arithmetic', () => {
    expect(check(indexMemoryRule, OVERSIZED)).toMatchObject([{ severity: 'error', nodeIds: ['index', 'encoder'], message: expect.stringMatching(/about 1,020 GB, more than its 64 GB/) }]);
  });

  it('is silent when it fits, or when product quantisation shrinks the vectors enough', () => {
    expect(check(indexMemoryRule, edit(OVERSIZED, { props: { index: { memory: '2 TB, sharded' } } }))).toEqual([]);
    expect(check(indexMemoryRule, edit(OVERSIZED, { props: { index: { algorithm: 'IVF-PQ', memory: '16 GB' } } }))).toEqual([]);
  });

  it('still fires with the encoder feeding the index through a batch pipeline', () => {
    const viaJob = edit(OVERSIZED, {
      addNodes: [{ id: 'indexer', type: 'data-pipeline', title: 'Indexer' }],
      removeEdges: [['encoder', 'index']],
      addEdges: [
        ['encoder', 'indexer', 'streaming'],
        ['indexer', 'index', 'batch'],
      ],
    });
    expect(check(indexMemoryRule, viaJob)).toHaveLength(1);
  });
});
