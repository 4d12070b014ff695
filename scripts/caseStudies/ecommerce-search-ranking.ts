import { edge, node, note, type CaseStudy } from './types';

const study: CaseStudy = {
  info: {
    id: 'ecommerce-search-ranking',
    title: 'E-commerce search ranking',
    tags: ['search', 'learning to rank', 'LambdaMART', 'query understanding', 'multi-stage'],
    difficulty: 'hard',
    prompt: 'Design the search ranking of an online store: for a typed query, return the products the shopper is most likely to click, add to cart and buy.',
    clarifyingQuestions: [
      { question: 'What is the goal?', answer: 'Purchases from search (conversion), while results stay relevant to the query.' },
      {
        question: 'What is the scale?',
        answer: '50 million products. 30 million daily shoppers search 5 times each: 150 million queries a day, about 1,500 QPS on average (10^5 seconds a day) and 4,000 at peak.',
      },
      { question: 'Which labels exist?', answer: 'Search logs with impressions, clicks, add-to-cart and purchases, and a small set of human relevance ratings.' },
      { question: 'What latency?', answer: '250 ms at p99 for the results page.' },
      { question: 'Is it personalised?', answer: "Lightly: the shopper's recent categories and price range are features, but the query dominates." },
      { question: 'Which query problems are common?', answer: "Misspellings, synonyms ('sneakers' and 'trainers') and vague queries ('gift for dad')." },
    ],
    framing: {
      taskType: 'Learning to rank (listwise, LambdaMART) on graded relevance, in a multi-stage funnel',
      input: 'A query, the shopper and the context (device, location, time)',
      output: 'Products ranked by graded relevance',
      labels: 'Graded from logs: purchase 3, add to cart 2, click 1, impression without a click 0, corrected for position bias',
    },
    metrics: {
      offline: ['nDCG@10', 'MRR', 'Recall@k of retrieval'],
      online: ['Search CTR', 'Conversion rate from search', 'Successful sessions (a purchase or add-to-cart)', 'Zero-result rate'],
      business: ['Revenue from search', 'Gross merchandise value'],
    },
    steps: {
      clarify: '50 M products; 150 M queries a day ≈ 1,500 QPS (4,000 peak); 250 ms; goal: purchases from search; misspellings and synonyms are common.',
      framing:
        'A multi-stage funnel. Query understanding corrects and expands the query and predicts its category; retrieval takes the union of keyword (inverted index) and semantic (ANN) matches; a light ranker trims thousands to a few hundred; a heavy LambdaMART ranker orders them by graded relevance.',
      data: 'Labels are graded by the strongest action on each impression (purchase > add-to-cart > click > nothing). Items at the top get clicked for their position, so labels are reweighted by position. Features: text match (BM25, embedding similarity), popularity, price, rating, stock, shopper-category affinity.',
      model:
        'Baseline: BM25 text match sorted by popularity. First stage: a small GBDT on cheap features. Second stage: LambdaMART, which optimises nDCG directly, on hundreds of features. Retrained daily.',
      evaluation:
        "Offline nDCG@10 on the next day's graded logs and on a human-rated set. Online: interleaving for a fast read on ranking changes, then an A/B test on conversion with CTR and zero-result rate as guardrails.",
      serving:
        'App -> query understanding (spelling, synonyms, category) -> candidate generation over a hybrid index (inverted + ANN, about 5,000) -> light ranker (keeps 500) -> heavy ranker (LambdaMART) -> blender (stock, sponsored slots, diversity) -> results. Budgets: 20 + 40 + 30 + 30 + 80 + 15 + 20 ms.',
      monitoring: 'Latency per stage, zero-result and reformulation rates, nDCG on a daily rated sample, feature drift (prices, stock). Clicks, carts and purchases flow back as graded labels.',
    },
    followUps: [
      'How would you correct click labels for position bias?',
      'Why two ranking stages instead of one?',
      "A shopper types 'gift for dad'. What does query understanding do with it?",
      'When is interleaving a better experiment than an A/B test?',
    ],
  },
  stages: {
    data: {
      nodes: [
        node('catalog', 'data-source', 'Product catalogue', [0, 0], { entity: 'items', volumePerDay: '50 M products, 2 M updates', retention: 'while listed' }),
        node('logs', 'message-queue', 'Search events', [0, 1], {
          topics: ['query', 'impression', 'click', 'add to cart', 'purchase'],
          eventsPerSecond: 30000,
          retention: '7 days',
        }),
        node('etl', 'data-pipeline', 'Feature and index build', [1, 0], { mode: 'batch', cadence: 'daily', engine: 'Spark', outputs: ['product features', 'index documents'] }),
        node('labels', 'labeling', 'Graded labels', [1, 1], {
          labelSource: 'natural',
          positive: 'purchase 3, cart 2, click 1',
          negative: 'impression, no action (0)',
          labelDelay: 'minutes to a day',
          cost: 'free; rated set paid',
        }),
        node('features', 'feature-store', 'Feature store', [2, 0.5], {
          onlineStore: 'Redis',
          offlineStore: 'warehouse, point-in-time',
          freshness: 'daily + price/stock stream',
          features: ['BM25 score', 'embedding similarity', 'price', 'rating', 'shopper-category affinity'],
          latencyBudgetMs: 15,
        }),
      ],
    },
    training: {
      nodes: [
        node('trainer', 'trainer', 'LambdaMART trainer', [0, 0], {
          positionBias: 'inverse propensity weighting',
          architecture: 'LambdaMART (GBDT), + small first-stage GBDT',
          loss: 'LambdaRank (nDCG-weighted pairwise)',
          retraining: 'from scratch',
          cadence: 'daily',
          hardware: 'CPU cluster',
        }),
        node('evaluation', 'evaluation', 'Offline evaluation', [1, 0], {
          offlineMetrics: ['nDCG@10', 'MRR', 'recall@5000'],
          split: 'time-based',
          baseline: 'BM25 + popularity',
        }),
        node('registry', 'model-registry', 'Model registry', [2, 0], { rollout: 'shadow then canary', promotionRule: 'higher nDCG@10, then wins interleaving' }),
      ],
    },
    serving: {
      nodes: [
        node('app', 'client-app', 'Store app', [0, 1], { platform: 'web + mobile', dailyActiveUsers: 30000000, requestsPerUserPerDay: 5, latencySloMs: 250 }),
        node('query', 'model-server', 'Query understanding', [1, 1], { mode: 'online', latencyBudgetMs: 20, qps: 4000, hardware: 'CPU', runtime: 'spelling, synonyms, category' }),
        node('index', 'vector-index', 'Product index', [2, 0], {
          kind: 'hybrid',
          algorithm: 'BM25 + HNSW',
          itemCount: 50000000,
          memory: '50 M x 128 x 4 B ≈ 26 GB + text index',
          refresh: 'hourly',
          latencyBudgetMs: 30,
        }),
        node('candidates', 'candidate-generation', 'Candidate generation', [2, 1], {
          exploration: 'a few randomised slots below the fold',
          sources: ['inverted index', 'ANN'],
          outputK: 5000,
          latencyBudgetMs: 40,
        }),
        node('light', 'ranker', 'Light ranker', [3, 1], { model: 'small GBDT', candidatesScored: 5000, objective: 'P(click)', latencyBudgetMs: 30 }),
        node('heavy', 'ranker', 'Heavy ranker', [4, 1], { fallback: 'light ranker order', model: 'LambdaMART', candidatesScored: 500, objective: 'graded relevance (nDCG)', latencyBudgetMs: 80 }),
        node('blender', 're-ranker', 'Blender', [5, 1], { rules: ['in stock', 'sponsored slots', 'brand diversity'], latencyBudgetMs: 20 }),
        note('estimate', 'Estimates', [6, 1], '150 M queries/day ≈ 1,500 QPS, 4,000 peak. 500 x 4,000 = 2 M heavy-ranker scores/s at peak.'),
      ],
    },
    monitoring: {
      nodes: [
        node('ab-test', 'ab-test', 'Interleaving test', [0, 0], {
          kind: 'interleaving',
          trafficSplit: '5% interleaved',
          primaryMetric: 'conversion rate from search',
          guardrailMetrics: ['search CTR', 'zero-result rate'],
        }),
        node('monitor', 'monitor', 'Search monitor', [0, 1], {
          operationalMetrics: ['latency per stage', 'QPS', 'errors'],
          mlMetrics: ['zero-result rate', 'reformulation rate', 'nDCG on rated sample'],
          driftTest: 'PSI > 0.25 on price and stock features',
          alertTarget: 'search on-call',
        }),
      ],
    },
  },
  arrangement: [['data', 'training', 'monitoring'], ['serving']],
  edges: [
    edge('catalog', 'etl', 'batch', 'products'),
    edge('logs', 'labels', 'streaming', 'actions'),
    edge('etl', 'features', 'batch', 'features'),
    edge('labels', 'features', 'batch', 'graded labels'),
    edge('features', 'trainer', 'batch', 'training set'),
    edge('trainer', 'evaluation', 'batch', 'candidate'),
    edge('evaluation', 'registry', 'batch', 'passes'),
    edge('registry', 'heavy', 'batch', 'deploy'),
    edge('etl', 'index', 'batch', 'documents'),
    edge('app', 'query', 'online', 'query'),
    edge('query', 'candidates', 'online', 'rewritten query'),
    edge('candidates', 'index', 'online', 'lookup'),
    edge('candidates', 'light', 'online', '5,000'),
    edge('light', 'heavy', 'online', '500'),
    edge('heavy', 'features', 'online', 'features'),
    edge('heavy', 'blender', 'online', 'ranked'),
    edge('app', 'logs', 'feedback', 'clicks, purchases'),
    edge('blender', 'monitor', 'streaming', 'results, latency'),
    edge('ab-test', 'registry', 'batch', 'promote winner'),
  ],
};

export default study;
