/**
 * Which analytic prediction (src/sim/theory) applies to a scenario, and its steady-state hit
 * ratio. Runs in the worker because Che's fixed point over many keys costs milliseconds.
 *
 * The formulas assume the independent reference model with reads only: they apply when writes are
 * rare (a write invalidates a key, which the formulas do not model), there are no per-class TTLs,
 * viral keys or L1 tiers, and either the capacity or the TTL limits the cache, not both.
 */
import type { Scenario } from '../sim/scenario/scenario-schema';
import {
  fifoHitRatio,
  lfuIdealHitRatio,
  lruHitRatio,
  ttlHitRatio,
} from '../sim/theory/cache-theory';
import { popularityProbabilities } from '../sim/workload/popularity';

/** Above this many keys the fixed point is too slow to recompute on every knob change. */
export const MAX_THEORY_KEYS = 200_000;
/**
 * Writes above this share invalidate enough keys to make the read-only formulas misleading; below
 * it (the default scenario writes 5%) they stay within a few points, which the legend's "steady
 * state" wording covers.
 */
export const MAX_THEORY_WRITE_FRACTION = 0.1;

export interface TheoryPrediction {
  readonly hitRatio: number;
  /** Which formula, for the chart legend. */
  readonly model: 'che-lru' | 'fifo-random' | 'ideal-lfu' | 'ttl' | 'everything-fits';
}

/** Capacity in keys once a byte limit is converted at the scenario's value size (null = unlimited). */
function effectiveCapacity(s: Scenario): number | null {
  const byKeys = s.cache.capacityKeys;
  const byBytes =
    s.cache.capacityBytes === null
      ? null
      : Math.floor(s.cache.capacityBytes / s.workload.valueBytes);
  if (byKeys === null) return byBytes;
  if (byBytes === null) return byKeys;
  return Math.min(byKeys, byBytes);
}

/** The steady-state prediction for `s`, or null when no formula honestly applies. */
export function predictHitRatio(s: Scenario): TheoryPrediction | null {
  const w = s.workload;
  if (w.keys > MAX_THEORY_KEYS || w.writeFraction > MAX_THEORY_WRITE_FRACTION) return null;
  if (w.keyClasses.length > 0 || w.viral !== null || s.app.l1 !== null) return null;
  if (w.scan !== null || w.shift !== null) return null;
  // A trace replay has no distribution to put in a formula.
  if (w.popularity.kind === 'trace') return null;
  if (s.stampede.staleWhileRevalidate !== null || s.stampede.earlyRefresh !== null) return null;
  if (s.pattern.eventInvalidation !== null) return null;
  const p = popularityProbabilities(w.popularity, w.keys);
  const capacity = effectiveCapacity(s);
  const fits = capacity === null || capacity >= w.keys;
  // A TTL longer than the run never expires anything inside it.
  const ttl = s.cache.ttlMs !== null && s.cache.ttlMs < s.durationMs ? s.cache.ttlMs : null;
  const readsPerSec = w.requestsPerSec * (1 - w.writeFraction);
  if (fits) {
    if (ttl === null) return { hitRatio: sum(p), model: 'everything-fits' };
    return { hitRatio: ttlHitRatio(p, readsPerSec, ttl), model: 'ttl' };
  }
  if (ttl !== null) return null;
  switch (s.cache.policy) {
    case 'allkeys-lru':
      return { hitRatio: lruHitRatio(p, capacity), model: 'che-lru' };
    case 'allkeys-random':
    case 'fifo':
      return { hitRatio: fifoHitRatio(p, capacity), model: 'fifo-random' };
    case 'allkeys-lfu':
      return { hitRatio: lfuIdealHitRatio(p, capacity), model: 'ideal-lfu' };
    default:
      // volatile-* without TTLs and noeviction refuse writes once full: no steady-state formula.
      return null;
  }
}

function sum(p: Float64Array): number {
  let total = 0;
  for (const x of p) total += x;
  return total;
}

/** Memoises the last prediction by the fields it depends on (knob changes are rare, frames are not). */
export function createTheoryCache(): (s: Scenario) => TheoryPrediction | null {
  let lastKey: string | null = null;
  let last: TheoryPrediction | null = null;
  return (s) => {
    const key = keyOf(s);
    if (key !== lastKey) {
      lastKey = key;
      last = predictHitRatio(s);
    }
    return last;
  };
}

function keyOf(s: Scenario): string {
  return JSON.stringify([
    s.workload,
    s.cache,
    s.durationMs,
    s.app.l1,
    s.stampede.staleWhileRevalidate,
    s.stampede.earlyRefresh,
    s.pattern.eventInvalidation,
  ]);
}
