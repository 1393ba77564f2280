/**
 * Summary statistics of a trace: how many requests and distinct keys, how many keys were asked
 * for only once, and how skewed the popularity is (a fitted Zipf exponent).
 */

/** How many of the most popular keys the Zipf fit uses. */
export const ZIPF_FIT_TOP_RANKS = 1000;

export interface TraceStats {
  readonly requests: number;
  readonly uniqueKeys: number;
  /** Keys requested exactly once (no cache can ever hit them). */
  readonly oneHitWonders: number;
  /** Fitted Zipf exponent (see `fitZipfAlpha`); null with fewer than two distinct counts. */
  readonly zipfAlpha: number | null;
}

/** Request count per key id. */
export function keyFrequencies(keys: Int32Array, uniqueKeys: number): Int32Array {
  const counts = new Int32Array(uniqueKeys);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] ?? 0;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/**
 * The Zipf exponent alpha of `frequency ~ rank^-alpha`: sort the counts in decreasing order, take
 * the top `topRanks` ranks (rank r = 1, 2, ...), and fit a straight line to (ln r, ln count) by
 * ordinary least squares; alpha is minus its slope. Only the head is used because the tail of a
 * finite sample is flattened by keys seen once or twice (every count >= 1), which would bias the
 * slope towards 0. Returns null when there are fewer than two ranks or all points share one rank.
 */
export function fitZipfAlpha(counts: Int32Array, topRanks = ZIPF_FIT_TOP_RANKS): number | null {
  const sorted = Int32Array.from(counts).sort().reverse();
  const n = Math.min(topRanks, sorted.length);
  if (n < 2) return null;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let r = 1; r <= n; r++) {
    const x = Math.log(r);
    const y = Math.log(sorted[r - 1] ?? 1);
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const denominator = n * sxx - sx * sx;
  if (denominator === 0) return null;
  return -(n * sxy - sx * sy) / denominator;
}

export function traceStats(keys: Int32Array, uniqueKeys: number): TraceStats {
  const counts = keyFrequencies(keys, uniqueKeys);
  let oneHitWonders = 0;
  for (let k = 0; k < uniqueKeys; k++) if (counts[k] === 1) oneHitWonders++;
  return {
    requests: keys.length,
    uniqueKeys,
    oneHitWonders,
    zipfAlpha: fitZipfAlpha(counts),
  };
}
