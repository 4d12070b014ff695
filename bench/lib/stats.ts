/** Percentiles by nearest rank on a sorted copy: the value below which p% of the samples fall. */
export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(samples: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
  };
}

/** Share of samples strictly above `limit`, 0..1. */
export function shareAbove(samples: ArrayLike<number>, limit: number): number {
  if (!samples.length) return NaN;
  let over = 0;
  for (let i = 0; i < samples.length; i++) if (samples[i] > limit) over++;
  return over / samples.length;
}

/** `ours / baseline`, the way every table quotes it ("1.23x"); lower is better unless a row says otherwise. */
export function ratio(ours: number, baseline: number): number {
  return baseline === 0 ? NaN : ours / baseline;
}
