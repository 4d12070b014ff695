import { choice, flag, latencyBudget, list, optionalNumber, text } from '../fields';
import { defineNodeType } from '../types';

export const featureStore = defineNodeType({
  id: 'feature-store',
  label: 'Feature store',
  category: 'features',
  evidenceOf: ['data'],
  roles: ['shared-features', 'lookup'],
  plane: 'any',
  description: 'One definition of each feature, served online and offline, so training and serving agree.',
  props: {
    onlineStore: text('Online store', 'Redis'),
    offlineStore: text('Offline store', 'warehouse tables'),
    freshness: text('Freshness', 'daily batch + streaming counts'),
    pointInTime: flag('Point-in-time correct joins', true),
    features: list('Key features'),
    latencyBudgetMs: latencyBudget(),
  },
  face: ['onlineStore', 'offlineStore', 'freshness'],
});

export const embeddingService = defineNodeType({
  id: 'embedding-service',
  label: 'Embedding service',
  category: 'features',
  roles: ['encoder', 'transform'],
  plane: 'any',
  description: 'An encoder that turns images, text, users or items into vectors.',
  props: {
    model: text('Model', 'two-tower', { placeholder: 'CNN, ViT, BERT, two-tower' }),
    dimension: optionalNumber('Dimension', { integer: true, min: 1 }),
    mode: choice('Mode', ['batch', 'on request'], 'batch'),
    latencyBudgetMs: latencyBudget(),
  },
  face: ['model', 'dimension', 'mode'],
});
