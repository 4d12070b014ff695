import { catalogType, LATENCY_BUDGET, nameOf, numberProp, type ReviewContext } from '../context';
import { defineRule, type Issue } from '../types';

const MODEL_SERVER = catalogType('model-server');

/**
 * Online models carry a latency budget, and the budgets along a request path fit in the client's SLO.
 */
export const latencyBudgetRule = defineRule({
  id: 'latency-budget',
  title: 'Latency budget',
  severity: 'warning',
  find(ctx) {
    return [...unbudgetedServers(ctx), ...overSlo(ctx)];
  },
});

function unbudgetedServers(ctx: ReviewContext): Issue[] {
  return ctx
    .ofType(MODEL_SERVER)
    .filter((server) => server.plane === 'online' && numberProp(server, LATENCY_BUDGET) === undefined)
    .map((server) => ({
      message: `Online ${nameOf(server)} has no latency budget: say how much of the end-to-end SLO it may use.`,
      nodeIds: [server.id],
    }));
}

function overSlo(ctx: ReviewContext): Issue[] {
  return ctx.requestPaths().flatMap(({ client, stages, totalMs }) => {
    const sloMs = numberProp(client, 'latencySloMs');
    if (sloMs === undefined || totalMs <= sloMs) return [];
    const chain = stages.map((n) => n.title.trim() || n.type.label).join(' → ');
    return [
      {
        message: `The request path ${chain} adds up to ${totalMs} ms, over ${nameOf(client)}'s ${sloMs} ms SLO.`,
        nodeIds: [client.id, ...stages.map((n) => n.id)],
      },
    ];
  });
}
