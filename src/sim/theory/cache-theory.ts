/**
 * Analytic hit-ratio predictions under the independent reference model (each request picks key i
 * with probability p_i, independently). Pure functions, used by tests to check the simulator and
 * by the UI to draw "what theory says" overlays. Popularity vectors come from
 * `popularityProbabilities` (src/sim/workload/popularity.ts).
 */

/** Bisection iterations: halving a bracket 200 times reaches double precision for any sane input. */
const MAX_ITERATIONS = 200;

/**
 * Finds x >= 0 with f(x) = target for f increasing from f(0) = 0 towards its supremum, by
 * doubling an upper bound and then bisecting.
 */
function solveIncreasing(f: (x: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 2000 && f(hi) < target; i++) hi *= 2;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
    if (hi - lo <= 1e-12 * hi) break;
  }
  return (lo + hi) / 2;
}

/** Number of keys with non-zero probability (what a cache could ever hold usefully). */
function support(p: Float64Array): number {
  let n = 0;
  for (const x of p) if (x > 0) n++;
  return n;
}

/**
 * Che's characteristic time for an LRU cache of `capacity` keys: the T (in requests) solving
 * sum_i (1 - e^{-p_i T}) = C. A key stays in cache if re-requested within T requests.
 * Infinity when everything fits.
 */
export function cheCharacteristicTime(probabilities: Float64Array, capacity: number): number {
  if (capacity >= support(probabilities)) return Infinity;
  if (capacity <= 0) return 0;
  return solveIncreasing((t) => {
    let s = 0;
    for (const p of probabilities) s += -Math.expm1(-p * t);
    return s;
  }, capacity);
}

/**
 * Che's approximation of the steady-state LRU hit ratio: sum_i p_i (1 - e^{-p_i T}) with T from
 * `cheCharacteristicTime`. Accurate to ~0.01 or better for Zipf workloads of realistic size.
 */
export function lruHitRatio(probabilities: Float64Array, capacity: number): number {
  const t = cheCharacteristicTime(probabilities, capacity);
  if (t === Infinity) return totalMass(probabilities);
  let h = 0;
  for (const p of probabilities) h += p * -Math.expm1(-p * t);
  return h;
}

/**
 * Characteristic time of FIFO and RANDOM caches (they share it under the independent reference
 * model): the T solving sum_i p_i T / (1 + p_i T) = C.
 */
export function fifoCharacteristicTime(probabilities: Float64Array, capacity: number): number {
  if (capacity >= support(probabilities)) return Infinity;
  if (capacity <= 0) return 0;
  return solveIncreasing((t) => {
    let s = 0;
    for (const p of probabilities) s += (p * t) / (1 + p * t);
    return s;
  }, capacity);
}

/** Steady-state hit ratio of FIFO and RANDOM eviction: sum_i p_i * p_i T / (1 + p_i T). */
export function fifoHitRatio(probabilities: Float64Array, capacity: number): number {
  const t = fifoCharacteristicTime(probabilities, capacity);
  if (t === Infinity) return totalMass(probabilities);
  let h = 0;
  for (const p of probabilities) h += (p * p * t) / (1 + p * t);
  return h;
}

/** RANDOM eviction has the same steady-state hit ratio as FIFO under independent references. */
export const randomHitRatio = fifoHitRatio;

/**
 * Ideal (perfect) LFU reference: the cache permanently holds the `capacity` most popular keys, so
 * the hit ratio is their total probability mass. An upper bound for any policy without future
 * knowledge under independent references.
 */
export function lfuIdealHitRatio(probabilities: Float64Array, capacity: number): number {
  const sorted = Float64Array.from(probabilities).sort().reverse();
  let h = 0;
  const c = Math.min(Math.max(0, Math.floor(capacity)), sorted.length);
  for (let i = 0; i < c; i++) h += sorted[i] ?? 0;
  return h;
}

/**
 * Hit probability of one key under a TTL-only cache (unlimited capacity) with Poisson requests at
 * `requestsPerSec` and a TTL of `ttlMs` set on a miss and not refreshed by hits: each miss opens
 * a window of T in which all requests hit, so hits/requests = lambda T / (1 + lambda T).
 */
export function ttlKeyHitProbability(requestsPerSec: number, ttlMs: number): number {
  const lt = (requestsPerSec * ttlMs) / 1000;
  return lt <= 0 ? 0 : lt / (1 + lt);
}

/**
 * Aggregate TTL-only hit ratio for a popularity vector and a total request rate:
 * sum_i p_i * (lambda p_i T) / (1 + lambda p_i T).
 */
export function ttlHitRatio(
  probabilities: Float64Array,
  totalRequestsPerSec: number,
  ttlMs: number,
): number {
  let h = 0;
  for (const p of probabilities) h += p * ttlKeyHitProbability(p * totalRequestsPerSec, ttlMs);
  return h;
}

/** Expected number of keys held by a TTL-only cache: sum_i lambda_i T / (1 + lambda_i T). */
export function ttlExpectedKeys(
  probabilities: Float64Array,
  totalRequestsPerSec: number,
  ttlMs: number,
): number {
  let k = 0;
  for (const p of probabilities) k += ttlKeyHitProbability(p * totalRequestsPerSec, ttlMs);
  return k;
}

function totalMass(p: Float64Array): number {
  let s = 0;
  for (const x of p) s += x;
  return s;
}
