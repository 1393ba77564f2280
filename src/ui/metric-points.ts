/**
 * Chart-ready points from the engine's metric windows: one flat object per window (numbers, plus
 * the DB saturation flag), with counts turned into per-second rates so windows of any width read
 * the same. Shared by every view that charts a run (playground, compare lanes, embeds).
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

/** One chart point per window; `windowMs` converts counts to rates. */
export function toMetricPoints(
  windows: readonly MetricWindow[],
  windowMs: number,
  theory: readonly TheoryStep[] = [],
): MetricPoint[] {
  const perSec = 1000 / windowMs;
  return windows.map((w) => ({
    tMs: w.tMs,
    hitRatio: w.reads === 0 ? null : w.hits / w.reads,
    theory: theoryAt(theory, w.tMs),
    dbReadsPerSec: w.dbReads * perSec,
    dbWritesPerSec: w.dbWrites * perSec,
    dbQueue: w.dbQueue,
    dbQueuePeak: w.dbQueuePeak,
    dbSaturated: w.dbSaturated,
    dbQueueGrowthPerSec: w.dbQueueGrowthPerSec,
    p50Ms: w.latencyMs.p50,
    p99Ms: w.latencyMs.p99,
    evictionsPerSec: w.evictions * perSec,
    expirationsPerSec: w.expirations * perSec,
    staleReadsPerSec: w.staleReads * perSec,
    lostWritesPerSec: w.lostWrites * perSec,
    errorsPerSec: w.errors * perSec,
    oomErrorsPerSec: w.oomErrors * perSec,
    requestsPerSec: w.requests * perSec,
  }));
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
