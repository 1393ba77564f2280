/**
 * The speed reference for `npm run bench`: the simplest fast LRU in JavaScript, a doubly linked
 * list over typed arrays with dense key ids and no TTL, events or policy abstraction. The engine's
 * throughput is reported as a ratio to this loop on the same key trace.
 */

/** Hit/miss counts of one run. */
export interface TypedLruResult {
  readonly hits: number;
  readonly misses: number;
}

/**
 * Replays `trace` (key ids in [0, keys)) through an LRU of `capacity` keys, inserting on miss.
 * Node `keys` is the list sentinel, so no branch is needed for an empty list.
 */
export function runTypedLru(
  trace: Int32Array | Uint32Array,
  keys: number,
  capacity: number,
): TypedLruResult {
  const head = keys; // sentinel: next[head] = most recent, prev[head] = least recent
  const prev = new Int32Array(keys + 1);
  const next = new Int32Array(keys + 1);
  const inCache = new Uint8Array(keys);
  prev[head] = head;
  next[head] = head;
  let size = 0;
  let hits = 0;
  let misses = 0;
  for (const key of trace) {
    if (inCache[key] === 1) {
      hits++;
      // unlink
      const p = prev[key] ?? head;
      const n = next[key] ?? head;
      next[p] = n;
      prev[n] = p;
    } else {
      misses++;
      if (capacity <= 0) continue;
      if (size === capacity) {
        const victim: number = prev[head] ?? head;
        const p: number = prev[victim] ?? head;
        next[p] = head;
        prev[head] = p;
        inCache[victim] = 0;
      } else {
        size++;
      }
      inCache[key] = 1;
    }
    // push front
    const first = next[head] ?? head;
    prev[key] = head;
    next[key] = first;
    prev[first] = key;
    next[head] = key;
  }
  return { hits, misses };
}
