import { FRAMEWORK_STEP_IDS, type FrameworkStepId } from './framework';

/** One step of the interview framework (./framework.ts): its prompts and its time budget out of a 45-minute interview. */
export interface FrameworkStep {
  id: FrameworkStepId;
  title: string;
  minutes: number;
  prompts: readonly string[];
}

const STEPS: Record<FrameworkStepId, Omit<FrameworkStep, 'id'>> = {
  clarify: {
    title: 'Clarify requirements',
    minutes: 5,
    prompts: [
      'What is the business objective, and what exactly do we optimise?',
      'Which user interactions exist? They become the labels.',
      'What data exists, how much, labelled or not, with which privacy constraints?',
      'Scale: users, items, QPS, growth.',
      'Constraints: latency vs accuracy, device or cloud, compute budget.',
    ],
  },
  framing: {
    title: 'Frame as an ML task',
    minutes: 5,
    prompts: [
      'Map the business goal to an ML objective.',
      "Define each model's input and output.",
      'Pick the category: classification, learning to rank, representation learning, detection, regression.',
      'Name the pitfalls of the proxy objective (clickbait, short videos).',
    ],
  },
  data: {
    title: 'Data preparation',
    minutes: 8,
    prompts: [
      'Entities and schemas; how positives and negatives are defined; delayed feedback.',
      'Feature representations: ID embeddings, pretrained encoders, bucketing, crosses.',
      'Static (batch) vs dynamic (streaming) features.',
      'Privacy, bias, class imbalance.',
    ],
  },
  model: {
    title: 'Model development',
    minutes: 8,
    prompts: [
      'Baseline first: heuristic, then a simple model, then a complex one.',
      'Dataset construction with a time-based split.',
      'Imbalance: negative downsampling, class weights, focal loss.',
      'The loss; fine-tuning vs training from scratch; distributed training.',
    ],
  },
  evaluation: {
    title: 'Evaluation',
    minutes: 6,
    prompts: [
      'An offline metric matched to the task (AUC, log loss, nDCG, mAP, recall@k).',
      'An online metric tied to the business (CTR, conversion, watch time, revenue).',
      'Counter-metrics, fairness, calibration.',
    ],
  },
  serving: {
    title: 'Deployment and serving',
    minutes: 8,
    prompts: [
      'Cloud or device; model compression.',
      'Batch prediction (precomputed, stored) vs online prediction on request.',
      'Shadow, canary and A/B rollout.',
      'Multi-stage funnel: candidate generation, ranking, re-ranking.',
    ],
  },
  monitoring: {
    title: 'Monitoring and infrastructure',
    minutes: 5,
    prompts: [
      'Operational metrics: latency, throughput, utilisation, errors.',
      'ML metrics on inputs, features and predictions; drift (PSI, KS test).',
      'Alerts, retraining cadence, the loop from logged interactions back to training data.',
    ],
  },
};

/** The steps in interview order. Apart from their ids, so the board's first download goes without their text. */
export const FRAMEWORK_STEPS: readonly FrameworkStep[] = FRAMEWORK_STEP_IDS.map((id) => ({ id, ...STEPS[id] }));
