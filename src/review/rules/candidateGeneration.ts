import { catalogType, nameOf, numberProp } from '../context';
import { defineRule } from '../types';

const RANKER = catalogType('ranker');
/** Stages that narrow a catalogue to a few hundred candidates cheaply. */
const RETRIEVAL = new Set(['candidate-generation', 'vector-index'].map((id) => catalogType(id).id));
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
  find(ctx) {
    return ctx
      .ofType(RANKER)
      .flatMap((ranker) => {
        const before = ctx.callersOf([ranker.id]);
        if ([...before].some((n) => RETRIEVAL.has(n.type.id))) return [];
        const sources = [...before, ...ctx.inEdges(ranker.id).filter((e) => e.kind !== 'feedback').map((e) => ctx.node(e.source)!)];
        const large = sources.filter((n) => (numberProp(n, 'itemCount') ?? 0) > LARGE_CATALOGUE);
        const size = Math.max(numberProp(ranker, 'candidatesScored') ?? 0, ...large.map((n) => numberProp(n, 'itemCount')!));
        if (size <= LARGE_CATALOGUE) return [];
        return [
          {
            message: `${nameOf(ranker)} ranks about ${size.toLocaleString('en-US')} items with no candidate generation before it: the heavy model cannot score them all within the latency budget.`,
            nodeIds: [ranker.id, ...new Set(large.map((n) => n.id))],
          },
        ];
      });
  },
});

