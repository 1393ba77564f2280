/**
 * Chart-ready points from the engine's metric windows: one flat object per window (numbers, plus
 * the DB saturation flag), with counts turned into per-second rates over each window's own width,
 * so windows of any width read the same. Shared by every view that charts a run (playground, compare lanes, embeds).
 */
import type { MetricWindow } from '../sim/engine/engine-types';

/** Most points one chart series holds (TOOLCHAIN.md: Recharts stays lean up to ~300). */
export const MAX_CHART_POINTS = 300;

export interface MetricPoint {
  /** Window start, simulated ms. */
  readonly tMs: number;
  /** Hits / reads in the window; null when there were no reads (a gap, not a zero). */
  readonly hitRatio: number | null;
  /** Predicted steady-state hit ratio in effect for the window, or null. */
  readonly theory: number | null;
  readonly dbReadsPerSec: number;
  readonly dbWritesPerSec: number;
  readonly dbQueue: number;
  readonly dbQueuePeak: number;
  /** The engine flagged the window: the DB pool fell behind and its queue reached the pool size. */
  readonly dbSaturated: boolean;
  /** Change of the DB queue over the window, per second (negative while it drains). */
  readonly dbQueueGrowthPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly evictionsPerSec: number;
  readonly expirationsPerSec: number;
  readonly staleReadsPerSec: number;
  readonly lostWritesPerSec: number;
  readonly errorsPerSec: number;
  /** SETs the cache refused for lack of memory (noeviction, volatile-* with nothing to evict). */
  readonly oomErrorsPerSec: number;
  readonly requestsPerSec: number;
}

/** A theory value in effect from a simulated time on. */
export interface TheoryStep {
  readonly fromMs: number;
  readonly hitRatio: number | null;
}

function theoryAt(steps: readonly TheoryStep[], tMs: number): number | null {
  let value: number | null = null;
  for (const s of steps) {
    if (s.fromMs <= tMs) value = s.hitRatio;
    else break;
  }
  return value;
}

/**
 * `count` events in window `w`, per second of simulated time, over the window's own width: a
 * run's last window is narrower than `windowMs` when the run ends (or is stopped) part-way
 * through it, and dividing by the full width would understate its rate. Every view that shows a
 * window's rate uses this. 0 for a window of no width.
 */
export function windowRate(count: number, w: { readonly widthMs: number }): number {
  return w.widthMs > 0 ? (count * 1000) / w.widthMs : 0;
}

/** A window to chart; one without `widthMs` (a lab file from before windows had it) is `windowMs` wide. */
export type ChartWindow = Omit<MetricWindow, 'widthMs'> & { readonly widthMs?: number | undefined };

/**
 * One chart point per window, counts turned into rates over the window's own width (a run's last
 * window may be narrower than `windowMs`).
 */
export function toMetricPoints(
  windows: readonly ChartWindow[],
  windowMs: number,
  theory: readonly TheoryStep[] = [],
): MetricPoint[] {
  return windows.map((w) => {
    const width = { widthMs: w.widthMs ?? windowMs };
    const rate = (count: number): number => windowRate(count, width);
    return {
      tMs: w.tMs,
      hitRatio: w.reads === 0 ? null : w.hits / w.reads,
      theory: theoryAt(theory, w.tMs),
      dbReadsPerSec: rate(w.dbReads),
      dbWritesPerSec: rate(w.dbWrites),
      dbQueue: w.dbQueue,
      dbQueuePeak: w.dbQueuePeak,
      dbSaturated: w.dbSaturated,
      dbQueueGrowthPerSec: w.dbQueueGrowthPerSec,
      p50Ms: w.latencyMs.p50,
      p99Ms: w.latencyMs.p99,
      evictionsPerSec: rate(w.evictions),
      expirationsPerSec: rate(w.expirations),
      staleReadsPerSec: rate(w.staleReads),
      lostWritesPerSec: rate(w.lostWrites),
      errorsPerSec: rate(w.errors),
      oomErrorsPerSec: rate(w.oomErrors),
      requestsPerSec: rate(w.requests),
    };
  });
}

/** Append points, keeping only the newest `max` (a sliding window bounds memory and render cost). */
export function appendBounded<T>(
  current: readonly T[],
  added: readonly T[],
  max = MAX_CHART_POINTS,
): readonly T[] {
  if (added.length === 0) return current;
  const merged =
    current.length + added.length <= max
      ? [...current, ...added]
      : [...current, ...added].slice(-max);
  return merged;
}
