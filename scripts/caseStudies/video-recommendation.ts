import { edge, node, note, type CaseStudy } from './types';

const study: CaseStudy = {
  info: {
    id: 'video-recommendation',
    title: 'Video recommendation',
    tags: ['recommendation', 'two-tower', 'ANN', 'multi-task ranking', 'multi-stage funnel'],
    difficulty: 'medium',
    prompt: 'Design the system that fills the home page of a video platform with personalised videos. The catalogue holds about 10 billion videos and the page must come back in under 200 ms.',
    clarifyingQuestions: [
      {
        question: 'What is the business goal, and what should the model optimise?',
        answer: 'More engagement: watch time and finished videos, measured per user. Clicks alone are not the goal, since they reward clickbait.',
      },
      {
        question: 'How many users and requests?',
        answer: 'About 500 million daily users who open the home page 4 times a day: 2 billion requests a day, about 20,000 QPS on average (10^5 seconds a day) and 50,000 at peak.',
      },
      {
        question: 'How large is the catalogue and how fast does it grow?',
        answer: 'About 10 billion videos; roughly 1 million are uploaded every day and should be recommendable within hours.',
      },
      {
        question: 'Which interactions are logged?',
        answer: 'Impressions, clicks, watch progress, likes, shares, comments and "not interested". Explicit feedback is rare; implicit feedback is plentiful but noisy.',
      },
      {
        question: 'What latency do we have?',
        answer: '200 ms at the 99th percentile for the whole page, from request to ranked list.',
      },
      {
        question: 'Which user data may we use?',
        answer: 'Watch history, subscriptions, language, device and coarse location, with consent; a deleted history must disappear from features within 30 days.',
      },
    ],
    framing: {
      taskType: 'Multi-stage recommendation: retrieval by representation learning (two-tower), then pointwise ranking with a multi-task classifier',
      input: 'A user (id, watch history, subscriptions) and the request context (device, time, language)',
      output: 'A few dozen videos ordered by a weighted sum of predicted engagements',
      labels: 'Implicit feedback from logs: a click followed by watching more than half the video, or a like or share, is positive; an impression without a click is negative',
    },
    metrics: {
      offline: ['Recall@500 of retrieval', 'ROC-AUC per ranker head', 'Precision@k and mAP of the final list', 'Diversity of the page'],
      online: ['CTR', 'Completed videos per user', 'Watch time per user'],
      business: ['Daily active users and retention', 'Time spent', 'Counter-metrics: "not interested" and report rates'],
    },
    steps: {
      clarify:
        'Goal: engagement (watch time, completions) without clickbait. 500 M daily users x 4 page loads = 2 B requests a day, about 20k QPS average and 50k at peak. 10 B videos, 1 M new a day. 200 ms p99 for the page.',
      framing:
        'No model can score billions of videos in 200 ms, so the work is split: a two-tower model retrieves a few hundred candidates by nearest-neighbour search, and a multi-task ranker predicts click, completion, like and share for each. The page is sorted by a weighted sum of the heads. Clicks alone reward clickbait; completion alone rewards short videos.',
      data: 'Entities: users, videos, interactions. Positives are clicks followed by a meaningful watch; shown but unclicked videos are negatives. Static features (video language, length, channel; user profile) come from a daily batch; dynamic ones (recent views, trending counts) from a streaming job. Ids get learned embeddings; titles go through a pretrained text encoder.',
      model:
        'Baselines: most popular in the region, then matrix factorisation. Retrieval: a two-tower network trained with in-batch negatives. Ranking: a multi-task network with shared lower layers and one head per engagement. Time-based split; daily fine-tuning from the last checkpoint.',
      evaluation:
        'Offline: recall@500 for retrieval; ROC-AUC per ranker head; precision@k, mAP and diversity for the final list. Online: an A/B test on watch time per user, with CTR, completions and "not interested" as guardrails.',
      serving:
        'Funnel: millions of eligible videos, about 500 candidates (ANN over video embeddings plus popular and trending sources), 500 scored by the ranker, a few dozen kept by the re-ranker (region and age rules, freshness, dedupe, diversity). Video embeddings are computed in batch and the index rebuilt daily; the user embedding is computed on request.',
      monitoring:
        'Latency and errors per stage; distributions of features and predictions (PSI above 0.25 alerts); CTR and watch time per cohort. Logged impressions and watches flow back through the event stream to become the next training set.',
    },
    followUps: [
      "A video uploaded an hour ago has no interactions. How does it reach anyone's page?",
      'The logs only contain videos the system chose to show. How does that selection bias affect training, and how would you reduce it?',
      'How do you choose the weights that combine the ranker heads, and what happens when you change them?',
      'The index holds billions of vectors. How much memory does it need, and how would you shard it?',
      'How would you notice that the model has started promoting clickbait?',
    ],
  },
  stages: {
    data: {
      nodes: [
        node('videos', 'data-source', 'Video catalogue', [0, 0], { entity: 'videos', volumePerDay: '1 M uploads (10 B total)', retention: 'lifetime' }),
        node('users', 'data-source', 'User profiles', [0, 1], {
          entity: 'users',
          volumePerDay: '500 M daily users',
          retention: 'account lifetime',
          pii: true,
          privacyNote: 'History used with consent; deletions reach features within 30 days; coarse location only',
        }),
        node('events', 'message-queue', 'Interaction events', [0, 2], {
          topics: ['impression', 'click', 'watch progress', 'like', 'share', 'not interested'],
          eventsPerSecond: 400000,
          retention: '7 days',
        }),
        node('etl', 'data-pipeline', 'Daily batch ETL', [1, 0.5], { mode: 'batch', cadence: 'daily', engine: 'Spark', outputs: ['video features', 'user features', 'labels'] }),
        node('stream', 'data-pipeline', 'Streaming counts', [1, 2], { mode: 'streaming', cadence: 'seconds', engine: 'Flink', outputs: ['recent views per user', 'trending counts per video'] }),
        node('labels', 'labeling', 'Engagement labels', [2, 0], {
          labelSource: 'natural',
          positive: 'click + over 50% watched, like or share',
          negative: 'impression without a click',
          labelDelay: 'minutes to a day',
          cost: 'free (logged)',
        }),
        node('features', 'feature-store', 'Feature store', [2, 1.5], {
          onlineStore: 'Redis',
          offlineStore: 'warehouse snapshots',
          freshness: 'daily batch + streaming counts',
          features: ['watch history embedding', 'video embedding', 'channel affinity', 'trending count'],
          latencyBudgetMs: 10,
        }),
      ],
    },
    training: {
      nodes: [
        node('retrieval-trainer', 'trainer', 'Two-tower trainer', [0, 1], {
          positionBias: 'inverse propensity weighting',
          architecture: 'two-tower (user tower, video tower)',
          loss: 'softmax over in-batch negatives',
          retraining: 'fine-tune',
          cadence: 'daily',
          hardware: 'GPUs, data parallel',
        }),
        node('ranker-trainer', 'trainer', 'Multi-task ranker trainer', [0, 0], {
          positionBias: 'position feature',
          architecture: 'multi-task DNN, shared bottom, 4 heads',
          loss: 'sum of per-head cross-entropy',
          retraining: 'fine-tune',
          cadence: 'daily',
          hardware: 'GPUs',
        }),
        node('video-tower', 'embedding-service', 'Video tower (batch)', [1, 1], { model: 'two-tower: video tower', dimension: 128, mode: 'batch' }),
        node('evaluation', 'evaluation', 'Offline evaluation', [1, 0], {
          offlineMetrics: ['recall@500', 'ROC-AUC per head', 'mAP@20', 'diversity'],
          split: 'time-based',
          baseline: 'the models in production',
        }),
        node('registry', 'model-registry', 'Model registry', [2, 0], { rollout: 'shadow then canary', promotionRule: 'beats production offline, then wins the watch-time A/B test' }),
      ],
    },
    serving: {
      nodes: [
        node('app', 'client-app', 'Video app', [0, 1], { platform: 'web + mobile', dailyActiveUsers: 500000000, requestsPerUserPerDay: 4, latencySloMs: 200 }),
        node('candidates', 'candidate-generation', 'Candidate generation', [1, 1], {
          exploration: '5 % of slots for fresh and exploratory videos',
          sources: ['two-tower ANN', 'popular in region', 'trending', 'subscriptions'],
          outputK: 500,
          latencyBudgetMs: 50,
        }),
        node('ann', 'vector-index', 'Video ANN index', [1, 0], {
          kind: 'ANN',
          algorithm: 'IVF-PQ',
          itemCount: 10000000000,
          memory: '5 TB raw, ~160 GB with PQ, sharded',
          refresh: 'daily',
          latencyBudgetMs: 20,
        }),
        node('ranker', 'ranker', 'Multi-task ranker', [2, 1], {
          fallback: 'candidates in retrieval order, then popular videos',
          model: 'multi-task DNN',
          candidatesScored: 500,
          objective: 'weighted P(click), P(complete), P(like), P(share)',
          calibrated: true,
          latencyBudgetMs: 80,
        }),
        node('reranker', 're-ranker', 'Re-ranker', [3, 1], { rules: ['region and age rules', 'freshness boost', 'dedupe', 'channel diversity'], latencyBudgetMs: 20 }),
        note('estimate', 'Estimates', [4.5, 1], '2 B requests/day ≈ 20k QPS, 50k peak. 500 candidates x 50k QPS = 25 M ranker scores/s. Index: 10 B x 128-d x 4 B ≈ 5 TB raw.'),
      ],
    },
    monitoring: {
      nodes: [
        node('ab-test', 'ab-test', 'A/B test', [0, 0], {
          kind: 'A/B',
          trafficSplit: '95/5',
          primaryMetric: 'watch time per user',
          guardrailMetrics: ['CTR', '"not interested" rate', 'latency p99'],
        }),
        node('monitor', 'monitor', 'Model monitor', [0, 1], {
          operationalMetrics: ['latency p99 per stage', 'QPS', 'errors'],
          mlMetrics: ['CTR by cohort', 'prediction drift', 'feature nulls'],
          driftTest: 'PSI > 0.25 on features and scores',
          alertTarget: 'recommendations on-call',
        }),
      ],
    },
  },
  arrangement: [['data', 'training', 'monitoring'], ['serving']],
  edges: [
    edge('videos', 'etl', 'batch', 'metadata'),
    edge('users', 'etl', 'batch', 'profiles'),
    edge('events', 'stream', 'streaming', 'events'),
    edge('etl', 'labels', 'batch', 'joined logs'),
    edge('etl', 'features', 'batch', 'static features'),
    edge('stream', 'features', 'streaming', 'fresh counts'),
    edge('labels', 'ranker-trainer', 'batch', 'labels'),
    edge('labels', 'retrieval-trainer', 'batch', 'watched pairs'),
    edge('retrieval-trainer', 'evaluation', 'batch', 'recall@500'),
    edge('features', 'retrieval-trainer', 'batch', 'training set'),
    edge('features', 'ranker-trainer', 'batch', 'training set'),
    edge('retrieval-trainer', 'video-tower', 'batch', 'weights'),
    edge('ranker-trainer', 'evaluation', 'batch', 'candidate'),
    edge('evaluation', 'registry', 'batch', 'passes'),
    edge('video-tower', 'ann', 'batch', 'video embeddings'),
    edge('registry', 'ranker', 'batch', 'deploy'),
    edge('app', 'candidates', 'online', 'user, context'),
    edge('candidates', 'ann', 'online', 'user embedding'),
    edge('candidates', 'ranker', 'online', '500 ids'),
    edge('ranker', 'features', 'online', 'features'),
    edge('ranker', 'reranker', 'online', 'scores'),
    edge('app', 'events', 'feedback', 'impressions, watches'),
    edge('reranker', 'monitor', 'streaming', 'predictions, latency'),
    edge('ab-test', 'registry', 'batch', 'promote winner'),
  ],
};

export default study;
