import { list, text } from '../fields';
import { defineNodeType } from '../types';

export const monitor = defineNodeType({
  id: 'monitor',
  label: 'Monitor',
  category: 'monitoring',
  evidenceOf: ['monitoring'],
  roles: ['watcher'],
  plane: 'any',
  description: 'Watches operations and model health: latency, errors, drift; alerts and triggers retraining.',
  props: {
    operationalMetrics: list('Operational metrics', ['latency', 'throughput', 'errors']),
    mlMetrics: list('ML metrics'),
    driftTest: text('Drift test', 'PSI > 0.25'),
    alertTarget: text('Alert target', 'on-call'),
  },
  face: ['mlMetrics', 'driftTest'],
});
