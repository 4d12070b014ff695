import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { TotalCounter } from '../totalCounter';

describe('TotalCounter', () => {
  it("renders exactly what prom-client's Counter without labels renders, before and after counting", async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const counter = new TotalCounter('messages_total', 'Messages sent', ours);
    const reference = new Counter({ name: 'messages_total', help: 'Messages sent', registers: [theirs] });
    expect(await ours.metrics()).toBe(await theirs.metrics());
    for (const by of [1, 250, 1, 4096.5]) {
      counter.inc(by);
      reference.inc(by);
    }
    counter.inc();
    reference.inc();
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.getMetricsAsJSON()).toEqual(await theirs.getMetricsAsJSON());
  });
});
