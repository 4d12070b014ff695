import { LATENCY_BUDGET, nameOf, numberProp, plainName, type BoardModel } from '../model';
import { defineRule, type Issue } from '../types';

/**
 * Online models carry a latency budget, and the budgets along a request path fit in the client's SLO.
 */
export const latencyBudgetRule = defineRule({
  id: 'latency-budget',
  title: 'Latency budget',
  severity: 'warning',
  step: 'serving',
  find(board) {
    return [...unbudgetedModels(board), ...overSlo(board)];
  },
});

function unbudgetedModels(board: BoardModel): Issue[] {
  return board
    .onlineModels()
    .filter((server) => numberProp(server, LATENCY_BUDGET) === undefined)
    .map((server) => ({
      message: `Online ${nameOf(server)} has no latency budget: say how much of the end-to-end SLO it may use.`,
      question: `How many milliseconds does ${nameOf(server)} get at p99, and what hardware and batching does that take?`,
      nodeIds: [server.id],
    }));
}

function overSlo(board: BoardModel): Issue[] {
  return board.requestPaths().flatMap(({ client, stages, edges, totalMs }) => {
    const sloMs = numberProp(client, 'latencySloMs');
    if (sloMs === undefined || totalMs <= sloMs) return [];
    const chain = stages.map(plainName).join(' → ');
    return [
      {
        message: `The request path ${chain} adds up to ${totalMs} ms, over ${nameOf(client)}'s ${sloMs} ms SLO.`,
        question: `Your stages need ${totalMs} ms and the product allows ${sloMs}: which stage gives up time, and what does it cost in quality?`,
        nodeIds: [client.id, ...stages.map((n) => n.id)],
        edgeIds: edges.map((e) => e.id),
      },
    ];
  });
}
