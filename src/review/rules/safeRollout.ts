import { hasRole, nameOf, textProp } from '../model';
import { defineRule } from '../types';

const SAFE_REGISTRY = new Set(['shadow', 'canary', 'shadow then canary']);
const SAFE_EXPERIMENTS = new Set(['shadow', 'canary']);

/** A model going straight to all traffic: shadow or canary first is what catches a broken model before users do. */
export const safeRolloutRule = defineRule({
  id: 'safe-rollout',
  title: 'Safe rollout',
  severity: 'warning',
  step: 'serving',
  find(board) {
    if (board.withRole('experiment').some((n) => SAFE_EXPERIMENTS.has(textProp(n, 'kind')))) return [];
    return board
      .withRole('learner')
      .filter((learner) => board.servingOf(learner).some((n) => n.plane === 'online'))
      .flatMap((learner) => {
        const registries = [...board.downstream(learner.id)].filter((n) => hasRole(n, 'registry'));
        if (registries.some((r) => SAFE_REGISTRY.has(textProp(r, 'rollout')))) return [];
        const registry = registries[0];
        return [
          {
            message: `${nameOf(learner)}'s models go to live traffic with no shadow or canary stage: a broken model reaches every user before anyone notices.`,
            question: 'The new model passes offline evaluation but returns NaN for one country: at what point in your rollout do you find out, and how many users saw it?',
            nodeIds: [learner.id, ...registries.map((n) => n.id)],
            fix: registry && { label: 'Roll out by shadow, then canary', operations: [{ op: 'set-prop', nodeId: registry.id, key: 'rollout', value: 'shadow then canary' }] },
          },
        ];
      });
  },
});
