import { hasRole, nameOf, type ReviewNode } from '../model';
import { defineRule } from '../types';

/** What a monitor must see: the models and stages that serve, or the product itself. */
const isWatchable = (n: ReviewNode) => hasRole(n, 'inference') || hasRole(n, 'client') || (n.type.category === 'serving' && n.plane === 'online');

/** A monitor that no serving stage reports to, and that reads none, watches nothing. */
export const monitorWiredRule = defineRule({
  id: 'monitor-wired',
  title: 'Monitor wired to serving',
  severity: 'error',
  step: 'monitoring',
  find(board) {
    const models = board.withRole('inference');
    if (models.length === 0) return [];
    const monitors = board.withRole('watcher');
    if (monitors.length === 0) return [];
    // Everything that what serves reports to, by any path: one walk for all monitors.
    const reported = board.walk(
      board.nodes.filter(isWatchable).map((n) => n.id),
      {},
    );
    return monitors
      .filter((monitor) => !reported.has(monitor) && !board.outEdges(monitor.id).some((e) => isWatchable(board.node(e.target)!)))
      .map((monitor) => ({
        message: `${nameOf(monitor)} is wired to nothing that serves: no predictions, latencies or inputs reach it, so it watches nothing.`,
        question: `Which signals reach ${nameOf(monitor)}, from where, and what does it do when one moves?`,
        nodeIds: [monitor.id, ...models.map((n) => n.id)],
        fix: {
          label: 'Wire the models to the monitor',
          operations: models.map((n) => ({ op: 'connect' as const, source: n.id, target: monitor.id, kind: 'streaming' as const })),
        },
      }));
  },
});
