import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../latencyHistogram';

const BUCKETS = [0.001, 0.01, 0.1, 1];

describe('LatencyHistogram', () => {
  it("renders exactly what prom-client's Histogram renders for the same observations", async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const histogram = new LatencyHistogram('relay_seconds', 'Seconds to relay', 'stage', BUCKETS, ours);
    const reference = new Histogram({ name: 'relay_seconds', help: 'Seconds to relay', labelNames: ['stage'], buckets: BUCKETS, registers: [theirs] });
    const observations: Array<[string, number]> = [
      ['stored', 0.0005],
      ['stored', 0.001],
      ['stored', 0.05],
      ['broadcast', 0.002],
      ['broadcast', 3],
      ['stored', 0.5],
    ];
    for (const [stage, seconds] of observations) {
      histogram.observe(stage, seconds);
      reference.observe({ stage }, seconds);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });

  it('renders nothing for a label value never observed, and times what a timer spans', async () => {
    const registry = new Registry();
    const histogram = new LatencyHistogram('write_seconds', 'Seconds to write', 'operation', BUCKETS, registry);
    expect(await registry.metrics()).not.toMatch(/write_seconds_count/);
    const end = histogram.startTimer('append');
    await new Promise((resolve) => setTimeout(resolve, 20));
    end();
    const text = await registry.metrics();
    expect(text).toMatch(/^write_seconds_count\{operation="append"\} 1$/m);
    expect(text).toMatch(/^write_seconds_bucket\{le="0.01",operation="append"\} 0$/m);
    expect(text).toMatch(/^write_seconds_bucket\{le="0.1",operation="append"\} 1$/m);
  });
});
