import { edge, node, note, type CaseStudy } from './types';

const study: CaseStudy = {
  info: {
    id: 'video-search',
    title: 'Video search',
    tags: ['search', 'multimodal', 'contrastive learning', 'ANN', 'inverted index'],
    difficulty: 'medium',
    prompt: 'Design search for a video platform: a user types a text query and gets the most relevant videos. The library holds about 1 billion videos.',
    clarifyingQuestions: [
      {
        question: 'Is only the text of a video searched, or its content too?',
        answer: 'Both: titles, tags and descriptions, and the visual content, so a query can find a video whose text never mentions it.',
      },
      {
        question: 'What is the scale?',
        answer: 'About 1 billion videos. 200 million daily users search 3 times a day: 600 million queries a day, about 6,000 QPS on average (10^5 seconds a day) and 15,000 at peak.',
      },
      { question: 'Are results personalised?', answer: 'Not in the first version: relevance to the query only.' },
      {
        question: 'Which training data exists?',
        answer: 'About 10 million (video, text) pairs from titles and descriptions, plus search logs with clicks and watch time.',
      },
      { question: 'Which languages?', answer: 'English first; other languages later.' },
      { question: 'What latency is acceptable?', answer: '300 ms at p99 from query to results.' },
    ],
    framing: {
      taskType: 'Ranking: text-to-video retrieval by representation learning, fused with keyword search',
      input: 'A text query',
      output: 'Videos ranked by relevance to the query',
      labels: '(video, its own title or description) pairs and (query, clicked and watched video) pairs as positives; other videos in the batch as negatives',
    },
    metrics: {
      offline: ['Recall@k', 'MRR', 'nDCG on a human-rated query set'],
      online: ['CTR on search results', 'Completion rate of clicked videos', 'Watch time from search'],
      business: ['Share of searches that end in a watch', 'Time spent'],
    },
    steps: {
      clarify: '1 B videos; 600 M queries a day ≈ 6,000 QPS (15,000 peak); 300 ms; relevance only, no personalisation; English first.',
      framing:
        'Two retrieval paths merged. Semantic: a text encoder and a video encoder trained together, so a query lands near the videos that match it. Keyword: an inverted index over titles and tags. A fusion step merges both lists, and a re-ranker applies business rules.',
      data: 'Videos are decoded and sampled to a few frames; titles, tags and descriptions are normalised and tokenised. Training pairs: (video, its own text) and (query, watched result). The keyword path needs no training: it indexes the text directly.',
      model:
        'Text encoder: a pretrained transformer. Video encoder: frame-level (a pretrained image model over sampled frames, averaged) is far cheaper than a video-level 3D model and a good start. Both trained contrastively: matching pairs close, in-batch pairs apart. Baseline: keyword search alone.',
      evaluation: 'Offline: recall@k and MRR on held-out (query, watched video) pairs; nDCG on a human-rated query set. Online A/B test: CTR, completion rate and watch time from search.',
      serving:
        'Offline: every video is embedded in batch and added to the ANN index; its text goes into the inverted index. Online: query -> text encoder -> ANN search, in parallel with the inverted index -> fusion -> re-ranker (dedupe, freshness, policy). Memory: 1 B x 128 x 4 B = 512 GB raw.',
      monitoring: 'Latency per stage, share of results from each path, zero-result queries, CTR by query type, drift in query embeddings. Clicks and watches flow back as new training pairs.',
    },
    followUps: [
      'Why train the text and video encoders together rather than separately?',
      'How would you weigh ANN and keyword results in the fusion step?',
      'Frame-level or video-level video encoder: what do you gain and lose?',
      'How do you handle a misspelled query, or one in another language?',
    ],
  },
  stages: {
    data: {
      nodes: [
        node('videos', 'data-source', 'Video library', [0, 0], { entity: 'videos', volumePerDay: '500 k uploads (1 B total)', retention: 'lifetime' }),
        node('logs', 'message-queue', 'Search logs', [0, 1], { topics: ['query', 'impression', 'click', 'watch time'], eventsPerSecond: 60000, retention: '7 days' }),
        node('prep', 'data-pipeline', 'Frames and text prep', [1, 0], { mode: 'batch', cadence: 'daily', engine: 'Spark', outputs: ['sampled frames', 'normalised titles and tags'] }),
        node('pairs', 'labeling', 'Text-video pairs', [1, 1], {
          labelSource: 'weak',
          positive: '(video, its text); (query, watched result)',
          negative: 'other videos in the batch',
          labelDelay: 'hours',
          cost: 'free (metadata and logs)',
        }),
      ],
    },
    training: {
      nodes: [
        node('trainer', 'trainer', 'Contrastive trainer', [0, 0], {
          architecture: 'text transformer + frame-level video encoder',
          loss: 'contrastive (in-batch negatives)',
          retraining: 'fine-tune',
          cadence: 'weekly',
          hardware: 'GPU cluster',
        }),
        node('evaluation', 'evaluation', 'Offline evaluation', [1, 0], {
          offlineMetrics: ['recall@10', 'MRR', 'nDCG (rated set)'],
          split: 'time-based',
          baseline: 'keyword search alone',
        }),
        node('registry', 'model-registry', 'Model registry', [2, 1], { rollout: 'shadow then canary', promotionRule: 'higher recall@10 and MRR, then a won A/B test' }),
        node('video-encoder', 'embedding-service', 'Video encoder (batch)', [0, 1], { model: 'frame-level encoder', dimension: 128, mode: 'batch' }),
      ],
    },
    serving: {
      nodes: [
        node('app', 'client-app', 'Video app', [0, 1], { platform: 'web + mobile', dailyActiveUsers: 200000000, requestsPerUserPerDay: 3, latencySloMs: 300 }),
        node('text-encoder', 'embedding-service', 'Text encoder', [1, 0], { model: 'text transformer (same training)', dimension: 128, mode: 'on request', latencyBudgetMs: 20 }),
        node('ann', 'vector-index', 'Video ANN index', [2, 0], {
          kind: 'ANN',
          algorithm: 'HNSW',
          itemCount: 1000000000,
          memory: '512 GB raw, sharded',
          refresh: 'daily',
          latencyBudgetMs: 50,
        }),
        node('keyword', 'vector-index', 'Inverted index', [2, 2], { kind: 'inverted', algorithm: 'BM25', itemCount: 1000000000, refresh: 'hourly', latencyBudgetMs: 40 }),
        node('fusion', 'ranker', 'Fusion', [3, 1], {
          fallback: 'inverted index results alone',
          model: 'weighted score fusion',
          candidatesScored: 1000,
          objective: 'relevance to the query',
          latencyBudgetMs: 30,
        }),
        node('reranker', 're-ranker', 'Re-ranker', [4, 1], { rules: ['dedupe', 'freshness', 'policy filter'], latencyBudgetMs: 20 }),
        note('estimate', 'Estimates', [5, 0], '600 M queries/day ≈ 6,000 QPS, 15,000 peak. Video embeddings: 1 B x 128 x 4 B = 512 GB.'),
      ],
    },
    monitoring: {
      nodes: [
        node('ab-test', 'ab-test', 'A/B test', [0, 0], {
          kind: 'A/B',
          trafficSplit: '95/5',
          primaryMetric: 'watch time from search',
          guardrailMetrics: ['zero-result rate', 'latency p99'],
        }),
        node('monitor', 'monitor', 'Search monitor', [0, 1], {
          operationalMetrics: ['latency per stage', 'QPS', 'errors'],
          mlMetrics: ['share of results per path', 'zero-result rate', 'CTR by query type'],
          driftTest: 'PSI > 0.25 on query embeddings',
          alertTarget: 'search on-call',
        }),
      ],
    },
  },
  arrangement: [['data', 'training', 'monitoring'], ['serving']],
  edges: [
    edge('videos', 'prep', 'batch', 'new videos'),
    edge('logs', 'pairs', 'streaming', 'clicks, watches'),
    edge('prep', 'pairs', 'batch', 'video text'),
    edge('pairs', 'trainer', 'batch', 'positive pairs'),
    edge('prep', 'video-encoder', 'batch'),
    edge('trainer', 'evaluation', 'batch', 'candidate'),
    edge('evaluation', 'registry', 'batch', 'passes'),
    edge('video-encoder', 'ann', 'batch', 'video embeddings'),
    edge('registry', 'text-encoder', 'batch', 'deploy'),
    edge('prep', 'keyword', 'batch', 'titles, tags'),
    edge('app', 'text-encoder', 'online', 'query'),
    edge('text-encoder', 'ann', 'online', 'query vector'),
    edge('app', 'keyword', 'online', 'query terms'),
    edge('ann', 'fusion', 'online', 'top 500'),
    edge('keyword', 'fusion', 'online', 'top 500'),
    edge('fusion', 'reranker', 'online', 'merged list'),
    edge('app', 'logs', 'feedback', 'clicks, watches'),
    edge('reranker', 'monitor', 'streaming', 'results, latency'),
    edge('ab-test', 'registry', 'batch', 'promote winner'),
  ],
};

export default study;
