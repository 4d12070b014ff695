import { edge, node, note, type CaseStudy } from './types';

const study: CaseStudy = {
  info: {
    id: 'news-feed',
    title: 'Personalised news feed',
    tags: ['ranking', 'multi-task', 'engagement', 'feed', 'streaming features'],
    difficulty: 'hard',
    prompt:
      'Design the ranking of the news feed of a social network: when a user opens the app, show the unseen posts from friends, groups and pages in the order most likely to engage them, within 200 ms.',
    clarifyingQuestions: [
      { question: 'What is the goal?', answer: 'Engagement that users value: reactions, comments, shares and time spent, not clicks alone.' },
      {
        question: 'What is the scale?',
        answer: '500 million daily users refreshing 10 times a day: 5 billion requests a day, about 58,000 QPS on average and 150,000 at peak.',
      },
      { question: 'Which posts are eligible?', answer: 'Unseen posts of the last few days from friends, followed pages and groups: typically 500 to 2,000 per user.' },
      { question: 'Which reactions are logged?', answer: 'Click, like, comment, share and dwell time, plus negative ones: hide, block and "see less".' },
      { question: 'What about users who never react?', answer: 'Many are passive readers; their dwell time and quick skips are the only signal.' },
      { question: 'What latency?', answer: '200 ms at p99 for the ranked feed.' },
    ],
    framing: {
      taskType: 'Pointwise ranking with a multi-task network: one head per reaction, combined into one score',
      input: 'A user and one candidate post (with its author, content and the context)',
      output: 'Unseen posts ordered by the sum over reactions of weight x P(reaction); negative reactions carry negative weights',
      labels: 'Each logged reaction is its own label: click, like, comment, share positive; hide and block negative; dwell over 10 s for passive users',
    },
    metrics: {
      offline: ['ROC-AUC per head', 'Log loss per head', 'Calibration per head'],
      online: ['CTR', 'Reactions per user', 'Time spent', 'Hide and block rate (counter-metric)', 'Satisfaction surveys'],
      business: ['Daily active users', 'Retention'],
    },
    steps: {
      clarify: '5 B requests a day ≈ 58k QPS (150k peak); 500-2,000 eligible posts per user; 200 ms; valued engagement over clicks; passive users matter.',
      framing:
        'One multi-task network predicts each reaction; posts are ranked by a weighted sum. The weights say what each reaction is worth (a share more than a click; a hide costs more than a like earns). Dwell-time and skip heads cover passive users.',
      data: 'Features: user-author affinity (how often they have interacted: the strongest single feature), post age, type and length, author popularity, user activity by hour. Daily batches compute affinity and profiles; a stream keeps counts fresh (reactions in the last hour). Each reaction gives a label; its negatives are impressions without it.',
      model:
        'Baseline: reverse-chronological feed, then logistic regression on affinity. Target: a multi-task DNN with shared layers and heads for click, like, comment, share, hide, dwell > 10 s and skip. Fine-tuned daily from the last checkpoint.',
      evaluation: "Offline: ROC-AUC and calibration per head on the next day's data. Online A/B test on reactions and time spent per user, with hide/block rate and survey scores as guardrails.",
      serving:
        'Request -> retrieval of unseen eligible posts (about 500) -> ranker scores each with features from the online store -> re-ranker (misinformation demotion, author diversity, ad spacing) -> feed. 500 candidates x 150k QPS = 75 M scores a second at peak: GPUs with request batching.',
      monitoring: 'Latency per stage, score and feature distributions, per-head calibration, spikes in hide rate. Every impression and reaction streams back as the next labels.',
    },
    followUps: [
      'How would you choose the weight of each reaction in the final score?',
      'Some users never react. How does the model learn what they like?',
      'Which features capture user-author affinity, and how do you keep them fresh?',
      'The feed must not amplify misinformation. Where in the system is that handled?',
    ],
  },
  stages: {
    data: {
      nodes: [
        node('users', 'data-source', 'Users and graph', [0, 0], {
          entity: 'users',
          volumePerDay: '500 M daily users',
          retention: 'account lifetime',
          pii: true,
          privacyNote: 'Only posts the viewer may see are ranked; affinity features are never shown to others',
        }),
        node('posts', 'data-source', 'Posts', [0, 1], { entity: 'posts', volumePerDay: '1 B new posts', retention: 'until deleted' }),
        node('events', 'message-queue', 'Feed events', [0, 2], {
          topics: ['impression', 'click', 'like', 'comment', 'share', 'hide', 'dwell'],
          eventsPerSecond: 1000000,
          retention: '3 days',
        }),
        node('batch', 'data-pipeline', 'Affinity and profiles', [1, 0.5], { mode: 'batch', cadence: 'daily', engine: 'Spark', outputs: ['user-author affinity', 'author popularity'] }),
        node('stream', 'data-pipeline', 'Fresh counts', [1, 2], { mode: 'streaming', cadence: 'seconds', engine: 'Flink', outputs: ['reactions last hour', 'user session activity'] }),
        node('labels', 'labeling', 'Reaction labels', [2, 1], {
          labelSource: 'natural',
          positive: 'each reaction, per head',
          negative: 'impression without that reaction',
          labelDelay: 'seconds to a day',
          cost: 'free (logged)',
        }),
        node('features', 'feature-store', 'Feature store', [2, 2], {
          onlineStore: 'Redis',
          offlineStore: 'warehouse, point-in-time',
          freshness: 'daily batch + streaming counts',
          features: ['user-author affinity', 'post age', 'reactions last hour'],
          latencyBudgetMs: 15,
        }),
      ],
    },
    training: {
      nodes: [
        node('trainer', 'trainer', 'Multi-task trainer', [0, 0], {
          positionBias: 'position feature',
          architecture: 'multi-task DNN, 7 heads',
          loss: 'sum of per-head cross-entropy',
          retraining: 'fine-tune',
          cadence: 'daily',
          hardware: 'GPUs',
        }),
        node('evaluation', 'evaluation', 'Offline evaluation', [1, 0], {
          offlineMetrics: ['ROC-AUC per head', 'calibration per head'],
          split: 'time-based',
          baseline: 'LR on affinity',
        }),
        node('registry', 'model-registry', 'Model registry', [2, 0], { rollout: 'shadow then canary', promotionRule: 'no head worse offline, then wins the A/B test' }),
      ],
    },
    serving: {
      nodes: [
        node('app', 'client-app', 'Social app', [0, 0], { platform: 'web + mobile', dailyActiveUsers: 500000000, requestsPerUserPerDay: 10, latencySloMs: 200 }),
        node('retrieval', 'candidate-generation', 'Unseen post retrieval', [1, 0], {
          exploration: 'a few posts from outside the usual authors',
          sources: ['friends', 'followed pages', 'groups', 'last 3 days, unseen'],
          outputK: 500,
          latencyBudgetMs: 40,
        }),
        node('ranker', 'ranker', 'Multi-task ranker', [2, 0], {
          fallback: 'recent posts from close connections, by time',
          model: 'multi-task DNN',
          candidatesScored: 500,
          objective: 'weighted sum of reaction probabilities',
          calibrated: true,
          latencyBudgetMs: 90,
        }),
        node('reranker', 're-ranker', 'Re-ranker', [3, 0], { rules: ['misinformation demotion', 'author diversity', 'ad spacing'], latencyBudgetMs: 20 }),
        note('estimate', 'Estimates', [4, 0], '500 M x 10 = 5 B requests/day ≈ 58k QPS, 150k peak. 500 candidates x 150k QPS = 75 M scores/s at peak.'),
      ],
    },
    monitoring: {
      nodes: [
        node('ab-test', 'ab-test', 'A/B test', [0, 0], {
          kind: 'A/B',
          trafficSplit: '99/1 then 95/5',
          primaryMetric: 'reactions and time spent per user',
          guardrailMetrics: ['hide rate', 'survey score', 'latency p99'],
        }),
        node('monitor', 'monitor', 'Feed monitor', [0, 1], {
          operationalMetrics: ['latency per stage', 'QPS', 'errors'],
          mlMetrics: ['calibration per head', 'score drift', 'hide rate'],
          driftTest: 'PSI > 0.25 on features and scores',
          alertTarget: 'feed on-call',
        }),
      ],
    },
  },
  arrangement: [['data', 'training', 'monitoring'], ['serving']],
  edges: [
    edge('users', 'batch', 'batch', 'interactions'),
    edge('posts', 'batch', 'batch', 'posts'),
    edge('events', 'stream', 'streaming', 'events'),
    edge('batch', 'features', 'batch', 'daily features'),
    edge('stream', 'features', 'streaming', 'fresh counts'),
    edge('stream', 'labels', 'streaming', 'reactions'),
    edge('labels', 'trainer', 'batch', 'labels'),
    edge('features', 'trainer', 'batch', 'training set'),
    edge('trainer', 'evaluation', 'batch', 'candidate'),
    edge('evaluation', 'registry', 'batch', 'passes'),
    edge('registry', 'ranker', 'batch', 'deploy'),
    edge('app', 'retrieval', 'online', 'user'),
    edge('retrieval', 'ranker', 'online', '500 posts'),
    edge('ranker', 'features', 'online', 'features'),
    edge('ranker', 'reranker', 'online', 'scores'),
    edge('app', 'events', 'feedback', 'impressions, reactions'),
    edge('reranker', 'monitor', 'streaming', 'scores, latency'),
    edge('ab-test', 'registry', 'batch', 'promote winner'),
  ],
};

export default study;
