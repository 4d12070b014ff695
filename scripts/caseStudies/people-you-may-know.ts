import { edge, node, note, type CaseStudy } from './types';

const study: CaseStudy = {
  info: {
    id: 'people-you-may-know',
    title: 'People you may know',
    tags: ['graph', 'GNN', 'link prediction', 'batch prediction', 'recommendation'],
    difficulty: 'hard',
    prompt: "Design 'People you may know' for a professional social network with 1 billion members, 300 million of them active daily: suggest people each member is likely to connect with.",
    clarifyingQuestions: [
      { question: 'What is the goal?', answer: 'More accepted connection requests: a denser network keeps members coming back.' },
      {
        question: 'What is the scale?',
        answer: '1 billion members, 300 million daily. A member has a few hundred connections on average, so friends of friends run to about a million candidates per member.',
      },
      { question: 'How fresh must suggestions be?', answer: 'The graph changes slowly: suggestions computed yesterday are fine.' },
      {
        question: 'Which data exists?',
        answer: 'The connection graph, profiles (schools, companies, location, skills), and interactions: profile views, invitations sent, accepted and ignored.',
      },
      { question: 'What latency?', answer: 'Suggestions load in under 100 ms: that is a lookup, not a model run.' },
      {
        question: 'Privacy?',
        answer: 'Profiles are personal data. Members can opt out of being suggested, and fields they keep private are not used.',
      },
    ],
    framing: {
      taskType: 'Link prediction on the social graph with a graph neural network',
      input: 'A member (a node) and the graph around them',
      output: 'Candidate members ranked by P(a connection forms)',
      labels: 'From a graph snapshot at time t: candidate pairs that connected by t+1 are positives, the other candidate pairs negatives',
    },
    metrics: {
      offline: ['ROC-AUC of edge prediction', "mAP of each member's list"],
      online: ['Connection requests sent per day', 'Requests accepted per day', 'Accept rate'],
      business: ['Network growth', 'Member retention'],
    },
    steps: {
      clarify: '1 B members, 300 M daily; suggestions may be a day old; under 100 ms to show them; goal: accepted requests.',
      framing:
        'Edge prediction: the graph at time t is the input and the edges that appear by t+1 are the labels. A GNN learns member embeddings from profile features and neighbourhoods; a pair is scored from the two embeddings.',
      data: 'Nodes: members with profile features (schools, companies, location, skills). Edges: connections, plus interactions (profile views, messages) as weaker edges. The graph is snapshotted daily. Candidates: friends of friends, about a million per member, trimmed to the top 1,000 by mutual connections.',
      model:
        'Baseline: rank friends of friends by the number of mutual connections. Then a GNN (GraphSAGE-style message passing) trained on the t / t+1 split with binary cross-entropy over candidate pairs; negatives sampled among friends of friends. Retrained weekly.',
      evaluation:
        'Offline ROC-AUC and mAP on edges that formed in the held-out next period. Online A/B test on requests sent and accepted per member; guardrails: ignore rate and "I don\'t know this person" reports.',
      serving:
        'Batch prediction: every day, for active members only, generate friends-of-friends candidates, score them with the GNN and write the top 50 to a key-value store (300 M x 50 ids x 8 B = 120 GB). Online: app -> PYMK service -> key-value lookup in 20 ms. New members get a fallback list (same company or school).',
      monitoring:
        'Freshness of the precomputed lists, coverage of active members, accept rate per segment, score drift between daily runs. Requests sent, accepted and ignored flow back as the next labels.',
    },
    followUps: [
      'Why batch prediction here rather than online? What work is wasted?',
      'How do you cut friends of friends down to something you can score?',
      'How does a member who joined today get suggestions?',
      'Where could label leakage creep in when you build pairs from one snapshot?',
    ],
  },
  stages: {
    data: {
      nodes: [
        node('graph', 'data-source', 'Connection graph', [0, 0], {
          entity: 'interactions',
          volumePerDay: '~100 B edges, millions new',
          retention: 'while both accounts exist',
          pii: true,
          privacyNote: 'Members can opt out of suggestions; hidden connections are not used',
        }),
        node('profiles', 'data-source', 'Member profiles', [0, 1], {
          entity: 'users',
          volumePerDay: '1 B members',
          retention: 'account lifetime',
          pii: true,
          privacyNote: 'Only fields the member made visible are features',
        }),
        node('activity', 'message-queue', 'Invitations and views', [0, 2], {
          topics: ['invitation sent', 'accepted', 'ignored', 'profile view'],
          eventsPerSecond: 5000,
          retention: '7 days',
        }),
        node('snapshot', 'data-pipeline', 'Daily graph snapshot', [1, 0.5], { mode: 'batch', cadence: 'daily', engine: 'Spark', outputs: ['graph at t', 'node features'] }),
        node('labels', 'labeling', 'Edge labels', [2, 2], {
          labelSource: 'natural',
          positive: 'pair connected between t and t+1',
          negative: 'friend-of-friend pair that did not',
          labelDelay: '1 day to 1 week',
          cost: 'free (graph history)',
        }),
      ],
    },
    training: {
      nodes: [
        node('trainer', 'trainer', 'GNN trainer', [0, 0], {
          architecture: 'GNN (GraphSAGE-style)',
          loss: 'binary cross-entropy over candidate pairs',
          retraining: 'from scratch',
          cadence: 'weekly',
          hardware: 'GPUs, graph sampling',
        }),
        node('evaluation', 'evaluation', 'Offline evaluation', [1, 0], {
          offlineMetrics: ['ROC-AUC', 'mAP@50'],
          split: 'time-based',
          baseline: 'mutual-connection count',
        }),
        node('registry', 'model-registry', 'Model registry', [2, 0], { promotionRule: 'higher mAP@50 on the next period' }),
      ],
    },
    serving: {
      title: 'Serving (batch prediction + lookup)',
      nodes: [
        node('app', 'client-app', 'Network app', [0, 1], { platform: 'web + mobile', dailyActiveUsers: 300000000, requestsPerUserPerDay: 2, latencySloMs: 100 }),
        node('service', 're-ranker', 'PYMK service', [1, 1], { rules: ['drop pending or ignored', 'drop blocked', 'fallback for new members'], latencyBudgetMs: 20 }),
        node('candidates', 'candidate-generation', 'Friends of friends', [1, 0], { sources: ['friends of friends', 'same company or school'], outputK: 1000 }),
        node('scorer', 'model-server', 'GNN batch scoring', [2, 0], { mode: 'batch', qps: 35000, hardware: 'GPU', batching: true }),
        node('store', 'cache', 'Suggestion store', [2, 1], { cached: 'predictions', ttl: '1 day', size: '120 GB', latencyBudgetMs: 20 }),
        note('estimate', 'Estimates', [3, 0], '300 M active x 1,000 candidates = 300 B pair scores/day ≈ 3.5 M/s. Store: 300 M x 50 ids x 8 B = 120 GB.'),
      ],
    },
    monitoring: {
      nodes: [
        node('ab-test', 'ab-test', 'A/B test', [0, 0], {
          kind: 'A/B',
          trafficSplit: '90/10',
          primaryMetric: 'accepted requests per member',
          guardrailMetrics: ['ignore rate', '"don\'t know" reports'],
        }),
        node('monitor', 'monitor', 'PYMK monitor', [0, 1], {
          operationalMetrics: ['batch job duration', 'lookup latency', 'errors'],
          mlMetrics: ['list freshness', 'coverage of active members', 'accept rate by segment'],
          driftTest: 'PSI > 0.25 on scores between runs',
          alertTarget: 'growth on-call',
        }),
      ],
    },
  },
  arrangement: [['data', 'training', 'monitoring'], ['serving']],
  edges: [
    edge('graph', 'snapshot', 'batch', 'edges'),
    edge('profiles', 'snapshot', 'batch', 'profiles'),
    edge('activity', 'labels', 'streaming', 'accepts'),
    edge('snapshot', 'labels', 'batch', 'graph at t'),
    edge('snapshot', 'trainer', 'batch', 'graph + features'),
    edge('labels', 'trainer', 'batch', 'edges at t+1'),
    edge('trainer', 'evaluation', 'batch', 'candidate'),
    edge('evaluation', 'registry', 'batch', 'passes'),
    edge('registry', 'scorer', 'batch', 'deploy'),
    edge('snapshot', 'candidates', 'batch', 'graph'),
    edge('candidates', 'scorer', 'batch', 'pairs'),
    edge('scorer', 'store', 'batch', 'top 50'),
    edge('app', 'service', 'online', 'member id'),
    edge('service', 'store', 'online', 'lookup'),
    edge('app', 'activity', 'feedback', 'invites, accepts'),
    edge('store', 'monitor', 'batch', 'list stats'),
    edge('ab-test', 'registry', 'batch', 'promote winner'),
  ],
};

export default study;
