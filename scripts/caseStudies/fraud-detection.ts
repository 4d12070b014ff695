import { edge, node, note, type CaseStudy } from './types';

const study: CaseStudy = {
  info: {
    id: 'fraud-detection',
    title: 'Transaction fraud detection',
    tags: ['classification', 'imbalanced data', 'real time', 'GBDT', 'delayed labels'],
    difficulty: 'hard',
    prompt: 'Design real-time fraud detection for card payments: for each transaction decide, within 100 ms, whether to approve it, ask for extra verification, or decline it.',
    clarifyingQuestions: [
      {
        question: 'How much fraud is there, and what does a mistake cost?',
        answer: 'About 0.2 % of transactions. A missed fraud costs the amount plus fees; a wrongly declined good customer costs the sale and some goodwill.',
      },
      { question: 'What is the volume?', answer: '100 million transactions a day: about 1,000 a second on average (10^5 seconds a day) and 3,000 at peak.' },
      { question: 'What latency?', answer: '100 ms at p99 for the whole decision, inside the payment authorisation.' },
      {
        question: 'Where do labels come from?',
        answer: 'Chargebacks and confirmed fraud reports, which arrive days to weeks later (up to 90 days). Analysts review some flagged cases within a day.',
      },
      { question: 'Which actions are possible?', answer: 'Approve, step-up (one-time code or 3-D Secure), decline, and send to manual review.' },
      {
        question: 'Which data may we use?',
        answer: 'The transaction (amount, merchant, country, device), card and account history, and a device fingerprint. Card data falls under PCI rules.',
      },
    ],
    framing: {
      taskType: 'Binary classification with cost-sensitive decision thresholds',
      input: 'A transaction with its card, account, device and merchant context',
      output: 'P(fraud), turned into approve / step-up / decline by thresholds set on expected cost',
      labels: 'Chargeback or confirmed report = fraud; no chargeback after 90 days = legitimate',
    },
    metrics: {
      offline: ['PR-AUC', 'Recall at fixed precision (or at a fixed decline rate)', 'Expected cost saved at the chosen thresholds'],
      online: ['Fraud loss in basis points of volume', 'False decline rate', 'Step-up rate and step-up pass rate'],
      business: ['Fraud losses', 'Approval rate (revenue)', 'Customer complaints'],
    },
    steps: {
      clarify: '0.2 % fraud; 100 M transactions a day ≈ 1,000 TPS (3,000 peak); 100 ms p99; labels up to 90 days late; approve / step-up / decline / review.',
      framing:
        'Binary classification of P(fraud); the action comes from thresholds chosen on cost: decline when the expected fraud loss exceeds the cost of losing a good customer, step-up in the uncertain middle band.',
      data: "Velocity features matter most: transactions per card in the last minute and hour, a new device, distance from the last transaction, amount against the card's usual. A stream computes them; a daily batch builds history features. With 0.2 % positives, legitimate transactions are downsampled (or classes weighted). Labels arrive late, so the newest weeks are only partly labelled.",
      model:
        "Baseline: the existing rule set. Then gradient-boosted trees on tabular and velocity features (fast, strong, explainable). Later: sequence models over a card's recent transactions, or graph features linking cards, devices and merchants. Trained daily on matured labels; negatives downsampled to 5 %, then calibrated.",
      evaluation:
        'Offline PR-AUC and recall at the precision the business accepts, on a time-based split that respects label delay; expected cost at the chosen thresholds. Online: shadow mode first, then a small A/B test watching fraud loss, false declines and step-up rates.',
      serving:
        'Authorisation -> hard rules (blocklists, impossible travel: 5 ms) -> model server (GBDT, 30 ms) reading the online store (velocity aggregates from the stream: 15 ms) -> decision thresholds (5 ms) -> approve / step-up / decline; uncertain cases also go to the analyst review queue.',
      monitoring:
        'Latency p99; score distribution and decline rate per merchant and country (sudden shifts mean an attack or a broken feature); PSI on key features; recall measured as labels mature. Review verdicts and chargebacks flow back as labels.',
    },
    followUps: [
      'Labels arrive weeks late. How do you evaluate a model trained last week?',
      'How do you choose the decline threshold, and who owns it?',
      'Fraudsters adapt to the model. How do you notice, and how fast can you respond?',
      'What does a graph of cards, devices and merchants add over per-transaction features?',
    ],
  },
  stages: {
    data: {
      nodes: [
        node('warehouse', 'data-source', 'Transaction warehouse', [0, 0], {
          entity: 'transactions',
          volumePerDay: '100 M transactions',
          retention: '7 years',
          pii: true,
          privacyNote: 'Card numbers tokenised (PCI scope kept small); features use tokens only',
        }),
        node('chargebacks', 'data-source', 'Chargebacks', [0, 1], {
          entity: 'transactions',
          volumePerDay: '~200 k disputes',
          retention: '7 years',
          pii: true,
          privacyNote: 'Dispute details restricted to the fraud team',
        }),
        node('stream', 'message-queue', 'Transaction stream', [0, 2], {
          topics: ['authorisation', 'decision', 'step-up result'],
          eventsPerSecond: 3000,
          retention: '7 days',
        }),
        node('history', 'data-pipeline', 'History features', [1, 0], { mode: 'batch', cadence: 'daily', engine: 'Spark', outputs: ['card spending profile', 'merchant risk'] }),
        node('labels', 'labeling', 'Fraud labels', [2, 1], {
          delayHandling: 'train on matured labels',
          labelSource: 'human',
          positive: 'chargeback or confirmed fraud',
          negative: 'no chargeback after 90 days',
          labelDelay: 'days to 90 days',
          cost: 'analyst time per review',
        }),
        node('velocity', 'data-pipeline', 'Velocity aggregates', [1, 2], {
          mode: 'streaming',
          cadence: 'seconds',
          engine: 'Flink',
          outputs: ['txns per card 1 min / 1 h', 'new device', 'distance from last txn'],
        }),
        node('features', 'feature-store', 'Feature store', [2, 2], {
          onlineStore: 'Redis',
          offlineStore: 'warehouse, point-in-time',
          freshness: 'streaming velocity + daily history',
          features: ['txns per card last hour', 'amount vs usual', 'device age', 'merchant risk'],
          latencyBudgetMs: 15,
        }),
      ],
    },
    training: {
      nodes: [
        node('trainer', 'trainer', 'GBDT trainer', [0, 0], {
          architecture: 'gradient-boosted trees',
          loss: 'weighted log loss',
          retraining: 'from scratch',
          cadence: 'daily, on matured labels',
          hardware: 'CPU',
          negativeSamplingRate: 0.05,
          calibration: 'isotonic',
        }),
        node('evaluation', 'evaluation', 'Offline evaluation', [1, 0], {
          offlineMetrics: ['PR-AUC', 'recall at 90% precision', 'expected cost'],
          split: 'time-based',
          baseline: 'current rules + model',
        }),
        node('registry', 'model-registry', 'Model registry', [2, 0], { promotionRule: 'lower expected cost on matured labels, then shadow mode' }),
      ],
    },
    serving: {
      nodes: [
        node('gateway', 'client-app', 'Payment gateway', [0, 0], { platform: 'service', requestsPerUserPerDay: 2, latencySloMs: 100 }),
        node('rules', 'rules-engine', 'Hard rules', [1, 0], {
          rules: ['blocklists', 'impossible travel'],
          thresholds: 'block on any hit',
          actions: ['block', 'continue'],
          latencyBudgetMs: 5,
        }),
        node('model', 'model-server', 'Fraud model server', [2, 0], {
          fallback: 'rules-only decisions (blocklists, velocity limits)',
          mode: 'online',
          latencyBudgetMs: 30,
          qps: 3000,
          hardware: 'CPU',
          runtime: 'Triton (tree backend)',
        }),
        node('decision', 'rules-engine', 'Decision thresholds', [3, 0], {
          rules: ['cost-based thresholds per segment'],
          thresholds: 'decline if p > 0.9; step-up if p > 0.3',
          actions: ['approve', 'step-up', 'decline', 'review'],
          latencyBudgetMs: 5,
        }),
        note('estimate', 'Estimates', [4, 0], '100 M/day ≈ 1,000 TPS, 3,000 peak. 0.2 % fraud = 200 k frauds a day to find among 100 M.'),
      ],
    },
    monitoring: {
      nodes: [
        node('ab-test', 'ab-test', 'Shadow test', [0, 0], {
          kind: 'shadow',
          trafficSplit: '100% shadow, then 5% live',
          primaryMetric: 'fraud loss (bps of volume)',
          guardrailMetrics: ['false decline rate', 'step-up rate'],
        }),
        node('review', 'message-queue', 'Review queue', [0, 1], { topics: ['uncertain transactions'], eventsPerSecond: 5, retention: '30 days' }),
        node('monitor', 'monitor', 'Fraud monitor', [0, 2], {
          operationalMetrics: ['latency p99', 'TPS', 'errors'],
          mlMetrics: ['score distribution by merchant and country', 'decline rate', 'recall on matured labels'],
          driftTest: 'PSI > 0.25 on key features',
          alertTarget: 'fraud on-call',
        }),
      ],
    },
  },
  arrangement: [['data', 'training', 'monitoring'], ['serving']],
  edges: [
    edge('warehouse', 'history', 'batch', 'transactions'),
    edge('chargebacks', 'labels', 'batch', 'disputes'),
    edge('stream', 'velocity', 'streaming', 'authorisations'),
    edge('velocity', 'features', 'streaming', 'velocity'),
    edge('history', 'features', 'batch'),
    edge('labels', 'trainer', 'batch', 'matured labels'),
    edge('features', 'trainer', 'batch'),
    edge('trainer', 'evaluation', 'batch', 'candidate'),
    edge('evaluation', 'registry', 'batch', 'passes'),
    edge('registry', 'model', 'batch', 'deploy'),
    edge('gateway', 'rules', 'online', 'transaction'),
    edge('rules', 'model', 'online', 'passed rules'),
    edge('model', 'features', 'online', 'features'),
    edge('model', 'decision', 'online', 'P(fraud)'),
    edge('decision', 'review', 'streaming', 'uncertain'),
    edge('review', 'labels', 'feedback', 'verdicts'),
    edge('gateway', 'stream', 'streaming', 'authorisations'),
    edge('decision', 'monitor', 'streaming', 'scores, actions'),
    edge('ab-test', 'registry', 'batch', 'promote winner'),
  ],
};

export default study;
