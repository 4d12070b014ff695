import { hasField, hasRole, listProp, plainNames, textProp } from '../model';
import { defineRule } from '../types';

/** Candidate sources learned from past interactions, which know nothing of a new user or item. */
const LEARNED = /\bann\b|embedding|two-tower|collaborative|matrix|factori|learned|item-to-item|co-visit/i;

/** A recommender retrieving by learned embeddings alone has nothing for a new user or a new item. */
export const coldStartRule = defineRule({
  id: 'cold-start',
  title: 'Cold start',
  severity: 'warning',
  step: 'data',
  find(board) {
    const retrieval = board.rankingStages().filter((n) => hasRole(n, 'retrieval') && hasField(n, 'sources'));
    if (retrieval.length === 0) return [];
    const handled = retrieval.some((n) => textProp(n, 'coldStart') !== '' || !listProp(n, 'sources').every((s) => LEARNED.test(s)));
    if (handled) return [];
    return [
      {
        message: `${plainNames(retrieval)} ${retrieval.length === 1 ? 'retrieves' : 'retrieve'} only from learned history: a new user or a new item gets nothing sensible.`,
        question: 'A user signs up a minute ago and an item was uploaded a minute ago: what does each see, and how do they get out of the cold?',
        nodeIds: retrieval.map((n) => n.id),
        fix: {
          label: 'Add popular and content-based sources',
          operations: retrieval.flatMap((n) => [
            { op: 'set-prop' as const, nodeId: n.id, key: 'sources', value: [...listProp(n, 'sources'), 'popular', 'content-based'] },
            { op: 'set-prop' as const, nodeId: n.id, key: 'coldStart', value: 'popular items for new users; content features for new items' },
          ]),
        },
      },
    ];
  },
});
