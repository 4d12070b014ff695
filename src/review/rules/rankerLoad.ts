import { LATENCY_BUDGET, nameOf, numberProp, textProp } from '../model';
import { defineRule } from '../types';

/**
 * Candidates a ranker can score per millisecond of its budget, batched on one request: a deep model a
 * hundred or so, a linear or tree model about ten times more. Rough, as an interviewer's estimate is.
 */
const HEAVY = /dnn|deep|neural|transformer|dcn|bert|multi-task|two-tower|attention|lstm/i;
const HEAVY_PER_MS = 100;
const LIGHT_PER_MS = 1_000;

/** A heavy ranker scoring more candidates than its latency budget allows. */
export const rankerLoadRule = defineRule({
  id: 'ranker-load',
  title: 'Ranker load fits its budget',
  severity: 'warning',
  step: 'serving',
  find(board) {
    return board.onlineModels().flatMap((ranker) => {
      const scored = numberProp(ranker, 'candidatesScored');
      const budget = numberProp(ranker, LATENCY_BUDGET);
      if (scored === undefined || budget === undefined) return [];
      const heavy = HEAVY.test(textProp(ranker, 'model'));
      const capacity = budget * (heavy ? HEAVY_PER_MS : LIGHT_PER_MS);
      if (scored <= capacity) return [];
      return [
        {
          message: `${nameOf(ranker)} scores ${scored.toLocaleString('en-US')} candidates with a ${heavy ? 'deep' : ''} model in ${budget} ms: about ${capacity.toLocaleString('en-US')} fit.`.replace(
            'a  model',
            'a model',
          ),
          question: `What does one ${textProp(ranker, 'model') || 'ranker'} inference cost, and how would you cut ${scored.toLocaleString('en-US')} candidates down before it (a light first-stage ranker)?`,
          nodeIds: [ranker.id],
        },
      ];
    });
  },
});
