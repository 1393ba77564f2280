/**
 * The exact LRU hit count for every cache size in one pass (Mattson's stack algorithm, with the
 * stack distance counted by a Fenwick tree over request positions, as in Bennett & Kruskal / Olken).
 *
 * LRU has the inclusion property: a cache of C keys holds exactly the C most recently used keys.
 * So request i for key k hits in a cache of C keys iff fewer than C distinct other keys were used
 * since k's previous request, i.e. iff its stack distance d (1 + that count) is <= C. Mark each
 * key at the position of its latest request; d is then 1 + the number of marks strictly between
 * the previous request and this one. O(n log n) time, O(n + keys) memory.
 */

/** Hits per cache size from one pass over a trace. */
export interface LruMissRatioCurve {
  readonly requests: number;
  /** Requests for a key never seen before (a miss at every size). */
  readonly coldMisses: number;
  /** `distanceCounts[d]`: requests with stack distance d (1-based; index 0 unused). */
  readonly distanceCounts: Float64Array;
  /**
   * Hits of an LRU cache holding `sizeKeys` keys (read-through, starting empty). A fractional size
   * (a SHARDS-scaled one) interpolates linearly between the two whole sizes around it.
   */
  hitsAt(sizeKeys: number): number;
}

export function lruMissRatioCurve(keys: Int32Array, uniqueKeys: number): LruMissRatioCurve {
  const n = keys.length;
  // Fenwick tree over positions 1..n (1-based).
  const tree = new Int32Array(n + 1);
  const lastSeen = new Int32Array(uniqueKeys).fill(-1);
  const distanceCounts = new Float64Array(uniqueKeys + 1);
  let coldMisses = 0;
  let marked = 0;
  for (let i = 0; i < n; i++) {
    const k = keys[i] ?? 0;
    const prev = lastSeen[k] ?? -1;
    if (prev === -1) {
      coldMisses++;
    } else {
      // Marks at positions <= prev (1-based prev + 1), including prev's own mark.
      let upToPrev = 0;
      for (let j = prev + 1; j > 0; j -= j & -j) upToPrev += tree[j] ?? 0;
      // Every mark sits at a position < i, so marks after prev = marked - upToPrev.
      const d = marked - upToPrev + 1;
      distanceCounts[d] = (distanceCounts[d] ?? 0) + 1;
      for (let j = prev + 1; j <= n; j += j & -j) tree[j] = (tree[j] ?? 0) - 1;
      marked--;
    }
    for (let j = i + 1; j <= n; j += j & -j) tree[j] = (tree[j] ?? 0) + 1;
    marked++;
    lastSeen[k] = i;
  }
  // cumulative[c] = hits at size c, for c up to uniqueKeys (larger sizes hit as much).
  const cumulative = new Float64Array(uniqueKeys + 1);
  for (let d = 1; d <= uniqueKeys; d++)
    cumulative[d] = (cumulative[d - 1] ?? 0) + (distanceCounts[d] ?? 0);
  return {
    requests: n,
    coldMisses,
    distanceCounts,
    hitsAt: (sizeKeys) => {
      if (!(sizeKeys > 0)) return 0;
      if (sizeKeys >= uniqueKeys) return cumulative[uniqueKeys] ?? 0;
      const whole = Math.floor(sizeKeys);
      const below = cumulative[whole] ?? 0;
      return below + (sizeKeys - whole) * ((cumulative[whole + 1] ?? below) - below);
    },
  };
}
