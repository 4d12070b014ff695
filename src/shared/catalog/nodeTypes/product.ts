import { choice, optionalNumber } from '../fields';
import { defineNodeType } from '../types';

export const clientApp = defineNodeType({
  id: 'client-app',
  label: 'Client app',
  category: 'product',
  evidenceOf: ['clarify'],
  roles: ['client'],
  plane: 'online',
  description: 'The product surface users touch: where requests start and interactions are logged.',
  props: {
    platform: choice('Platform', ['web', 'mobile', 'web + mobile', 'desktop', 'device', 'service'], 'web + mobile'),
    dailyActiveUsers: optionalNumber('Daily active users', { integer: true }),
    requestsPerUserPerDay: optionalNumber('Requests per user per day'),
    latencySloMs: optionalNumber('Latency SLO', { unit: 'ms', help: 'End-to-end budget the online stages must fit in.' }),
  },
  face: ['platform', 'dailyActiveUsers', 'latencySloMs'],
});
