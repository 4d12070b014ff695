import { nameOf, numberProp, textProp } from '../model';
import { defineRule } from '../types';

const EXACT = /exact|brute|flat|linear|knn\b|k-nn/i;
const APPROXIMATE = /hnsw|ivf|pq|scann|annoy|lsh|graph/i;
/** Beyond this many vectors an exact scan per query no longer fits a request budget. */
const EXACT_LIMIT = 1_000_000;

/** Exact nearest-neighbour search compares the query with every vector: millions per request do not fit. */
export const nearestNeighbourScaleRule = defineRule({
  id: 'nearest-neighbour-scale',
  title: 'Exact search at scale',
  severity: 'error',
  step: 'serving',
  find(board) {
    return board.nodes
      .filter((n) => n.plane === 'online' && textProp(n, 'kind') !== 'inverted' && EXACT.test(textProp(n, 'algorithm')) && !APPROXIMATE.test(textProp(n, 'algorithm')))
      .filter((n) => (numberProp(n, 'itemCount') ?? 0) > EXACT_LIMIT)
      .map((index) => {
        const count = numberProp(index, 'itemCount')!.toLocaleString('en-US');
        return {
          message: `${nameOf(index)} searches ${count} vectors exactly: every query compares against all of them, far beyond a request's budget.`,
          question: `How many distance computations per query is that at ${count} vectors, and what recall would you give up for an approximate index?`,
          nodeIds: [index.id],
          fix: { label: 'Use an HNSW index', operations: [{ op: 'set-prop', nodeId: index.id, key: 'algorithm', value: 'HNSW' }] },
        };
      });
  },
});
