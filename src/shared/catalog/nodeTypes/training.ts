import { choice, list, optionalNumber, text } from '../fields';
import { defineNodeType } from '../types';

export const trainer = defineNodeType({
  id: 'trainer',
  label: 'Trainer',
  category: 'training',
  evidenceOf: ['model'],
  roles: ['learner'],
  plane: 'offline',
  description: 'Trains the model: architecture, loss, sampling and how often it retrains.',
  props: {
    architecture: text('Model / architecture', '', { placeholder: 'e.g. GBDT, two-tower, DCN' }),
    loss: text('Loss', '', { placeholder: 'e.g. cross-entropy, contrastive' }),
    retraining: choice('Retraining', ['from scratch', 'continual', 'fine-tune'], 'from scratch'),
    cadence: text('Cadence', 'daily'),
    hardware: text('Hardware', 'GPU'),
    negativeSamplingRate: optionalNumber('Negative downsampling rate', {
      min: 0,
      max: 1,
      help: 'Share of negatives kept (1 or empty = no downsampling). Downsampled models need calibration.',
    }),
    calibration: choice('Calibration', ['none', 'downsampling correction', 'Platt scaling', 'isotonic'], 'none'),
    learning: choice('Learning', ['supervised', 'self-supervised', 'unsupervised'], 'supervised', { help: 'Supervised models need a label source.' }),
    positionBias: choice('Position bias', ['not handled', 'position feature', 'inverse propensity weighting', 'randomised slots', 'not applicable'], 'not handled', {
      help: 'Clicks depend on where an item was shown: how training separates position from relevance.',
    }),
  },
  face: ['architecture', 'loss', 'cadence'],
});

export const evaluation = defineNodeType({
  id: 'evaluation',
  label: 'Evaluation',
  category: 'training',
  evidenceOf: ['evaluation'],
  roles: ['evaluator'],
  plane: 'offline',
  description: 'Compares a candidate model with the baseline on held-out data before launch.',
  props: {
    offlineMetrics: list('Offline metrics'),
    split: choice('Split', ['time-based', 'random', 'user-based', 'walk-forward'], 'time-based'),
    baseline: text('Baseline to beat'),
  },
  face: ['offlineMetrics', 'split'],
});

export const modelRegistry = defineNodeType({
  id: 'model-registry',
  label: 'Model registry',
  category: 'training',
  evidenceOf: ['model'],
  roles: ['registry'],
  plane: 'offline',
  description: 'Versioned models with lineage and the rule that promotes one to serving.',
  props: {
    versioning: text('Versioning', 'semantic + training data snapshot'),
    lineage: text('Lineage', 'data, code and config per version'),
    promotionRule: text('Promotion rule', '', { placeholder: 'e.g. beats current on NE and A/B' }),
    rollout: choice('Rollout', ['not stated', 'shadow', 'canary', 'shadow then canary', 'A/B test only', 'all at once'], 'not stated', {
      help: 'How a promoted model reaches full traffic: shadow and canary catch a broken model before users do.',
    }),
  },
  face: ['promotionRule'],
});
