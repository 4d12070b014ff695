import type { Metric, Registry } from 'prom-client';

/**
 * A Prometheus counter without labels, registered in a prom-client registry and rendered as prom-client
 * renders its own Counter. The message and byte counters are counted several times per relayed edit:
 * prom-client's `inc` checks its arguments and makes a labels object each time; this one adds to a number.
 */
export class TotalCounter {
  readonly type = 'counter';
  readonly aggregator = 'sum';
  private value = 0;

  constructor(
    readonly name: string,
    readonly help: string,
    registry: Registry,
  ) {
    // The registry reads a metric through get() alone; prom-client's types list only its own classes.
    registry.registerMetric(this as unknown as Metric);
  }

  inc(by = 1): void {
    this.value += by;
  }

  /** The value as prom-client's Counter.get() gives it (what the registry renders). */
  async get(): Promise<{ name: string; help: string; type: 'counter'; aggregator: 'sum'; values: Array<{ value: number; labels: Record<string, never> }> }> {
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values: [{ value: this.value, labels: {} }] };
  }
}
