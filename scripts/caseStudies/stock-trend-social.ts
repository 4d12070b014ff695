import { edge, node, note, type CaseStudy } from './types';

const study: CaseStudy = {
  info: {
    id: 'stock-trend-social',
    title: 'Stock trend from social posts',
    tags: ['NLP', 'sentiment', 'time series', 'classification', 'finance'],
    difficulty: 'medium',
    prompt:
      'Design a system that predicts whether a stock will outperform the market over the next few trading days, from what people post about it on investor forums combined with its price history.',
    clarifyingQuestions: [
      {
        question: 'What exactly is predicted?',
        answer: 'For each ticker, P(the stock beats the market over horizon h), with h = 3 trading days, refreshed every hour while markets are open.',
      },
      {
        question: 'Which posts, and how many?',
        answer: 'Forum posts and comments tagged with tickers ($XYZ): about 2 million a day (about 20 a second on average) over 5,000 tickers, each with up- and down-votes.',
      },
      { question: 'How is the prediction used?', answer: 'As a signal on an analyst dashboard, not for automatic trading.' },
      { question: 'How much history is there?', answer: 'Five years of posts and of daily and hourly prices.' },
      { question: 'What latency?', answer: 'Hourly batches are enough; the dashboard itself should load in under half a second.' },
      {
        question: 'What can go wrong?',
        answer: 'Bots and coordinated pumping, sarcasm and slang, and features that accidentally use information not yet public at prediction time.',
      },
    ],
    framing: {
      taskType: 'Binary classification on a time series, fed by a sentiment model: posts become features, a second model predicts direction',
      input: 'For a ticker at time t: windowed sentiment, post volume and votes, lagged returns and volume',
      output: 'P(the ticker outperforms the market from t to t + 3 trading days)',
      labels: 'Sign of the excess return from t to t + h, known only h days later',
    },
    metrics: {
      offline: ['ROC-AUC on a walk-forward backtest', 'Precision of the top-decile signals', 'Backtested return after trading costs'],
      online: ['Live hit rate of published signals', 'Analyst adoption'],
      business: ['Decisions informed by the signal', 'Subscription revenue'],
    },
    steps: {
      clarify: '2 M ticker-tagged posts a day over 5,000 tickers; hourly predictions of direction over 3 trading days; five years of history; a signal for analysts, not an auto-trader.',
      framing:
        'Two models: a sentiment model scores each post (bullish, bearish, neutral); sentiment aggregated per ticker and time window joins price features in a classifier of P(beat the market over h).',
      data: 'Extract tickers ($XYZ and company names), filter bots (posting rate, account age, duplicated text), weight posts by votes, aggregate into hourly and daily windows. Features: lagged sentiment, post volume and its surprise against normal, lagged returns and volume. Every feature may only use data public before t: timestamps are checked to prevent look-ahead leakage.',
      model:
        'Sentiment: a transformer fine-tuned on finance text, with slang and sarcasm examples labelled by people. Direction: GBDT first, then an LSTM over the feature sequence. Baseline to beat: momentum (recent direction continues). Retrained daily on a walk-forward window of matured returns (the last h days wait for their labels); markets are not stationary.',
      evaluation:
        'Walk-forward backtest: train on the past, test on the next period, roll forward; never a random split. ROC-AUC, precision of the top signals, and returns after trading costs. Test whether sentiment leads the price or only follows it (it often follows).',
      serving:
        'Hourly batch: new posts -> sentiment scoring -> window features -> classifier -> predictions stored per ticker in a key-value store -> analyst dashboard. Published predictions are logged so they can be scored against realised returns.',
      monitoring:
        'Post volume and bot share per ticker, drift in the sentiment distribution, live hit rate against realised returns after h days, feature freshness. Realised returns close the loop as labels.',
    },
    followUps: [
      'How could look-ahead leakage creep into this pipeline, and how do you prevent it?',
      'Sentiment often follows price instead of leading it. How would you test which it is?',
      'How do you keep a coordinated pump campaign from moving your signal?',
      'Why is a random train/test split wrong here?',
    ],
  },
  stages: {
    data: {
      nodes: [
        node('posts', 'message-queue', 'Forum posts', [0, 0], { topics: ['post', 'comment', 'vote'], eventsPerSecond: 20, retention: '30 days' }),
        node('archive', 'data-source', 'Forum archive', [0, 1], {
          entity: 'posts',
          volumePerDay: '2 M posts (5 years kept)',
          retention: '5 years',
          pii: true,
          privacyNote: 'Public posts only; usernames hashed; deleted posts removed from the archive',
        }),
        node('prices', 'data-source', 'Price history', [0, 2], { entity: 'other', volumePerDay: '5,000 tickers, hourly bars', retention: '5+ years' }),
        node('pipeline', 'data-pipeline', 'Post pipeline', [1, 0], {
          mode: 'batch',
          cadence: 'hourly',
          engine: 'Spark',
          outputs: ['ticker extraction', 'bot filter', 'vote-weighted windows'],
        }),
        node('sentiment', 'embedding-service', 'Sentiment model', [2, 0], { model: 'finance-tuned transformer', dimension: 3, mode: 'batch' }),
        node('features', 'feature-store', 'Feature store', [2, 1], {
          onlineStore: 'Redis (latest windows)',
          offlineStore: 'Parquet, point-in-time',
          freshness: 'hourly',
          features: ['lagged sentiment', 'post volume surprise', 'lagged returns'],
        }),
        node('labels', 'labeling', 'Realised returns', [1, 2], {
          delayHandling: 'train on matured labels',
          labelSource: 'natural',
          positive: 'excess return over 3 days > 0',
          negative: 'excess return over 3 days <= 0',
          labelDelay: '3 trading days',
          cost: 'free (market data)',
        }),
      ],
    },
    training: {
      nodes: [
        node('trainer', 'trainer', 'Direction trainer', [0, 0], {
          architecture: 'GBDT, then LSTM',
          loss: 'log loss',
          retraining: 'from scratch',
          cadence: 'daily, walk-forward window',
          hardware: 'CPU',
        }),
        node('backtest', 'evaluation', 'Walk-forward backtest', [1, 0], {
          offlineMetrics: ['ROC-AUC', 'top-decile precision', 'return after costs'],
          split: 'walk-forward',
          baseline: 'momentum',
        }),
        node('registry', 'model-registry', 'Model registry', [2, 0], { promotionRule: 'beats momentum in every walk-forward fold' }),
      ],
    },
    serving: {
      title: 'Serving (hourly batch)',
      nodes: [
        node('scorer', 'model-server', 'Hourly predictor', [2, 0], { mode: 'batch', qps: 2, hardware: 'CPU' }),
        node('store', 'cache', 'Predictions by ticker', [3, 0], { cached: 'predictions', ttl: '1 hour', size: '5,000 tickers', latencyBudgetMs: 20 }),
        node('app', 'client-app', 'Analyst dashboard', [4, 0], { platform: 'web', dailyActiveUsers: 2000, requestsPerUserPerDay: 50, latencySloMs: 500 }),
        note('estimate', 'Estimates', [5, 0], '2 M posts/day ≈ 20/s. 5,000 tickers x 7 trading hours = 35k predictions a day. Archive: 5 years x 2 M x 365 ≈ 3.6 B posts.'),
      ],
    },
    monitoring: {
      nodes: [
        node('ab-test', 'ab-test', 'Shadow signal', [0, 0], {
          kind: 'shadow',
          trafficSplit: 'new model runs beside the live one',
          primaryMetric: 'live hit rate vs current model',
          guardrailMetrics: ['top-decile precision'],
        }),
        node('monitor', 'monitor', 'Signal monitor', [0, 1], {
          operationalMetrics: ['batch duration', 'feature freshness'],
          mlMetrics: ['live hit rate', 'sentiment drift', 'bot share per ticker'],
          driftTest: 'KS test on weekly sentiment',
          alertTarget: 'data science on-call',
        }),
      ],
    },
  },
  arrangement: [['data', 'training', 'monitoring'], ['serving']],
  edges: [
    edge('posts', 'pipeline', 'streaming', 'new posts'),
    edge('archive', 'pipeline', 'batch', 'backfill'),
    edge('pipeline', 'sentiment', 'batch', 'clean posts'),
    edge('sentiment', 'features', 'batch', 'sentiment'),
    edge('prices', 'features', 'batch', 'returns'),
    edge('prices', 'labels', 'batch', 'prices at t+h'),
    edge('features', 'trainer', 'batch', 'features'),
    edge('labels', 'trainer', 'batch', 'labels'),
    edge('trainer', 'backtest', 'batch', 'candidate'),
    edge('backtest', 'registry', 'batch', 'passes'),
    edge('registry', 'scorer', 'batch', 'deploy'),
    edge('features', 'scorer', 'batch', 'hourly features'),
    edge('scorer', 'store', 'batch', 'P(beat market)'),
    edge('app', 'store', 'online', 'tickers'),
    edge('store', 'labels', 'feedback', 'published signals'),
    edge('store', 'monitor', 'batch', 'signals'),
    edge('ab-test', 'registry', 'batch', 'promote winner'),
  ],
};

export default study;
