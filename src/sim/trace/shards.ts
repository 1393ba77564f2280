/**
 * SHARDS (Waldspurger et al., FAST'15): spatially hashed sampling. A request is kept when
 * hash(key) mod P < T, so every request of a sampled key is kept and none of the others; the
 * sampled trace behaves like the full one seen through a cache R = T/P times the size. A curve
 * from the sample therefore scales cache sizes by R and counts by 1/R. Two variants: fixed-rate
 * (`shardsSample`, R given) and fixed-size (`shardsSampleFixedSize`, at most a given number of
 * sampled keys; R falls as keys arrive).
 *
 * The hash is taken over the dense key id, a bijection of the original key, so the sample is still
 * a pseudo-random subset of keys, and the same trace always gives the same sample.
 */

/** The modulus P: 2^24 gives rates down to 6e-8 in steps of 6e-8. */
export const SHARDS_MODULUS = 1 << 24;

/** Keeps key id 0 (the first key seen) from hashing to 0, which every threshold would keep. */
const SHARDS_HASH_SEED = 0x5bd1e995;

/** A 32-bit integer hash with good avalanche (murmur3's finaliser). */
export function mixKeyId(id: number): number {
  let h = (id ^ SHARDS_HASH_SEED) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export interface ShardsSample {
  /** The effective rate R = T / P (fixed-rate: the rate asked for, T rounded to an integer). */
  readonly rate: number;
  /** Sampled requests, with the sampled keys renumbered densely 0..uniqueKeys-1. */
  readonly keys: Int32Array;
  readonly uniqueKeys: number;
}

/**
 * The requests whose key `isSampled`, with the sampled keys renumbered densely (in id order, so
 * still in order of first appearance).
 */
function sampleKeys(
  keys: Int32Array,
  uniqueKeys: number,
  isSampled: (key: number) => boolean,
): { keys: Int32Array; uniqueKeys: number } {
  const renumber = new Int32Array(uniqueKeys).fill(-1);
  let sampledKeys = 0;
  let sampledRequests = 0;
  for (let k = 0; k < uniqueKeys; k++) if (isSampled(k)) renumber[k] = sampledKeys++;
  for (let i = 0; i < keys.length; i++)
    if ((renumber[keys[i] ?? 0] ?? -1) !== -1) sampledRequests++;
  const out = new Int32Array(sampledRequests);
  let j = 0;
  for (let i = 0; i < keys.length; i++) {
    const id = renumber[keys[i] ?? 0] ?? -1;
    if (id !== -1) out[j++] = id;
  }
  return { keys: out, uniqueKeys: sampledKeys };
}

/** Keeps the requests whose key hashes below `rate` x P. `rate` must be in (0, 1]. */
export function shardsSample(keys: Int32Array, uniqueKeys: number, rate: number): ShardsSample {
  if (!(rate > 0 && rate <= 1)) throw new RangeError(`sample rate must be in (0, 1] (got ${rate})`);
  const threshold = Math.max(1, Math.round(rate * SHARDS_MODULUS));
  const sample = sampleKeys(keys, uniqueKeys, (k) => mixKeyId(k) % SHARDS_MODULUS < threshold);
  return { rate: threshold / SHARDS_MODULUS, ...sample };
}

/** The fixed-size variant hashes into the full 32 bits: P = 2^32, so distinct ids never tie. */
export const SHARDS_FIXED_SIZE_MODULUS = 2 ** 32;

/**
 * The threshold T of fixed-size SHARDS after every key has arrived: T starts at P (every key
 * sampled); each key hashing below T joins the sampled set, and when the set holds more than
 * `maxKeys` keys the one with the largest hash leaves it and T drops to that hash. A max-heap of
 * the sampled hashes finds that key in O(log maxKeys). Keys arrive in id order, which is the order
 * of first appearance in the trace.
 */
export function fixedSizeThreshold(uniqueKeys: number, maxKeys: number): number {
  let threshold = SHARDS_FIXED_SIZE_MODULUS;
  const heap = new Float64Array(maxKeys + 1);
  let size = 0;
  for (let k = 0; k < uniqueKeys; k++) {
    const h = mixKeyId(k);
    if (h >= threshold) continue;
    // Sift up.
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] ?? 0;
      if (p >= h) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = h;
    if (size > maxKeys) {
      // Evict the largest hash (the root) and lower the threshold to it.
      threshold = heap[0] ?? 0;
      const last = heap[--size] ?? 0;
      let j = 0;
      for (;;) {
        const l = 2 * j + 1;
        if (l >= size) break;
        const r = l + 1;
        const c = r < size && (heap[r] ?? 0) > (heap[l] ?? 0) ? r : l;
        if ((heap[c] ?? 0) <= last) break;
        heap[j] = heap[c] ?? 0;
        j = c;
      }
      heap[j] = last;
    }
  }
  return threshold;
}

