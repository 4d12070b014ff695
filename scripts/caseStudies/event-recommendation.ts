import { edge, node, note, type CaseStudy } from './types';

const study: CaseStudy = {
  info: {
    id: 'event-recommendation',
    title: 'Event recommendation',
    tags: ['recommendation', 'learning to rank', 'cold start', 'GBDT', 'location'],
    difficulty: 'medium',
    prompt:
      'Design recommendations for an event-ticketing platform: show each user a short list of upcoming events they are likely to register for. About 1 million new events are listed every month.',
    clarifyingQuestions: [
      { question: 'What is the business goal?', answer: 'More registrations (tickets sold); revenue follows from them.' },
      {
        question: 'What is the scale?',
        answer:
          'About 1 million new events a month and 500,000 upcoming at any time. 10 million daily users open recommendations 3 times a day: 30 million requests a day, about 300 QPS on average (10^5 seconds a day) and 900 at peak.',
      },
      {
        question: 'How are events different from other items?',
        answer: 'They are short-lived: each event is new, takes registrations for a few weeks and is then over. There is almost no interaction history per event, so every event is a cold-start item.',
      },
      {
        question: 'What do we know about users and events?',
        answer: 'User location, friends on the platform and past registrations; event venue, date, category, price, host, and who has registered so far.',
      },
      { question: 'What latency is acceptable?', answer: 'Under 200 ms for the list.' },
      { question: 'Are there privacy constraints?', answer: 'Location and friend lists are personal data: use coarse location, and count only friends who share their attendance.' },
    ],
    framing: {
      taskType: 'Pointwise learning to rank: binary classification of P(register | user, event), then sort',
      input: 'A user and the request context (location, time)',
      output: 'The top-k upcoming events by predicted registration probability',
      labels: 'Registered within 7 days of an impression = positive; impression without a registration = negative',
    },
    metrics: {
      offline: ['mAP@10', 'nDCG@10', 'MRR', 'ROC-AUC and calibration of P(register)'],
      online: ['Registration (conversion) rate', 'Bookmark rate', 'CTR'],
      business: ['Tickets sold', 'Revenue lift'],
    },
    steps: {
      clarify: 'Goal: registrations. 10 M daily users x 3 = 30 M requests a day ≈ 300 QPS (900 peak). 500k upcoming events, each alive a few weeks. 200 ms.',
      framing:
        'Pointwise LTR: predict P(register) for each (user, event) pair and sort. Since every event is new, the model has to rely on features that generalise across events rather than on event ids.',
      data: 'Features carry this model: distance from the user to the venue, time until the event, price against what the user usually pays, category match with past registrations, friends registered, host popularity. Static features in a daily batch; dynamic ones (registrations so far, friends attending) from a stream. Registrations are rare, so negatives are downsampled.',
      model:
        'Baseline: most popular events nearby. Then gradient-boosted trees (strong on tabular features, easy to inspect), then a neural network once data grows. Continual training, since new events and registrations arrive all the time. The downsampled negatives require calibration.',
      evaluation:
        'Offline: mAP, nDCG and MRR on a time-based split; ROC-AUC and calibration of P(register). Online A/B test on registration rate, with bookmark rate and revenue as secondary metrics.',
      serving:
        'Request -> rule-based candidate filter over a geo and date index (within 50 km, next 60 days, not sold out: about 500 events) -> ranker scores each with features from the online store -> re-ranker (category diversity, hide registered) -> top 10. Budgets: 30 + 80 + 20 + 10 ms.',
      monitoring: 'Latency, empty candidate lists in sparse regions, predicted vs observed registration rate, feature drift. Impressions and registrations stream back to become the next labels.',
    },
    followUps: [
      'Every event is new. Why does that rule out plain collaborative filtering, and what replaces it?',
      "How do you compute 'friends registered' fast enough at request time?",
      'You downsampled negatives. How do you correct the predicted probabilities?',
      'How would you put ticket price or revenue into the objective?',
    ],
  },
  stages: {
    data: {
      nodes: [
        node('users', 'data-source', 'Users', [0, 0], {
          entity: 'users',
          volumePerDay: '10 M daily users',
          retention: 'account lifetime',
          pii: true,
          privacyNote: 'Coarse location only; friends counted only if they share attendance',
        }),
        node('events', 'data-source', 'Event listings', [0, 1], { entity: 'items', volumePerDay: '33 k new events (1 M/month)', retention: '1 year after the event' }),
        node('interactions', 'message-queue', 'Impressions and registrations', [0, 2], {
          topics: ['impression', 'click', 'bookmark', 'register'],
          eventsPerSecond: 3000,
          retention: '7 days',
        }),
        node('static', 'data-pipeline', 'Static features', [1, 0.5], { mode: 'batch', cadence: 'daily', engine: 'Spark', outputs: ['category history', 'host popularity', 'venue location'] }),
        node('dynamic', 'data-pipeline', 'Dynamic features', [1, 2], { mode: 'streaming', cadence: 'seconds', engine: 'Flink', outputs: ['registrations so far', 'friends registered'] }),
        node('labels', 'labeling', 'Registration labels', [2, 1], {
          delayHandling: 'model the delay',
          labelSource: 'natural',
          positive: 'registered within 7 days of impression',
          negative: 'impression, no registration',
          labelDelay: 'up to 7 days',
          cost: 'free (logged)',
        }),
        node('features', 'feature-store', 'Feature store', [2, 2], {
          onlineStore: 'Redis',
          offlineStore: 'warehouse, point-in-time',
          freshness: 'daily batch + streaming counts',
          features: ['distance to venue', 'days until event', 'price vs usual spend', 'friends registered'],
          latencyBudgetMs: 20,
        }),
      ],
    },
    training: {
      nodes: [
        node('trainer', 'trainer', 'Ranker trainer', [0, 0], {
          positionBias: 'position feature',
          architecture: 'GBDT, then a DNN',
          loss: 'log loss',
          retraining: 'continual',
          cadence: 'hourly',
          hardware: 'CPU',
          negativeSamplingRate: 0.1,
          calibration: 'downsampling correction',
        }),
        node('evaluation', 'evaluation', 'Offline evaluation', [1, 0], {
          offlineMetrics: ['mAP@10', 'nDCG@10', 'MRR', 'calibration'],
          split: 'time-based',
          baseline: 'most popular events nearby',
        }),
        node('registry', 'model-registry', 'Model registry', [2, 0], { rollout: 'shadow then canary', promotionRule: 'higher mAP@10 and calibrated within 5%' }),
      ],
    },
    serving: {
      nodes: [
        node('app', 'client-app', 'Events app', [0, 0], { platform: 'web + mobile', dailyActiveUsers: 10000000, requestsPerUserPerDay: 3, latencySloMs: 200 }),
        node('filter', 'candidate-generation', 'Candidate filter', [1, 0], {
          exploration: 'new events boosted into a few slots',
          sources: ['geo + date index: within 50 km, next 60 days', 'not sold out', 'user languages'],
          outputK: 500,
          latencyBudgetMs: 30,
        }),
        node('ranker', 'ranker', 'Ranker', [2, 0], {
          fallback: 'events ordered by distance and popularity',
          model: 'GBDT',
          candidatesScored: 500,
          objective: 'P(register)',
          calibrated: true,
          latencyBudgetMs: 80,
        }),
        node('reranker', 're-ranker', 'Re-ranker', [3, 0], { rules: ['category diversity', 'hide registered events'], latencyBudgetMs: 10 }),
        note('estimate', 'Estimates', [4, 0], '30 M requests/day ≈ 300 QPS, 900 peak. 500 candidates x 900 QPS = 450k GBDT scores/s: a few CPU servers.'),
      ],
    },
    monitoring: {
      nodes: [
        node('ab-test', 'ab-test', 'A/B test', [0, 0], {
          kind: 'A/B',
          trafficSplit: '50/50',
          primaryMetric: 'registration rate',
          guardrailMetrics: ['revenue per user', 'latency p99'],
        }),
        node('monitor', 'monitor', 'Model monitor', [0, 1], {
          operationalMetrics: ['latency', 'errors', 'empty candidate lists'],
          mlMetrics: ['predicted vs observed registration rate', 'feature drift'],
          driftTest: 'PSI > 0.25 on key features',
          alertTarget: 'recommendations on-call',
        }),
      ],
    },
  },
  arrangement: [['data', 'training', 'monitoring'], ['serving']],
  edges: [
    edge('users', 'static', 'batch', 'profiles'),
    edge('events', 'static', 'batch', 'listings'),
    edge('interactions', 'dynamic', 'streaming', 'events'),
    edge('dynamic', 'labels', 'streaming', 'registrations'),
    edge('static', 'features', 'batch', 'daily features'),
    edge('dynamic', 'features', 'streaming', 'fresh counts'),
    edge('features', 'trainer', 'batch', 'training set'),
    edge('labels', 'trainer', 'batch', 'labels'),
    edge('trainer', 'evaluation', 'batch', 'candidate'),
    edge('evaluation', 'registry', 'batch', 'passes'),
    edge('registry', 'ranker', 'batch', 'deploy'),
    edge('app', 'filter', 'online', 'user, location'),
    edge('filter', 'ranker', 'online', '500 events'),
    edge('ranker', 'features', 'online', 'features'),
    edge('ranker', 'reranker', 'online', 'scores'),
    edge('app', 'interactions', 'feedback', 'impressions, sign-ups'),
    edge('reranker', 'monitor', 'streaming', 'scores, latency'),
    edge('ab-test', 'registry', 'batch', 'promote winner'),
  ],
};

export default study;
