import { edge, node, note, type CaseStudy } from './types';

const study: CaseStudy = {
  info: {
    id: 'harmful-content-detection',
    title: 'Harmful content detection',
    tags: ['classification', 'multi-task', 'multimodal', 'trust and safety', 'human review'],
    difficulty: 'hard',
    prompt: 'Design a system that detects harmful posts (violence, nudity, hate speech, harassment, misinformation) on a social network that receives about 500 million new posts a day.',
    clarifyingQuestions: [
      { question: 'Which harms are in scope?', answer: 'Violence, nudity, hate speech, harassment and misinformation. One post can be several at once.' },
      { question: 'What does a post contain?', answer: 'Text, images, videos, its author, and the reactions and comments it gets. Any of them can carry the harm.' },
      {
        question: 'How many posts, and how fast must we decide?',
        answer:
          '500 million posts a day: about 5,000 a second on average (10^5 seconds a day) and 12,000 at peak. The first check should finish within a second of posting, and posts are re-checked as reactions and reports arrive.',
      },
      {
        question: 'What happens to a flagged post?',
        answer: 'It is removed when the model is confident; otherwise it is demoted and sent to human reviewers. Authors can appeal a removal.',
      },
      {
        question: 'Which labels exist?',
        answer: 'User reports and past removals in volume (noisy), and human reviewer decisions (accurate but expensive: about 10,000 a day).',
      },
      { question: 'Which languages?', answer: 'Dozens. The system must work across languages, not only English.' },
    ],
    framing: {
      taskType: 'Multi-label classification with a multi-task model: one head per harm class over a fused representation of the post',
      input: 'A post: text, images, video, author features and the reactions so far',
      output: 'A probability for each harm class',
      labels: 'Natural labels (reports confirmed by removal) for training; human reviewer decisions, kept apart, for evaluation',
    },
    metrics: {
      offline: ['PR-AUC per harm class', 'Recall at fixed precision', 'Precision of automatic removals'],
      online: ['Prevalence: share of views that land on harmful posts', 'Harmful impressions', 'Valid appeals (wrong removals)', 'Proactive rate: share removed before any report'],
      business: ['User trust and retention', 'Regulatory compliance', 'Reviewer cost'],
    },
    steps: {
      clarify: '500 M posts a day ≈ 5,000/s (12,000 peak); five harm classes; text, images and video in many languages; remove when confident, otherwise demote and review; about 10k reviews a day.',
      framing:
        'Input: the whole post; output: P(harm) per class. Early fusion: each modality is encoded, the vectors are joined with author and reaction features, and one multi-task network predicts every class. Classes share what they learn, and one model is cheaper to run than five.',
      data: 'Text through a multilingual transformer, images through an image encoder, video through sampled frames; author features (account age, past violations); reaction features (report count, comment tone). Reports are noisy; reviewer decisions are clean but few, so they are kept for evaluation. Harmful posts are rare: oversample them.',
      model:
        'Baselines: hash matching of known bad images and keyword lists, then one classifier per class. Target: the multi-task network with a cross-entropy (or focal) loss per head. Fine-tune daily on new labels (harms shift as people evade the model), retrain fully weekly; a new harm type gets a new head.',
      evaluation:
        'Offline PR-AUC and recall at fixed precision per class on reviewer-labelled data (ROC-AUC looks good on any rare class). Online: prevalence, harmful impressions, valid appeals and the proactive rate.',
      serving:
        'New post -> model server (GPU, batched) scores every class -> decision engine: above a high threshold remove, in a middle band demote and queue for review, else allow. Scores are recomputed when reactions and reports arrive. Reviewer decisions flow back as labels.',
      monitoring:
        'Score distributions per class and language, removal and appeal rates, agreement between reviewers and the model, review queue length. A sudden jump in one class usually means a new abuse pattern or a broken encoder.',
    },
    followUps: [
      'Why early fusion rather than one model per modality?',
      'ROC-AUC or PR-AUC for a harm found in 0.1 % of posts? Why?',
      'How do you set the removal and review thresholds, and who decides them?',
      'Abusers change their posts to evade the model. How do you keep up?',
      'How would you check that the model is not biased against some dialects or languages?',
    ],
  },
  stages: {
    data: {
      nodes: [
        node('posts', 'data-source', 'Posts', [0, 0], {
          entity: 'posts',
          volumePerDay: '500 M posts',
          retention: 'until deleted; removed posts kept 1 year for appeals',
          pii: true,
          privacyNote: 'Private posts are scanned automatically and seen by reviewers only when reported; reviewers see minimum context',
        }),
        node('authors', 'data-source', 'Authors', [0, 1], {
          entity: 'users',
          volumePerDay: '3 B accounts',
          retention: 'account lifetime',
          pii: true,
          privacyNote: 'Only account age and past violations are used as features, never demographics',
        }),
        node('reactions', 'message-queue', 'Reactions and reports', [0, 2], {
          topics: ['report', 'like', 'comment', 'share'],
          eventsPerSecond: 50000,
          retention: '7 days',
        }),
        node('encoders', 'embedding-service', 'Content encoders', [1, 0], { model: 'multilingual text transformer + image ViT + video frames', dimension: 256, mode: 'batch' }),
        node('labels', 'labeling', 'Harm labels', [1, 2], {
          labelSource: 'human',
          positive: 'removed after report or review, per class',
          negative: 'reviewed and kept; unreported after 7 days',
          labelDelay: 'hours to days',
          cost: 'about 10k reviewer decisions a day',
        }),
        node('features', 'feature-store', 'Feature store', [2, 1], {
          onlineStore: 'Redis (author, reaction counts)',
          offlineStore: 'warehouse, point-in-time',
          freshness: 'streaming reaction counts',
          features: ['post embeddings', 'author violations', 'report count', 'comment toxicity'],
          latencyBudgetMs: 10,
        }),
      ],
    },
    training: {
      nodes: [
        node('trainer', 'trainer', 'Multi-task trainer', [0, 0], {
          architecture: 'early-fusion multi-task classifier, 5 heads',
          loss: 'per-head focal loss',
          retraining: 'fine-tune',
          cadence: 'daily fine-tune on new labels, weekly full retrain',
          hardware: 'GPUs',
        }),
        node('evaluation', 'evaluation', 'Offline evaluation', [1, 0], {
          offlineMetrics: ['PR-AUC per class', 'recall at 90% precision'],
          split: 'time-based',
          baseline: 'one classifier per class',
        }),
        node('registry', 'model-registry', 'Model registry', [2, 0], { rollout: 'shadow then canary', promotionRule: 'higher PR-AUC on every class and language slice' }),
      ],
    },
    serving: {
      nodes: [
        node('app', 'client-app', 'Social app', [0, 0], { platform: 'web + mobile', dailyActiveUsers: 1000000000, requestsPerUserPerDay: 0.5, latencySloMs: 1000 }),
        node('model', 'model-server', 'Harm classifier', [2, 0], {
          fallback: 'hash matching and rules; uncertain posts to human review',
          mode: 'online',
          latencyBudgetMs: 200,
          qps: 12000,
          hardware: 'GPU',
          batching: true,
          runtime: 'Triton',
        }),
        node('decision', 'rules-engine', 'Decision engine', [3, 0], {
          rules: ['per-class thresholds', 'stricter for repeat offenders'],
          thresholds: 'remove if p > 0.95; review if p > 0.6',
          actions: ['allow', 'demote', 'remove', 'human review'],
          latencyBudgetMs: 10,
        }),
        node('review', 'message-queue', 'Review queue', [1, 1], { topics: ['uncertain posts', 'appeals'], eventsPerSecond: 0.2, retention: '30 days' }),
        note('estimate', 'Estimates', [5, 0], '500 M posts/day ≈ 5,000/s, 12,000 peak. 10k reviews/day covers 0.002 % of posts: reviewers see only the uncertain band.'),
      ],
    },
    monitoring: {
      nodes: [
        node('monitor', 'monitor', 'Safety monitor', [0, 1], {
          operationalMetrics: ['latency', 'throughput', 'review queue length'],
          mlMetrics: ['score distribution per class and language', 'removal rate', 'appeal rate'],
          driftTest: 'PSI > 0.25 per class',
          alertTarget: 'integrity on-call',
        }),
        node('ab-test', 'ab-test', 'A/B test', [0, 0], {
          kind: 'A/B',
          trafficSplit: '90/10',
          primaryMetric: 'prevalence of harmful views',
          guardrailMetrics: ['valid appeals', 'review queue length'],
        }),
      ],
    },
  },
  arrangement: [['data', 'training', 'monitoring'], ['serving']],
  edges: [
    edge('posts', 'encoders', 'batch', 'new posts'),
    edge('encoders', 'features', 'batch', 'embeddings'),
    edge('authors', 'features', 'batch', 'author features'),
    edge('reactions', 'labels', 'streaming', 'reports'),
    edge('reactions', 'features', 'streaming', 'reaction counts'),
    edge('features', 'trainer', 'batch', 'training set'),
    edge('labels', 'trainer', 'batch', 'labels'),
    edge('trainer', 'evaluation', 'batch', 'candidate'),
    edge('evaluation', 'registry', 'batch', 'passes'),
    edge('registry', 'model', 'batch', 'deploy'),
    edge('app', 'model', 'online', 'new post'),
    edge('model', 'features', 'online', 'features'),
    edge('model', 'decision', 'online', 'P(harm)'),
    edge('decision', 'review', 'streaming', 'uncertain posts'),
    edge('review', 'labels', 'feedback', 'reviewer decisions'),
    edge('app', 'reactions', 'feedback', 'reports, reactions'),
    edge('decision', 'monitor', 'streaming', 'scores, actions'),
    edge('ab-test', 'registry', 'batch', 'promote winner'),
  ],
};

export default study;
