import type { Metric, Registry } from 'prom-client';

/** One label value's buckets (counts per bucket, not cumulative), sum and count. */
interface Series {
  counts: number[];
  sum: number;
  count: number;
}

/**
 * A Prometheus histogram of seconds by one label, registered in a prom-client registry and rendered
 * as prom-client renders its own (`_bucket` with `le` cumulative, `_sum`, `_count`). It is observed
 * on the relay path, several times per document update: prom-client's Histogram validates and hashes
 * its labels and makes a closure on every observation (about a microsecond each); this one finds its
 * label's series in a map and adds to an array.
 */
export class LatencyHistogram<Label extends string> {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly label: Label,
    private readonly buckets: readonly number[],
    registry: Registry,
  ) {
    // The registry reads a metric through get() alone; prom-client's types list only its own classes.
    registry.registerMetric(this as unknown as Metric);
  }

  observe(labelValue: string, seconds: number): void {
    let series = this.series.get(labelValue);
    if (!series) this.series.set(labelValue, (series = { counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    // Past the last bound, only +Inf (the count) holds it.
    let i = 0;
    while (i < this.buckets.length && seconds > this.buckets[i]!) i++;
    if (i < this.buckets.length) series.counts[i] = series.counts[i]! + 1;
    series.sum += seconds;
    series.count += 1;
  }

  /** Starts timing; the function returned observes the seconds since. */
  startTimer(labelValue: string): () => void {
    const start = performance.now();
    return () => this.observe(labelValue, (performance.now() - start) / 1000);
  }

  /** The values as prom-client's Histogram.get() gives them (what the registry renders). */
  async get(): Promise<{ name: string; help: string; type: 'histogram'; aggregator: 'sum'; values: Array<{ metricName: string; labels: Record<string, string | number>; value: number }> }> {
    const values: Array<{ metricName: string; labels: Record<string, string | number>; value: number }> = [];
    for (const [labelValue, { counts, sum, count }] of this.series) {
      let cumulative = 0;
      this.buckets.forEach((bound, i) => {
        cumulative += counts[i]!;
        values.push({ metricName: `${this.name}_bucket`, labels: { le: bound, [this.label]: labelValue }, value: cumulative });
      });
      values.push({ metricName: `${this.name}_bucket`, labels: { le: '+Inf', [this.label]: labelValue }, value: count });
      values.push({ metricName: `${this.name}_sum`, labels: { [this.label]: labelValue }, value: sum });
      values.push({ metricName: `${this.name}_count`, labels: { [this.label]: labelValue }, value: count });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}
