import { choice, flag, list, optionalNumber, text } from '../fields';
import { defineNodeType } from '../types';

export const dataSource = defineNodeType({
  id: 'data-source',
  label: 'Data source',
  category: 'data',
  evidenceOf: ['clarify', 'data'],
  roles: ['records', 'lookup'],
  plane: 'offline',
  description: 'A table, log or store that holds users, items, interactions or content.',
  props: {
    entity: choice('Entity', ['users', 'items', 'interactions', 'content', 'images', 'videos', 'transactions', 'posts', 'other'], 'interactions'),
    volumePerDay: text('Volume per day', '', { placeholder: 'e.g. 2 TB, 10B events' }),
    retention: text('Retention', '', { placeholder: 'e.g. 90 days' }),
    pii: flag('Contains PII'),
    privacyNote: text('Privacy note', '', { help: 'How personal data is protected: consent, anonymisation, access, deletion.' }),
    timeOrdered: choice('Time-ordered', ['by entity', 'yes', 'no'], 'by entity', {
      help: 'Whether records happen in time (interactions, transactions, posts do; images and catalogue items do not). Decides whether a random split leaks the future.',
    }),
  },
  face: ['entity', 'volumePerDay', 'pii'],
});

export const messageQueue = defineNodeType({
  id: 'message-queue',
  label: 'Message queue',
  category: 'data',
  evidenceOf: ['data'],
  roles: ['event-stream'],
  plane: 'stream',
  description: 'An event stream (Kafka, Kinesis, Pub/Sub) carrying logged events to consumers.',
  props: {
    topics: list('Topics / events'),
    eventsPerSecond: optionalNumber('Events per second'),
    retention: text('Retention', '7 days'),
    timeOrdered: choice('Time-ordered', ['yes', 'no'], 'yes', {
      help: 'Whether the examples it carries happen in time (events do; reports that point at images need not). Decides whether a random split leaks the future.',
    }),
  },
  face: ['topics', 'eventsPerSecond'],
});

export const dataPipeline = defineNodeType({
  id: 'data-pipeline',
  label: 'Data pipeline',
  category: 'data',
  evidenceOf: ['data'],
  roles: ['transform'],
  plane: 'offline',
  description: 'A batch or streaming job that cleans, joins and aggregates data.',
  props: {
    mode: choice('Mode', ['batch', 'streaming'], 'batch'),
    cadence: text('Cadence', 'daily'),
    engine: choice('Engine', ['Spark', 'Flink', 'Beam', 'SQL', 'Python', 'other'], 'Spark'),
    outputs: list('Outputs'),
  },
  face: ['mode', 'cadence', 'engine'],
});

export const labeling = defineNodeType({
  id: 'labeling',
  label: 'Labeling',
  category: 'data',
  evidenceOf: ['data'],
  roles: ['labels'],
  plane: 'offline',
  description: 'Where labels come from: natural feedback, human raters, weak or self-supervision.',
  props: {
    labelSource: choice('Label source', ['natural', 'human', 'weak', 'self-supervised'], 'natural'),
    positive: text('Positive', '', { placeholder: 'e.g. click within 30 s' }),
    negative: text('Negative', '', { placeholder: 'e.g. impression without click' }),
    labelDelay: text('Label delay', '', { placeholder: 'e.g. minutes, 30 days' }),
    cost: text('Cost'),
    delayHandling: choice('Label delay handling', ['none', 'train on matured labels', 'model the delay', 'importance weighting'], 'none', {
      help: 'How training copes with labels that arrive late: wait for them to mature, or model the delay.',
    }),
    positiveRate: optionalNumber('Positive rate', { unit: '%', max: 100, help: 'Share of examples that are positive (fraud 0.2 %, clicks 1-2 %).' }),
  },
  face: ['labelSource', 'positive', 'labelDelay'],
});
