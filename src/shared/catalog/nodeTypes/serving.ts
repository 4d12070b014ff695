import { choice, flag, latencyBudget, list, optionalNumber, text } from '../fields';
import { defineNodeType } from '../types';

export const vectorIndex = defineNodeType({
  id: 'vector-index',
  label: 'Vector index',
  category: 'serving',
  evidenceOf: ['serving'],
  roles: ['retrieval', 'lookup'],
  plane: 'online',
  description: 'A nearest-neighbour (ANN) or inverted index that retrieves items fast.',
  props: {
    kind: choice('Kind', ['ANN', 'inverted', 'hybrid'], 'ANN'),
    algorithm: text('Algorithm', 'HNSW', { placeholder: 'HNSW, IVF-PQ, ScaNN, BM25' }),
    itemCount: optionalNumber('Items indexed', { integer: true }),
    memory: text('Memory'),
    refresh: text('Refresh cadence', 'daily'),
    latencyBudgetMs: latencyBudget(),
  },
  face: ['kind', 'algorithm', 'itemCount'],
});

export const candidateGeneration = defineNodeType({
  id: 'candidate-generation',
  label: 'Candidate generation',
  category: 'serving',
  evidenceOf: ['framing'],
  roles: ['retrieval'],
  plane: 'online',
  description: 'Cheaply narrows a large catalogue to a few hundred or thousand candidates.',
  props: {
    sources: list('Sources', ['ANN']),
    outputK: optionalNumber('Output size K', { integer: true }),
    latencyBudgetMs: latencyBudget(),
    coldStart: text('Cold start', '', { placeholder: 'e.g. popular items, content features for new items' }),
    exploration: text('Exploration', '', { placeholder: 'e.g. 5 % randomised slots, bandit' }),
  },
  face: ['sources', 'outputK', 'latencyBudgetMs'],
});

export const ranker = defineNodeType({
  id: 'ranker',
  label: 'Ranker',
  category: 'serving',
  evidenceOf: ['framing'],
  roles: ['inference'],
  plane: 'online',
  description: 'Scores candidates with a heavier model and orders them by the objective.',
  props: {
    model: text('Model', '', { placeholder: 'LR, GBDT, DCN, multi-task DNN' }),
    candidatesScored: optionalNumber('Candidates scored per request', { integer: true }),
    objective: text('Objective', '', { placeholder: 'e.g. P(click), weighted engagement' }),
    calibrated: flag('Calibrated scores'),
    latencyBudgetMs: latencyBudget(),
    fallback: text('Fallback', '', { placeholder: 'e.g. previous model, cached popular items' }),
  },
  face: ['model', 'candidatesScored', 'latencyBudgetMs'],
});

export const reRanker = defineNodeType({
  id: 're-ranker',
  label: 'Re-ranker / filter',
  category: 'serving',
  evidenceOf: ['serving'],
  roles: ['policy'],
  plane: 'online',
  description: 'Business rules applied after ranking: dedupe, diversity, freshness, policy, fairness.',
  props: {
    rules: list('Rules', ['dedupe', 'diversity']),
    latencyBudgetMs: latencyBudget(),
  },
  face: ['rules', 'latencyBudgetMs'],
});

export const modelServer = defineNodeType({
  id: 'model-server',
  label: 'Model server',
  category: 'serving',
  evidenceOf: ['framing', 'serving'],
  roles: ['inference'],
  plane: 'online',
  description: 'Runs the model for predictions, online on request or in batch.',
  props: {
    mode: choice('Mode', ['online', 'batch'], 'online'),
    latencyBudgetMs: latencyBudget(),
    qps: optionalNumber('Peak QPS'),
    hardware: choice('Hardware', ['CPU', 'GPU', 'TPU', 'device'], 'CPU'),
    batching: flag('Request batching'),
    runtime: text('Runtime', '', { placeholder: 'Triton, TorchServe, TF Serving' }),
    fallback: text('Fallback', '', { placeholder: 'e.g. previous model, cached popular items' }),
  },
  face: ['mode', 'latencyBudgetMs', 'qps'],
});

export const cache = defineNodeType({
  id: 'cache',
  label: 'Cache / KV store',
  category: 'serving',
  evidenceOf: ['serving'],
  roles: ['lookup'],
  plane: 'online',
  description: 'Holds precomputed predictions, features or embeddings for fast lookup.',
  props: {
    cached: choice('What is cached', ['predictions', 'features', 'embeddings', 'results'], 'predictions'),
    ttl: text('TTL', '1 day'),
    size: text('Size', '', { placeholder: 'e.g. 80 GB' }),
    latencyBudgetMs: latencyBudget(),
  },
  face: ['cached', 'ttl', 'size'],
});

export const rulesEngine = defineNodeType({
  id: 'rules-engine',
  label: 'Rules engine',
  category: 'serving',
  roles: ['policy'],
  plane: 'online',
  description: 'Turns scores and rules into actions: allow, step-up, block, send to review.',
  props: {
    rules: list('Rules'),
    thresholds: text('Thresholds', '', { placeholder: 'e.g. block if p > 0.9' }),
    actions: list('Actions', ['allow', 'block', 'human review']),
    latencyBudgetMs: latencyBudget(),
  },
  face: ['thresholds', 'actions'],
});
