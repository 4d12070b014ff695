import { edge, node, note, type CaseStudy } from './types';

const study: CaseStudy = {
  info: {
    id: 'ad-click-prediction',
    title: 'Ad click prediction',
    tags: ['ads', 'CTR prediction', 'continual learning', 'calibration', 'feature crosses'],
    difficulty: 'hard',
    prompt: 'Design the system that ranks ads in the feed of a social platform by predicted click probability, and keeps its model fresh as ads and users change.',
    clarifyingQuestions: [
      {
        question: 'What is the business goal?',
        answer: 'Revenue. Advertisers pay per click, so ads are ordered by bid x P(click); the probability has to be calibrated, not only well ordered.',
      },
      {
        question: 'What is the scale?',
        answer:
          '300 million daily users with 20 ad requests each: 6 billion requests a day, about 60,000 QPS on average (10^5 seconds a day) and 150,000 at peak. 50,000 to 100,000 active ads can match a request.',
      },
      { question: 'What is the label?', answer: 'A click within 30 seconds of the impression is positive; an impression without one is negative. CTR is 1-2 %.' },
      { question: 'What latency do we have?', answer: 'About 100 ms for the whole ad request; the model itself gets around 50 ms.' },
      { question: 'How fast does the data change?', answer: 'New ads and campaigns start every minute and interests shift daily: the model must learn continually, within minutes.' },
      {
        question: 'Which user data may we use?',
        answer: 'Demographics, interests and on-platform activity, under consent rules. Sensitive categories (health, religion) are never used for ads.',
      },
    ],
    framing: {
      taskType: 'Pointwise ranking as binary classification: P(click | user, ad, context)',
      input: 'A user, the request context and one candidate ad',
      output: 'Ads ordered by bid x calibrated P(click)',
      labels: 'Click within 30 s of an impression = positive; impression without a click = negative (about 98 % of impressions)',
    },
    metrics: {
      offline: ['Normalised cross-entropy (below 1 beats predicting the average CTR)', 'Log loss', 'ROC-AUC', 'Calibration (predicted / observed CTR)'],
      online: ['CTR', 'Conversion rate', 'Hide and report rate (counter-metric)'],
      business: ['Revenue lift', "Advertisers' return on ad spend"],
    },
    steps: {
      clarify: '6 B ad requests a day ≈ 60k QPS (150k peak); 50-100k candidate ads; CTR 1-2 %; about 100 ms in total; continual learning; ranking by bid x P(click) needs calibrated probabilities.',
      framing:
        'Binary classification of a click within 30 s of an impression; ads ranked by bid x P(click). A funnel: targeting rules pick candidates, the ranker scores a few thousand, a re-ranker spaces ads out.',
      data: "Impressions and clicks arrive on a stream; a streaming job joins them (waiting up to 30 s for the click) into labelled examples and keeps counts fresh (an ad's CTR over the last hour). Daily batches compute static features (user interests, advertiser category). Sparse ids (user, ad, advertiser) are hashed into embeddings; crosses such as age x ad category add interactions.",
      model:
        'Progression: logistic regression on hand-made crosses; GBDT + LR; factorisation machines (FM, FFM) to learn pairwise interactions; DeepFM or Deep & Cross Network for higher-order crosses. Negatives are downsampled to 10 %, and predictions corrected with q = p / (p + (1 - p) / w), w = 0.1. Continual training every 15 minutes from the latest checkpoint.',
      evaluation:
        'Offline: normalised cross-entropy (NE < 1 beats predicting the background CTR), ROC-AUC and calibration on the next hour of data. A model is promoted only if it beats the current one; then an A/B test on revenue with CTR, hide rate and advertiser metrics as guardrails.',
      serving:
        'Request -> candidate generation (advertiser targeting and budget pacing: about 2,000 ads) -> ranker (DCN on GPUs, features from the online store) -> re-ranker (ad diversity, frequency caps) -> feed. Budgets: 20 + 50 + 10 + 10 ms.',
      monitoring:
        'Calibration per segment (predicted vs observed CTR), NE on live traffic, feature freshness and nulls, latency. Every impression and click streams back into training within minutes.',
    },
    followUps: [
      'Why does downsampling negatives change the predicted probability, and how do you undo it?',
      'Some clicks arrive after your 30-second window. What does that do to the labels?',
      'Logistic regression with crosses or Deep & Cross Network: what does each buy you?',
      'A new ad has no history at all. How do you score it?',
      'How would you notice that the model has gone stale?',
    ],
  },
  stages: {
    data: {
      nodes: [
        node('users', 'data-source', 'User profiles', [0, 0], {
          entity: 'users',
          volumePerDay: '300 M daily users',
          retention: 'account lifetime',
          pii: true,
          privacyNote: 'Ad personalisation only with consent; sensitive categories excluded',
        }),
        node('ads', 'data-source', 'Ads and campaigns', [0, 1], { entity: 'items', volumePerDay: '100 k active ads, thousands new', retention: 'campaign + 1 year' }),
        node('events', 'message-queue', 'Impressions and clicks', [0, 2], {
          topics: ['ad impression', 'ad click', 'hide', 'conversion'],
          eventsPerSecond: 180000,
          retention: '3 days',
        }),
        node('static', 'data-pipeline', 'Static features', [1, 0.5], { mode: 'batch', cadence: 'daily', engine: 'Spark', outputs: ['user interests', 'advertiser category'] }),
        node('join', 'data-pipeline', 'Streaming join', [1, 2], { mode: 'streaming', cadence: 'seconds', engine: 'Flink', outputs: ['labelled impressions', 'ad CTR last hour'] }),
        node('labels', 'labeling', 'Click labels', [2, 1], {
          labelSource: 'natural',
          positive: 'click within 30 s of impression',
          negative: 'no click within 30 s',
          labelDelay: '30 s',
          cost: 'free (logged)',
        }),
        node('features', 'feature-store', 'Feature store', [2, 2], {
          onlineStore: 'Redis',
          offlineStore: 'warehouse, point-in-time',
          freshness: 'daily batch + streaming counts',
          features: ['user x ad category cross', 'ad CTR last hour', 'user ad history'],
          latencyBudgetMs: 10,
        }),
      ],
    },
    training: {
      nodes: [
        node('trainer', 'trainer', 'Continual trainer', [0, 0], {
          positionBias: 'position feature',
          architecture: 'DCN (after LR, GBDT+LR, FFM)',
          loss: 'log loss (cross-entropy)',
          retraining: 'continual',
          cadence: 'every 15 minutes',
          hardware: 'GPUs',
          negativeSamplingRate: 0.1,
          calibration: 'downsampling correction',
        }),
        node('evaluation', 'evaluation', 'Offline evaluation', [1, 0], {
          offlineMetrics: ['normalised cross-entropy', 'ROC-AUC', 'calibration'],
          split: 'time-based',
          baseline: 'current model on the next hour',
        }),
        node('registry', 'model-registry', 'Model registry', [2, 0], { rollout: 'shadow then canary', promotionRule: 'lower NE than the current model on the next hour' }),
      ],
    },
    serving: {
      nodes: [
        node('app', 'client-app', 'Social app', [0, 0], { platform: 'web + mobile', dailyActiveUsers: 300000000, requestsPerUserPerDay: 20, latencySloMs: 100 }),
        node('candidates', 'candidate-generation', 'Ad targeting', [1, 0], {
          exploration: 'new ads get a small share of impressions to learn their CTR',
          sources: ['advertiser targeting', 'budget pacing'],
          outputK: 2000,
          latencyBudgetMs: 20,
        }),
        node('ranker', 'ranker', 'CTR model', [2, 0], {
          fallback: 'previous model version; ads ordered by bid if both fail',
          model: 'DCN',
          candidatesScored: 2000,
          objective: 'bid x P(click)',
          calibrated: true,
          latencyBudgetMs: 50,
        }),
        node('reranker', 're-ranker', 'Ad re-ranker', [3, 0], { rules: ['ad diversity', 'frequency caps', 'ad spacing in feed'], latencyBudgetMs: 10 }),
        note('estimate', 'Estimates', [4, 0], '6 B requests/day ≈ 60k QPS, 150k peak. 2,000 ads x 150k QPS = 300 M scores/s at peak. Logs: 18 B impressions/day x 200 B ≈ 3.6 TB/day.'),
      ],
    },
    monitoring: {
      nodes: [
        node('ab-test', 'ab-test', 'A/B test', [0, 0], {
          kind: 'A/B',
          trafficSplit: '99/1 then 90/10',
          primaryMetric: 'revenue per 1,000 requests',
          guardrailMetrics: ['CTR', 'hide rate', 'advertiser ROI'],
        }),
        node('monitor', 'monitor', 'Model monitor', [0, 1], {
          operationalMetrics: ['latency p99', 'QPS', 'errors'],
          mlMetrics: ['calibration by segment', 'live NE', 'feature freshness'],
          driftTest: 'PSI > 0.25 on features and scores',
          alertTarget: 'ads ranking on-call',
        }),
      ],
    },
  },
  arrangement: [['data', 'training', 'monitoring'], ['serving']],
  edges: [
    edge('users', 'static', 'batch', 'profiles'),
    edge('ads', 'static', 'batch', 'ad metadata'),
    edge('events', 'join', 'streaming', 'events'),
    edge('join', 'labels', 'streaming', 'joined'),
    edge('join', 'features', 'streaming', 'fresh counts'),
    edge('static', 'features', 'batch', 'daily features'),
    edge('labels', 'trainer', 'streaming', 'examples'),
    edge('features', 'trainer', 'batch', 'features'),
    edge('trainer', 'evaluation', 'batch', 'candidate'),
    edge('evaluation', 'registry', 'batch', 'if better'),
    edge('registry', 'ranker', 'batch', 'deploy'),
    edge('app', 'candidates', 'online', 'ad request'),
    edge('candidates', 'ranker', 'online', '2,000 ads'),
    edge('ranker', 'features', 'online', 'features'),
    edge('ranker', 'reranker', 'online', 'scores'),
    edge('app', 'events', 'feedback', 'impressions, clicks'),
    edge('reranker', 'monitor', 'streaming', 'scores, latency'),
    edge('ab-test', 'registry', 'batch', 'promote winner'),
  ],
};

export default study;
