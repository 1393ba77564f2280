/**
 * Model vs real: which totals differ by more than noise. Counts are compared per arriving request
 * (both runs draw the same arrivals, but the real one may launch a few fewer at the very end) with
 * a Poisson allowance; the hit ratio with a binomial one; latencies with a floor for the real
 * network and driver overhead the model does not have.
 */
import type { MetricWindow, Totals } from '../sim/engine/engine-types';

export interface Difference {
  /** Totals field, e.g. `hitRatio`, `dbReads`, `latencyMs.p99`. */
  readonly metric: string;
  readonly model: number;
  /** The real value (counts scaled to the model's number of requests). */
  readonly real: number;
  /** How far apart they may be and still count as noise. */
  readonly allowed: number;
}

const COUNTS = [
  'requests',
  'misses',
  'dbReads',
  'dbWrites',
  'staleReads',
  'errors',
  'oomErrors',
  'lockWaits',
  'evictions',
  'expirations',
] as const;

const LATENCIES = ['p50', 'p95', 'p99'] as const;

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Mean number of cached keys over the windows that start at or after `fromMs`. */
export function meanCacheKeys(series: readonly MetricWindow[], fromMs: number): number {
  const after = series.filter((w) => w.tMs >= fromMs);
  if (after.length === 0) return 0;
  return Math.round(after.reduce((sum, w) => sum + w.cacheKeys, 0) / after.length);
}

export interface RunSummary {
  readonly totals: Totals;
  readonly series: readonly MetricWindow[];
}

export function differences(model: RunSummary, real: RunSummary, warmupMs: number): Difference[] {
  const out: Difference[] = [];
  const mk = meanCacheKeys(model.series, warmupMs);
  const rk = meanCacheKeys(real.series, warmupMs);
  const keysAllowed = 2 + 0.05 * Math.max(mk, rk);
  if (Math.abs(mk - rk) > keysAllowed)
    out.push({
      metric: 'cacheKeys (mean after warm-up)',
      model: mk,
      real: rk,
      allowed: round(keysAllowed, 1),
    });
  out.push(...totalsDifferences(model.totals, real.totals));
  return out;
}

function totalsDifferences(model: Totals, real: Totals): Difference[] {
  const out: Difference[] = [];
  const reads = Math.max(1, Math.min(model.reads, real.reads));
  const p = model.hitRatio;
  const hitAllowed = Math.max(0.02, 3 * Math.sqrt((p * (1 - p)) / reads));
  if (Math.abs(real.hitRatio - p) > hitAllowed)
    out.push({ metric: 'hitRatio', model: p, real: real.hitRatio, allowed: round(hitAllowed, 4) });
  const scale = real.requests > 0 ? model.requests / real.requests : 1;
  for (const field of COUNTS) {
    const m = model[field];
    const r = field === 'requests' ? real[field] : real[field] * scale;
    const allowed = 3 * Math.sqrt(Math.max(m, r, 1)) + 0.05 * Math.max(m, r);
    if (Math.abs(m - r) > allowed)
      out.push({ metric: field, model: m, real: round(r, 1), allowed: round(allowed, 1) });
  }
  for (const q of LATENCIES) {
    const m = model.latencyMs[q];
    const r = real.latencyMs[q];
    const allowed = Math.max(2, 0.5 * m);
    if (Math.abs(m - r) > allowed)
      out.push({ metric: `latencyMs.${q}`, model: m, real: r, allowed: round(allowed, 3) });
  }
  return out;
}
