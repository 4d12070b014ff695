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
    return board
      .withRole('watcher')
      .filter((monitor) => {
        const feeds = board.walk([monitor.id], { direction: 'up' });
        const reads = board.outEdges(monitor.id).map((e) => board.node(e.target)!);
        return ![...feeds, ...reads].some(isWatchable);
      })
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
