import { edge, node, note, type CaseStudy } from './types';

const study: CaseStudy = {
  info: {
    id: 'visual-search',
    title: 'Visual search',
    tags: ['search', 'representation learning', 'contrastive learning', 'ANN', 'images'],
    difficulty: 'medium',
    prompt: 'Design visual search for an image-sharing site: a user picks an image, or a region of one, and sees visually similar images. The site hosts 100 to 200 billion images.',
    clarifyingQuestions: [
      { question: 'Are results personalised?', answer: 'No. Results depend on the query image only; personalisation can come later.' },
      {
        question: 'How many images, and how many searches?',
        answer:
          'About 150 billion images, with roughly 300 million new ones a day. 100 million daily users run 2 visual searches each: 200 million queries a day, about 2,000 QPS on average (10^5 seconds a day) and 5,000 at peak.',
      },
      { question: 'Can the user select a region of the image?', answer: 'Yes: the crop becomes the query. Suggesting regions with object detection is out of scope.' },
      { question: 'Which interactions are logged?', answer: 'Impressions, clicks on results, saves and hides. Clicks are plentiful but noisy; saves are rarer and stronger.' },
      { question: 'What latency do we need?', answer: 'Results within 200 ms of the query at p99.' },
      { question: 'Are there content rules?', answer: 'Unsafe images must never appear in results, and near-duplicates of one image should be shown once.' },
    ],
    framing: {
      taskType: 'Ranking by representation learning: embed images so that similar ones lie close together, then nearest-neighbour search',
      input: 'A query image (or a crop of one)',
      output: 'Images ranked by the similarity of their embedding to the query embedding',
      labels: 'Positive pairs from (query, clicked or saved result) in the logs, or self-supervised: two random augmentations of the same image; other images in the batch are negatives',
    },
    metrics: {
      offline: ['MRR', 'Recall@k', 'mAP', 'nDCG on a human-rated query set'],
      online: ['CTR on results', 'Saves per search', 'Time spent in visual search'],
      business: ['Engagement with visual search', 'Retention of users who use it'],
    },
    steps: {
      clarify:
        'Non-personalised image-to-image search over about 150 B images. 100 M daily users x 2 searches = 200 M queries a day, about 2,000 QPS (5,000 peak). No unsafe images, duplicates collapsed, 200 ms p99.',
      framing:
        "Representation learning: an encoder maps every image to a vector so that visually similar images are close; serving is a nearest-neighbour search around the query's vector, ranked by cosine similarity. No per-user model is needed.",
      data: 'Images are decoded, resized and normalised. Positive pairs come from clicks and saves on results (noisy and biased towards the top positions) or from self-supervision (two augmentations of one image). Other images in the batch act as negatives. Unsafe images are removed from the index, not from training.',
      model:
        'A pretrained CNN or ViT fine-tuned with a contrastive loss: each query against its positive and the in-batch negatives, softmax over similarities. Baseline: the pretrained encoder without fine-tuning. Retrain weekly; re-embedding 150 B images is the expensive part.',
      evaluation: 'Offline: MRR, recall@k and mAP on held-out (query, clicked result) pairs, nDCG on a human-rated set. Online: an A/B test on CTR and saves per visual search.',
      serving:
        'Offline, a batch job embeds each new image and adds it to the ANN index. Online, the query goes through the same encoder on GPUs, the ANN index returns the top 500, and a re-ranker drops unsafe images and near-duplicates. With product quantisation (8 B per vector) the index needs about 1.2 TB, sharded.',
      monitoring: 'Latency per stage, ANN recall against exact search on a sample, embedding drift between encoder versions, CTR by query category. Clicks and saves flow back as new positive pairs.',
    },
    followUps: [
      'Where do positive pairs come from before there are any logs, and what is wrong with clicks as labels?',
      'Which ANN algorithm would you pick for 150 billion vectors, and what does it cost in memory?',
      'Users click the top results because they are on top. How does position bias affect your training data?',
      'A new encoder version changes every embedding. How do you roll it out without downtime?',
    ],
  },
  stages: {
    data: {
      nodes: [
        node('images', 'data-source', 'Image store', [0, 0], {
          entity: 'images',
          volumePerDay: '300 M new (150 B total)',
          retention: 'until the owner deletes',
          pii: true,
          privacyNote: 'Faces may appear: private boards are excluded; deleted images leave the index within 24 h',
        }),
        node('events', 'message-queue', 'Search interactions', [0, 1], {
          topics: ['visual query', 'impression', 'click', 'save', 'hide'],
          eventsPerSecond: 20000,
          retention: '7 days',
        }),
        node('prep', 'data-pipeline', 'Image preprocessing', [1, 0], { mode: 'batch', cadence: 'hourly', engine: 'Spark', outputs: ['resized, normalised images'] }),
        node('pairs', 'labeling', 'Positive pairs', [1, 1], {
          labelSource: 'self-supervised',
          positive: 'clicked/saved result; or two augmentations of one image',
          negative: 'other images in the batch',
          labelDelay: 'minutes',
          cost: 'free (logs and augmentation)',
        }),
      ],
    },
    training: {
      nodes: [
        node('trainer', 'trainer', 'Encoder trainer', [0, 0], {
          architecture: 'ViT-B, pretrained, fine-tuned',
          loss: 'contrastive (in-batch negatives)',
          retraining: 'fine-tune',
          cadence: 'weekly',
          hardware: 'GPU cluster',
        }),
        node('evaluation', 'evaluation', 'Offline evaluation', [1, 0], {
          offlineMetrics: ['MRR', 'recall@10', 'mAP', 'nDCG (rated set)'],
          split: 'time-based',
          baseline: 'pretrained encoder, not fine-tuned',
        }),
        node('registry', 'model-registry', 'Model registry', [2, 1], { rollout: 'shadow then canary', promotionRule: 'higher MRR offline, then higher CTR in the A/B test' }),
        node('batch-encoder', 'embedding-service', 'Batch image encoder', [0, 1], { model: 'ViT-B (registry version)', dimension: 64, mode: 'batch' }),
      ],
    },
    serving: {
      nodes: [
        node('app', 'client-app', 'Image app', [0, 0.5], { platform: 'web + mobile', dailyActiveUsers: 100000000, requestsPerUserPerDay: 2, latencySloMs: 200 }),
        node('query-encoder', 'embedding-service', 'Query encoder', [1, 0], { model: 'ViT-B (same weights)', dimension: 64, mode: 'on request', latencyBudgetMs: 40 }),
        node('ann', 'vector-index', 'Image ANN index', [2, 0], {
          kind: 'ANN',
          algorithm: 'IVF-PQ',
          itemCount: 150000000000,
          memory: '≈ 1.2 TB with PQ, sharded',
          refresh: 'hourly adds, weekly rebuild',
          latencyBudgetMs: 60,
        }),
        node('reranker', 're-ranker', 'Re-ranker', [2, 1], { rules: ['remove unsafe images', 'collapse near-duplicates', 'diversity'], latencyBudgetMs: 20 }),
        note('estimate', 'Estimates', [5, 1], '200 M queries/day ≈ 2,000 QPS, 5,000 peak. Raw: 150 B x 64-d x 4 B ≈ 38 TB; with PQ at 8 B/vector ≈ 1.2 TB.'),
      ],
    },
    monitoring: {
      nodes: [
        node('monitor', 'monitor', 'Search monitor', [0, 1], {
          operationalMetrics: ['latency p99 per stage', 'QPS', 'errors'],
          mlMetrics: ['CTR by query category', 'ANN recall vs exact', 'embedding drift'],
          driftTest: 'PSI > 0.25 on similarity scores',
          alertTarget: 'search on-call',
        }),
        node('ab-test', 'ab-test', 'A/B test', [0, 0], {
          kind: 'A/B',
          trafficSplit: '90/10',
          primaryMetric: 'CTR on visual search results',
          guardrailMetrics: ['latency p99', 'hide rate'],
        }),
      ],
    },
  },
  arrangement: [['data', 'training', 'monitoring'], ['serving']],
  edges: [
    edge('images', 'prep', 'batch', 'new images'),
    edge('events', 'pairs', 'streaming', 'clicks, saves'),
    edge('prep', 'pairs', 'batch', 'augmented views'),
    edge('pairs', 'trainer', 'batch', 'positive pairs'),
    edge('trainer', 'evaluation', 'batch', 'candidate'),
    edge('evaluation', 'registry', 'batch', 'passes'),
    edge('registry', 'batch-encoder', 'batch', 'weights'),
    edge('prep', 'batch-encoder', 'batch'),
    edge('batch-encoder', 'ann', 'batch', 'embeddings'),
    edge('registry', 'query-encoder', 'batch', 'deploy'),
    edge('app', 'query-encoder', 'online', 'query image'),
    edge('query-encoder', 'ann', 'online', 'query vector'),
    edge('ann', 'reranker', 'online', 'top 500'),
    edge('reranker', 'app', 'online', 'results'),
    edge('app', 'events', 'feedback', 'clicks, saves'),
    edge('reranker', 'monitor', 'streaming', 'results, latency'),
    edge('ab-test', 'registry', 'batch', 'promote winner'),
  ],
};

export default study;
