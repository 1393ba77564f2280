/**
 * The reuse-distance (LRU stack-distance) distribution of a trace, binned by powers of two. It is
 * read off the counts the one-pass LRU curve already keeps (`LruMissRatioCurve.distanceCounts`),
 * so it costs no second pass. A request with stack distance d hits in every LRU cache of at least
 * d keys; a cold miss (the first request for a key) has no distance and misses at every size.
 */
import type { LruMissRatioCurve } from './lru-mrc';

/** Requests whose stack distance d is in [from, to] (both inclusive, 1-based). */
export interface ReuseBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

export interface ReuseHistogram {
  readonly requests: number;
  readonly coldMisses: number;
  /**
   * Bins [1,1], [2,3], [4,7], ... [2^i, 2^(i+1)-1], up to the bin of the largest distance seen
   * (none for a trace without a reuse). Empty bins in between are kept, so the x axis is honest.
   */
  readonly bins: readonly ReuseBin[];
  /** The smallest d with at least half of the reuses at distance <= d; null without reuses. */
  readonly medianDistance: number | null;
}

export function reuseHistogram(
  curve: Pick<LruMissRatioCurve, 'requests' | 'coldMisses' | 'distanceCounts'>,
): ReuseHistogram {
  const counts = curve.distanceCounts;
  let maxDistance = 0;
  let reuses = 0;
  for (let d = 1; d < counts.length; d++) {
    const c = counts[d] ?? 0;
    if (c > 0) maxDistance = d;
    reuses += c;
  }
  const bins: ReuseBin[] = [];
  for (let from = 1; from <= maxDistance; from *= 2) {
    const to = from * 2 - 1;
    let count = 0;
    for (let d = from; d <= Math.min(to, maxDistance); d++) count += counts[d] ?? 0;
    bins.push({ from, to, count });
  }
  let medianDistance: number | null = null;
  if (reuses > 0) {
    let seen = 0;
    for (let d = 1; d <= maxDistance; d++) {
      seen += counts[d] ?? 0;
      if (seen * 2 >= reuses) {
        medianDistance = d;
        break;
      }
    }
  }
  return { requests: curve.requests, coldMisses: curve.coldMisses, bins, medianDistance };
}
