import { hasRole, nameOf, numberProp } from '../model';
import { defineRule } from '../types';

/** Online stages without an end-to-end SLO: nobody owns the latency, and no budget can be checked against it. */
export const latencySloRule = defineRule({
  id: 'latency-slo',
  title: 'End-to-end SLO',
  severity: 'warning',
  step: 'clarify',
  find(board) {
    return board.requestPaths().flatMap(({ client, stages, edges }) => {
      if (numberProp(client, 'latencySloMs') !== undefined || !stages.some((n) => hasRole(n, 'inference') || hasRole(n, 'retrieval'))) return [];
      return [
        {
          message: `${nameOf(client)} calls online models with no end-to-end latency SLO: nothing says how long a user waits, so no stage's budget can be checked.`,
          question: 'How long may the user wait for this response at p99, and how do you split that between the stages?',
          nodeIds: [client.id, ...stages.map((n) => n.id)],
          edgeIds: edges.map((e) => e.id),
        },
      ];
    });
  },
});
