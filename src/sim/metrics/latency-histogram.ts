/**
 * Log-bucketed latency histogram: constant memory, ~1% relative error on percentiles, no sorting.
 * Bucket 0 holds exact zeros; bucket i >= 1 covers [MIN * G^(i-1), MIN * G^i) with G = 1.02.
 */

/** Smallest latency told apart from zero, in ms (1 us). */
const MIN_MS = 0.001;
const GROWTH = 1.02;
const INV_LOG_G = 1 / Math.log(GROWTH);
/** Enough buckets for latencies up to ~1e9 ms. */
const BUCKETS = 2 + Math.ceil(Math.log(1e9 / MIN_MS) * INV_LOG_G);

export interface LatencyStats {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Bucket index of a latency in ms. */
export function latencyBucket(ms: number): number {
  if (ms <= 0) return 0;
  const i = ms < MIN_MS ? 1 : 1 + Math.floor(Math.log(ms / MIN_MS) * INV_LOG_G);
  return i >= BUCKETS ? BUCKETS - 1 : i;
}

/** Rank (from 1) of quantile q among n values: the nearest-rank definition. */
export function quantileRank(q: number, n: number): number {
  return Math.max(1, Math.ceil(q * n));
}

/** A latency rounded to 3 decimals (microseconds), as summaries report it. */
export function roundMicros(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private n = 0;
  private sum = 0;
  private maxMs = 0;

  /** Record one latency in ms (negative values count as 0). */
  add(ms: number): void {
    this.addToBucket(latencyBucket(ms), ms);
  }

  /** Record a latency whose bucket was computed with {@link latencyBucket} (saves a log). */
  addToBucket(bucket: number, ms: number): void {
    if (ms > 0) {
      this.sum += ms;
      if (ms > this.maxMs) this.maxMs = ms;
    }
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
    this.n++;
  }

  get count(): number {
    return this.n;
  }

  /** Latency at quantile q in [0, 1] (bucket midpoint, clamped to the max seen); 0 when empty. */
  quantile(q: number): number {
    if (this.n === 0) return 0;
    return this.atRank(quantileRank(q, this.n)) ?? this.maxMs;
  }

  /**
   * The `rank`-th smallest latency (from 1), as {@link quantile} reports it (bucket midpoint,
   * clamped to the max seen); null when fewer than `rank` latencies were recorded.
   */
  atRank(rank: number): number | null {
    if (rank > this.n) return null;
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) {
        if (i === 0) return 0;
        const mid = MIN_MS * Math.pow(GROWTH, i - 0.5);
        return Math.min(mid, this.maxMs);
      }
    }
    return this.maxMs;
  }

  /** p50/p95/p99/max/mean, rounded to 3 decimals (microseconds) for stable output. */
  summary(): LatencyStats {
    const r = roundMicros;
    return {
      p50: r(this.quantile(0.5)),
      p95: r(this.quantile(0.95)),
      p99: r(this.quantile(0.99)),
      max: r(this.maxMs),
      mean: r(this.n === 0 ? 0 : this.sum / this.n),
    };
  }

  /** A copy of the histogram's state (checkpoints). */
  save(): { counts: Float64Array; n: number; sum: number; maxMs: number } {
    return { counts: this.counts.slice(), n: this.n, sum: this.sum, maxMs: this.maxMs };
  }

  /** Become a copy of `other` (a scratch histogram to add more latencies to). */
  copyFrom(other: LatencyHistogram): void {
    this.counts.set(other.counts);
    this.n = other.n;
    this.sum = other.sum;
    this.maxMs = other.maxMs;
  }

  load(s: ReturnType<LatencyHistogram['save']>): void {
    this.counts.set(s.counts);
    this.n = s.n;
    this.sum = s.sum;
    this.maxMs = s.maxMs;
  }

  reset(): void {
    this.counts.fill(0);
    this.n = 0;
    this.sum = 0;
    this.maxMs = 0;
  }
}
