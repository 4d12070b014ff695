import { choice, list, text } from '../fields';
import { defineNodeType } from '../types';

export const abTest = defineNodeType({
  id: 'ab-test',
  label: 'A/B test',
  category: 'experimentation',
  evidenceOf: ['evaluation', 'serving'],
  roles: ['experiment'],
  plane: 'online',
  description: 'Rolls a model out to a share of traffic and measures the online metrics.',
  props: {
    kind: choice('Kind', ['A/B', 'shadow', 'canary', 'interleaving', 'bandit'], 'A/B'),
    trafficSplit: text('Traffic split', '50/50'),
    primaryMetric: text('Primary metric', '', { placeholder: 'e.g. CTR, watch time' }),
    guardrailMetrics: list('Guardrail metrics'),
  },
  face: ['kind', 'trafficSplit', 'primaryMetric'],
});
