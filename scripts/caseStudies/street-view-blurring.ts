import { edge, node, note, type CaseStudy } from './types';

const study: CaseStudy = {
  info: {
    id: 'street-view-blurring',
    title: 'Street-view blurring',
    tags: ['computer vision', 'object detection', 'batch prediction', 'privacy'],
    difficulty: 'easy',
    prompt: 'Design a system that finds and blurs faces and licence plates in street-level imagery before it is published on a map service.',
    clarifyingQuestions: [
      {
        question: 'How much imagery arrives?',
        answer:
          'About 10 million panoramas a day from capture vehicles, each cut into about 8 tiles for detection: 80 million tiles a day, about 800 a second on average (10^5 seconds a day). The archive holds a few billion.',
      },
      { question: 'Does latency matter?', answer: 'No. Imagery is published days after capture, so detection can run in batch on GPUs.' },
      {
        question: 'Which mistake is worse?',
        answer: 'A face or plate left visible is a privacy incident; blurring a poster or a sign only lowers quality. Recall comes first.',
      },
      { question: 'What labelled data is there?', answer: 'About 1 million images with human-drawn boxes around faces and plates; more can be annotated at a cost.' },
      { question: 'Is there feedback after publishing?', answer: 'Users can report an unblurred face or plate; reviewed reports become new hard examples.' },
    ],
    framing: {
      taskType: 'Object detection with two classes (face, licence plate)',
      input: 'A street-level image tile',
      output: 'Bounding boxes, each with a class and a confidence; every box above a low threshold is blurred',
      labels: 'Human-drawn boxes; reviewed user reports of missed faces or plates become new positives',
    },
    metrics: {
      offline: ['Precision and recall at IoU 0.5', 'Average precision per class', 'mAP over IoU thresholds 0.5 to 0.95'],
      online: ['User reports of missed blurs per million images', 'Miss rate in weekly spot checks'],
      business: ['Compliance with privacy law', 'Days from capture to publishing', 'Equal quality across regions and skin tones'],
    },
    steps: {
      clarify:
        '10 M panoramas (80 M tiles) a day, billions in the archive. Latency is irrelevant since publishing happens days later, so prediction runs in batch. A miss is a privacy incident: recall first.',
      framing:
        'Object detection: input an image tile, output boxes with class and confidence. A two-stage detector (region proposals, then classification and box regression per region) suits a modest labelled set and favours accuracy over speed.',
      data: 'About 1 M annotated images, widened by augmentation (scale, crop, brightness, motion blur). Preprocessing (decode, resize, tile) is CPU work, so it runs as its own service and the GPUs only run the model. Reviewed user reports are mined as hard examples.',
      model:
        'Baseline: a detector pretrained on a public dataset, fine-tuned on our boxes. Faster R-CNN style two-stage model; loss = classification cross-entropy + smooth L1 on box coordinates. Retrain monthly with the new hard examples.',
      evaluation:
        'Offline: precision and recall at IoU 0.5, AP per class and mAP over IoU 0.5-0.95, sliced by country, lighting and skin tone. Before promotion, a shadow run on 5 % of captures compares old and new detectors in reviewer spot checks. After launch: user reports and weekly spot checks.',
      serving:
        'Batch pipeline: raw captures => CPU preprocessing => GPU detector with large batches => non-maximum suppression merges overlapping boxes => blur => object store, served to the map app by location. There is no online model.',
      monitoring:
        'Throughput and GPU utilisation of the batch jobs; boxes per image and confidence distributions per region (drift when a new camera or country starts); report rate. Reviewed reports flow back as training data.',
    },
    followUps: [
      'Walk me through non-maximum suppression. What happens to two people standing close together?',
      'Why is preprocessing a separate service from the detector?',
      'A new country also requires house numbers to be blurred. What changes?',
      'How would you check that the detector works equally well across skin tones and lighting?',
    ],
  },
  stages: {
    data: {
      nodes: [
        node('annotated', 'data-source', 'Annotated images', [0, 1], {
          entity: 'images',
          volumePerDay: '1 M labelled images (total)',
          retention: 'kept for training',
          pii: true,
          privacyNote: 'Annotators work under contract in a restricted, access-logged tool',
        }),
        node('raw', 'data-source', 'Raw captures', [0, 0], {
          entity: 'images',
          volumePerDay: '10 M panoramas',
          retention: 'deleted after publishing',
          pii: true,
          privacyNote: 'Unblurred imagery stays in a restricted bucket and is deleted once the blurred version is published',
        }),
      ],
    },
    training: {
      nodes: [
        node('hard-examples', 'labeling', 'Report review', [0, 1], {
          labelSource: 'human',
          positive: 'reviewed missed face or plate box',
          negative: 'reviewed false blur (sign, poster)',
          labelDelay: 'days',
          cost: 'reviewer time per report',
        }),
        node('trainer', 'trainer', 'Detector trainer', [0, 0], {
          architecture: 'Faster R-CNN (two-stage detector)',
          loss: 'cross-entropy + smooth L1 box loss',
          retraining: 'fine-tune',
          cadence: 'monthly',
          hardware: 'GPUs',
        }),
        node('evaluation', 'evaluation', 'Offline evaluation', [1, 0], {
          offlineMetrics: ['recall @ IoU 0.5', 'AP per class', 'mAP @ IoU 0.5:0.95'],
          split: 'random',
          baseline: 'pretrained detector, fine-tuned once',
        }),
        node('registry', 'model-registry', 'Model registry', [2, 0], { promotionRule: 'higher recall at equal precision on every region slice' }),
      ],
    },
    serving: {
      title: 'Serving (batch prediction)',
      nodes: [
        node('preprocess', 'data-pipeline', 'Preprocessing (CPU)', [0, 0], { mode: 'batch', cadence: 'hourly', engine: 'Python', outputs: ['decoded, resized tiles'] }),
        node('detector', 'model-server', 'Detector (GPU, batch)', [1, 0], { mode: 'batch', qps: 800, hardware: 'GPU', batching: true, runtime: 'Triton' }),
        node('nms', 'rules-engine', 'NMS and blur', [2, 0], {
          rules: ['merge boxes with IoU > 0.5', 'blur every kept box'],
          thresholds: 'blur if p > 0.3',
          actions: ['blur', 'send low-confidence tiles to review'],
        }),
        node('store', 'cache', 'Blurred image store', [3, 0], { cached: 'results', ttl: 'until re-captured', size: 'petabytes (object store)', latencyBudgetMs: 50 }),
        node('app', 'client-app', 'Maps app', [3, 1], { platform: 'web + mobile', dailyActiveUsers: 100000000, latencySloMs: 300 }),
        note('estimate', 'Estimates', [4, 0], '80 M tiles/day ≈ 800 tiles/s on average. At ~50 tiles/s per GPU, about 16 GPUs, more to catch up after a backlog.'),
      ],
    },
    monitoring: {
      nodes: [
        node('monitor', 'monitor', 'Pipeline monitor', [2, 0], {
          operationalMetrics: ['tiles per hour', 'GPU utilisation', 'backlog'],
          mlMetrics: ['boxes per image by region', 'confidence distribution', 'report rate'],
          driftTest: 'PSI > 0.25 on confidences per region',
          alertTarget: 'imagery on-call',
        }),
        node('shadow', 'ab-test', 'Shadow comparison', [0, 0], {
          kind: 'shadow',
          trafficSplit: '5% of captures through both models',
          primaryMetric: 'misses found in reviewer spot checks',
          guardrailMetrics: ['over-blur rate', 'GPU hours'],
        }),
        node('reports', 'message-queue', 'User reports', [3, 1], { timeOrdered: 'no', topics: ['missed face', 'missed plate', 'wrong blur'], eventsPerSecond: 1, retention: '30 days' }),
      ],
    },
  },
  arrangement: [
    ['data', 'serving'],
    ['training', 'monitoring'],
  ],
  edges: [
    edge('raw', 'preprocess', 'batch', 'new captures'),
    edge('annotated', 'trainer', 'batch', 'labelled boxes'),
    edge('hard-examples', 'trainer', 'batch', 'hard examples'),
    edge('trainer', 'evaluation', 'batch', 'candidate'),
    edge('evaluation', 'registry', 'batch', 'passes'),
    edge('registry', 'detector', 'batch', 'deploy'),
    edge('preprocess', 'detector', 'batch', 'tiles'),
    edge('detector', 'nms', 'batch', 'raw boxes'),
    edge('nms', 'store', 'batch', 'blurred tiles'),
    edge('app', 'store', 'online', 'tiles by location'),
    edge('app', 'reports', 'streaming', 'reports'),
    edge('reports', 'hard-examples', 'feedback', 'to review'),
    edge('nms', 'monitor', 'batch', 'box stats'),
    edge('shadow', 'registry', 'batch', 'promote winner'),
  ],
};

export default study;
