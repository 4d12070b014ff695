import { edge, node, note, type CaseStudy } from './types';

const study: CaseStudy = {
  info: {
    id: 'similar-listings',
    title: 'Similar listings',
    tags: ['recommendation', 'session-based', 'embeddings', 'skip-gram', 'ANN'],
    difficulty: 'medium',
    prompt:
      "Design the 'similar listings' carousel of a vacation-rental site: while a user looks at a listing, show other listings they are likely to click next. The site has about 5 million listings.",
    clarifyingQuestions: [
      { question: 'What is the business goal?', answer: 'More bookings: a guest who finds the right place sooner books more often.' },
      {
        question: 'Is it personalised?',
        answer: 'Session-based: results depend on the listing being viewed and the current session, not on a long-term profile, since most guests travel only a few times a year.',
      },
      {
        question: 'What is the scale?',
        answer: '5 million listings. 20 million daily users view about 10 listings each: 200 million carousel requests a day, about 2,000 QPS on average (10^5 seconds a day) and 5,000 at peak.',
      },
      { question: 'Which data do we have?', answer: 'Browsing sessions (the ordered listings each user clicked) and the bookings that ended them.' },
      { question: 'What about new listings?', answer: 'Thousands are created every day and must show up in carousels before anyone has clicked them.' },
      { question: 'What latency is acceptable?', answer: 'The carousel must load in 100 ms.' },
    ],
    framing: {
      taskType: 'Session-based recommendation by representation learning: listing embeddings, then nearest neighbours',
      input: "The listing being viewed (optionally the session's recent clicks)",
      output: 'Listings ranked by how likely they are to be clicked next',
      labels:
        'Listings clicked close together in a session are positive pairs; the eventually booked listing is a positive for every listing of its session; random and same-region listings are negatives',
    },
    metrics: {
      offline: ['Average rank of the eventually booked listing', 'Hit rate@10 of the next click'],
      online: ['Carousel CTR', 'Session book rate'],
      business: ['Bookings', 'Gross booking value'],
    },
    steps: {
      clarify: '5 M listings; 200 M carousel requests a day ≈ 2,000 QPS (5,000 peak); 100 ms; session-based rather than profile-based; thousands of new listings a day.',
      framing:
        'Learn one embedding per listing so that listings clicked in the same sessions lie close together; the carousel is a nearest-neighbour query around the viewed listing. No per-user model runs at request time.',
      data: 'Sessions are ordered clicks, split after 30 idle minutes. A sliding window over each session gives (listing, context listing) positive pairs. The booked listing is added as a global positive for the whole session; negatives are random listings plus listings from the same region (hard negatives, since a session rarely leaves its region).',
      model:
        'Skip-gram over click sessions (as word2vec does with sentences), 64 dimensions; the loss pulls context pairs and the booked listing closer and pushes sampled negatives away. Baseline: most-clicked listings in the same city. Fine-tuned daily; a new listing borrows the mean embedding of nearby listings of the same type and price.',
      evaluation:
        'Offline: for held-out sessions, the rank of the eventually booked listing among the neighbours of the clicked ones (lower is better). Online A/B test on carousel CTR and session book rate.',
      serving:
        'Offline: daily fine-tune => indexer loads the new embeddings into the ANN index. Online: app -> embedding fetcher (stored embedding, or a borrowed one for new listings) -> ANN top 100 -> re-ranker (same city, price band, available dates) -> carousel. Index: 5 M x 64 x 4 B = 1.3 GB, in memory on every node.',
      monitoring: 'Latency, carousel CTR per market, share of new listings shown, drift between daily embedding versions. Clicks and bookings stream back into the session logs.',
    },
    followUps: [
      'Why add the booked listing as a global positive? What changes in the embeddings?',
      'Why sample hard negatives from the same region?',
      'How does a listing created this morning get an embedding?',
      "How would you add the guest's longer-term preferences?",
    ],
  },
  stages: {
    data: {
      nodes: [
        node('listings', 'data-source', 'Listings', [0, 0], {
          entity: 'items',
          volumePerDay: '5 M listings, thousands new',
          retention: 'while active',
          pii: true,
          privacyNote: 'Exact address hidden until booking; host personal details are not features',
        }),
        node('sessions', 'message-queue', 'Browsing events', [0, 1], { topics: ['listing view', 'click', 'booking'], eventsPerSecond: 20000, retention: '7 days' }),
        node('sessionizer', 'data-pipeline', 'Sessionizer', [1, 1], { mode: 'batch', cadence: 'daily', engine: 'Spark', outputs: ['click sessions (30 min gap)', 'booked listing per session'] }),
        node('pairs', 'labeling', 'Training pairs', [2, 1], {
          labelSource: 'self-supervised',
          positive: 'clicks within a window; the booked listing',
          negative: 'random + same-region listings',
          labelDelay: '1 day',
          cost: 'free (logs)',
        }),
      ],
    },
    training: {
      nodes: [
        node('trainer', 'trainer', 'Embedding trainer', [0, 0], {
          architecture: 'skip-gram listing embeddings, 64-d',
          loss: 'negative-sampling log loss',
          retraining: 'fine-tune',
          cadence: 'daily',
          hardware: 'CPU cluster',
        }),
        node('evaluation', 'evaluation', 'Offline evaluation', [1, 0], {
          offlineMetrics: ['average rank of booked listing', 'hit rate@10'],
          split: 'time-based',
          baseline: 'most clicked in the same city',
        }),
        node('registry', 'model-registry', 'Model registry', [2, 0], { rollout: 'shadow then canary', promotionRule: 'lower average rank of the booked listing' }),
        node('indexer', 'embedding-service', 'Indexer', [2, 1], { model: 'listing embedding table', dimension: 64, mode: 'batch' }),
      ],
    },
    serving: {
      nodes: [
        node('app', 'client-app', 'Rental site', [0, 0], { platform: 'web + mobile', dailyActiveUsers: 20000000, requestsPerUserPerDay: 10, latencySloMs: 100 }),
        node('fetcher', 'embedding-service', 'Embedding fetcher', [1, 0], {
          model: 'lookup; new listings borrow nearby mean',
          dimension: 64,
          mode: 'on request',
          latencyBudgetMs: 10,
        }),
        node('ann', 'vector-index', 'Listing ANN index', [2, 0], {
          kind: 'ANN',
          algorithm: 'HNSW',
          itemCount: 5000000,
          memory: '1.3 GB per replica',
          refresh: 'daily',
          latencyBudgetMs: 20,
        }),
        node('reranker', 're-ranker', 'Re-ranker', [3, 0], { rules: ['same city', 'price band', 'available dates'], latencyBudgetMs: 20 }),
        note('estimate', 'Estimates', [4, 0], '200 M requests/day ≈ 2,000 QPS, 5,000 peak. Index: 5 M x 64 x 4 B = 1.3 GB: a full copy on every serving node.'),
      ],
    },
    monitoring: {
      nodes: [
        node('ab-test', 'ab-test', 'A/B test', [0, 0], {
          kind: 'A/B',
          trafficSplit: '50/50',
          primaryMetric: 'session book rate',
          guardrailMetrics: ['carousel CTR', 'latency p99'],
        }),
        node('monitor', 'monitor', 'Carousel monitor', [0, 1], {
          operationalMetrics: ['latency', 'errors'],
          mlMetrics: ['carousel CTR per market', 'share of new listings shown', 'embedding drift'],
          driftTest: 'KS test on neighbour distances',
          alertTarget: 'search on-call',
        }),
      ],
    },
  },
  arrangement: [['data', 'training', 'monitoring'], ['serving']],
  edges: [
    edge('sessions', 'sessionizer', 'streaming', 'click events'),
    edge('sessionizer', 'pairs', 'batch', 'sessions'),
    edge('listings', 'pairs', 'batch', 'region, price'),
    edge('pairs', 'trainer', 'batch', 'pairs'),
    edge('trainer', 'evaluation', 'batch', 'candidate'),
    edge('evaluation', 'registry', 'batch', 'passes'),
    edge('registry', 'indexer', 'batch', 'embeddings'),
    edge('indexer', 'ann', 'batch', 'daily index'),
    edge('indexer', 'fetcher', 'batch', 'embedding table'),
    edge('app', 'fetcher', 'online', 'listing id'),
    edge('fetcher', 'ann', 'online', 'vector'),
    edge('ann', 'reranker', 'online', 'top 100'),
    edge('app', 'sessions', 'feedback', 'clicks, bookings'),
    edge('reranker', 'monitor', 'streaming', 'results, latency'),
    edge('ab-test', 'registry', 'batch', 'promote winner'),
  ],
};

export default study;
