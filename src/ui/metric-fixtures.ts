/**
 * Metric windows and totals for tests of the views that show them (playground, compare, store):
 * a calm run (90% hits, p99 60 ms against the default 50 ms DB, nothing queued, nothing refused)
 * that each test bends where it needs to. One place, so a new engine field is added once.
 */
import type { Counts, LatencySummary, MetricWindow, Totals } from '../sim/engine/engine-types';

export const CALM_LATENCY: LatencySummary = { p50: 0.5, p95: 40, p99: 60, max: 90, mean: 8 };

/** 100 reads, 90 of them hits, all finished. */
const CALM_COUNTS: Counts = {
  requests: 100,
  reads: 100,
  writes: 0,
  hits: 90,
  misses: 10,
  hitRatio: 0.9,
  completed: 100,
  dbReads: 10,
  dbWrites: 0,
  staleReads: 0,
  maxStalenessMs: 0,
  lostWrites: 0,
  evictions: 0,
  expirations: 0,
  errors: 0,
  oomErrors: 0,
  lockWaits: 0,
};

/** One calm window starting at `tMs`, one second wide. */
export function metricWindow(tMs: number, over: Partial<MetricWindow> = {}): MetricWindow {
  return {
    ...CALM_COUNTS,
    tMs,
    widthMs: 1000,
    latencyMs: CALM_LATENCY,
    dbQueue: 0,
    dbQueuePeak: 0,
    cacheKeys: 100,
    cacheBytes: 0,
    cacheState: 'up',
    dbSaturated: false,
    dbQueueGrowthPerSec: 0,
    ...over,
  };
}

/**
 * Calm totals of 2,000 reads, all finished. Unless `over` says otherwise, the latency counting
 * unfinished requests is the finished requests' latency (none unfinished).
 */
export function runTotals(over: Partial<Totals> = {}): Totals {
  const latencyMs = over.latencyMs ?? CALM_LATENCY;
  return {
    latencyWithUnfinished: { ms: latencyMs, unfinished: 0, p99AtMostMs: latencyMs.p99 },
    ...CALM_COUNTS,
    requests: 2000,
    reads: 2000,
    hits: 1800,
    misses: 200,
    completed: 2000,
    dbReads: 200,
    latencyMs: CALM_LATENCY,
    inFlight: 0,
    dbSaturatedMs: 0,
    dbQueuePeak: 0,
    ...over,
  };
}

/**
 * Totals fields for `unfinished` requests still in flight at the end, the latency counting them at
 * their age being `counted` (over the calm figures) and its p99 at most `p99AtMostMs`.
 */
export function unfinishedAtEnd(
  unfinished: number,
  counted: Partial<LatencySummary>,
  p99AtMostMs: number | null,
): Pick<Totals, 'inFlight' | 'latencyWithUnfinished'> {
  return {
    inFlight: unfinished,
    latencyWithUnfinished: { ms: { ...CALM_LATENCY, ...counted }, unfinished, p99AtMostMs },
  };
}

/**
 * A run the DB cannot keep up with: the cache answers 25% of lookups, most misses are still queued,
 * the finished requests' p99 is 21 s, and at least 39.5 s counting the unfinished at their age.
 */
export function saturatedTotals(over: Partial<Totals> = {}): Totals {
  return runTotals({
    requests: 100_000,
    reads: 100_000,
    hits: 25_000,
    misses: 75_000,
    hitRatio: 0.25,
    completed: 37_000,
    latencyMs: { p50: 8_000, p95: 19_000, p99: 21_000, max: 24_000, mean: 9_000 },
    // The 63,000 unfinished requests at their age: the slowest of all, so p99 has no upper bound.
    ...unfinishedAtEnd(
      63_000,
      { p50: 15_000, p95: 37_000, p99: 39_500, max: 40_000, mean: 17_000 },
      null,
    ),
    dbSaturatedMs: 50_000,
    dbQueuePeak: 61_234,
    ...over,
  });
}