/**
 * Fixed-size SHARDS (section 3.3 of the paper): at most `maxKeys` sampled keys, whatever the
 * trace's size, so the simulated caches and the curve's tree stay bounded. The paper runs it in one
 * streaming pass and rescales its histogram by R_new / R_old each time T drops; with the trace
 * already in memory this finds T's final value first (`fixedSizeThreshold`, the same lowering
 * rule) and then samples every request at it, so all counts are at one rate R = T / 2^32 and need
 * no rescaling. The sample is the `maxKeys` keys with the smallest hashes (all keys when there
 * are no more than `maxKeys`, R = 1).
 */
export function shardsSampleFixedSize(
  keys: Int32Array,
  uniqueKeys: number,
  maxKeys: number,
): ShardsSample {
  if (!(Number.isInteger(maxKeys) && maxKeys >= 1))
    throw new RangeError(`the sampled key budget must be an integer >= 1 (got ${maxKeys})`);
  const threshold = fixedSizeThreshold(uniqueKeys, maxKeys);
  if (threshold === SHARDS_FIXED_SIZE_MODULUS) return { rate: 1, keys, uniqueKeys };
  const sample = sampleKeys(keys, uniqueKeys, (k) => mixKeyId(k) < threshold);
  return { rate: threshold / SHARDS_FIXED_SIZE_MODULUS, ...sample };
}

/**
 * Cache sizes below this many keys x 1/R are left to a sample cache of fewer than 10 keys, where
 * the estimate is poor (measured: errors of 0.1-0.3 in hit ratio on Zipf traces below it,
 * about 0.01 above it, see shards.test.ts).
 */
export const SHARDS_MIN_SAMPLED_KEYS = 10;

/** The smallest full-trace cache size whose estimate at `rate` is worth trusting. */
export function shardsMinReliableSize(rate: number): number {
  return Math.round(SHARDS_MIN_SAMPLED_KEYS / rate);
}

/** The cache size (in keys, >= 1) a sample at `rate` stands in for a full cache of `sizeKeys`. */
export function scaledSize(sizeKeys: number, rate: number): number {
  return Math.max(1, Math.round(sizeKeys * rate));
}

/**
 * The hit ratio of the full trace estimated from a sample (SHARDS_adj, section 4.2 of the paper):
 * the sample should hold `fullRequests` x R requests; a key much hotter than the rest makes it
 * hold noticeably more or fewer, depending on whether that key was sampled. The difference is
 * counted as hits (the extra or missing requests are almost all to such hot keys, which hit at
 * every size worth simulating), over the expected count, clamped to [0, 1].
 */
export function shardsHitRatio(
  sampledHits: number,
  sampledRequests: number,
  fullRequests: number,
  rate: number,
): number {
  const expected = fullRequests * rate;
  // An empty sample says nothing (not "every request hit").
  if (expected <= 0 || sampledRequests === 0) return 0;
  const adjusted = (sampledHits + (expected - sampledRequests)) / expected;
  return Math.min(1, Math.max(0, adjusted));
}
