import { hasRole, nameOf, numberProp } from '../model';
import { defineRule } from '../types';

/** Above this many items a heavy model cannot score them all on each request. */
const LARGE_CATALOGUE = 100_000;

/**
 * Online ranking over a large catalogue needs a retrieval stage before the ranker. The catalogue's
 * size is read from the ranker's candidates scored, and from the item count of whatever feeds it.
 */
export const candidateGenerationRule = defineRule({
  id: 'candidate-generation',
  title: 'Candidate generation',
  severity: 'error',
  step: 'serving',
  find(board) {
    return board
      .withRole('inference')
      .filter((n) => n.plane === 'online' && numberProp(n, 'candidatesScored') !== undefined)
      .flatMap((ranker) => {
        const before = board.callersOf([ranker.id]);
        if ([...before].some((n) => hasRole(n, 'retrieval'))) return [];
        const sources = [
          ...before,
          ...board
            .inEdges(ranker.id)
            .filter((e) => e.kind !== 'feedback')
            .map((e) => board.node(e.source)!),
        ];
        const large = sources.filter((n) => (numberProp(n, 'itemCount') ?? 0) > LARGE_CATALOGUE);
        const size = Math.max(numberProp(ranker, 'candidatesScored') ?? 0, ...large.map((n) => numberProp(n, 'itemCount')!));
        if (size <= LARGE_CATALOGUE) return [];
        return [
          {
            message: `${nameOf(ranker)} ranks about ${size.toLocaleString('en-US')} items with no candidate generation before it: the heavy model cannot score them all within the latency budget.`,
            question: `Scoring ${size.toLocaleString('en-US')} items per request: how many scores a second is that at peak, and what narrows it first?`,
            nodeIds: [ranker.id, ...new Set(large.map((n) => n.id))],
          },
        ];
      });
  },
});
