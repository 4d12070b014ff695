/**
 * Token buckets by key (a client address, a connection): `burst` tokens at most, refilled at
 * `perSecond`. Keys whose bucket has refilled completely are forgotten, so an attacker cycling
 * through addresses cannot grow the map without bound beyond what it can use in one refill time.
 */
export class KeyedTokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastPrune: number;

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastPrune = now();
  }

  /** Takes `n` tokens for `key`: 0 when it could, else how many milliseconds until they are there. */
  take(key: string, n = 1): number {
    const now = this.now();
    this.prune(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = this.tokensAt(bucket, now);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= n) {
      bucket.tokens -= n;
      return 0;
    }
    return this.waitFor(n - bucket.tokens);
  }

  /** How many milliseconds until `key` has `n` tokens (0: it has them now), taking none. */
  wait(key: string, n = 1): number {
    const bucket = this.buckets.get(key);
    const tokens = bucket ? this.tokensAt(bucket, this.now()) : this.burst;
    return tokens >= n ? 0 : this.waitFor(n - tokens);
  }

  private tokensAt(bucket: { tokens: number; at: number }, now: number): number {
    return Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
  }

  private waitFor(missing: number): number {
    return Math.ceil((missing / this.perSecond) * 1000);
  }

  get size(): number {
    return this.buckets.size;
  }

  private prune(now: number): void {
    const refillMs = (this.burst / this.perSecond) * 1000;
    if (now - this.lastPrune < Math.max(1000, refillMs)) return;
    this.lastPrune = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.at >= refillMs) this.buckets.delete(key);
  }
}
