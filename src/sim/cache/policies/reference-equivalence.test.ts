/**
 * Exact policies against independent implementations on the same key sequence: the hit counts
 * must be identical, not merely close.
 */
import { LRUCache } from 'lru-cache';
import { describe, expect, it } from 'vitest';
import { runTypedLru } from '../../baseline/typed-lru';
import { keyStore, makeTrace, replayHits } from '../cache-test-helpers';

const CASES = [
  { keys: 10_000, alpha: 0.8, capacity: 1_000 },
  { keys: 1_000, alpha: 1.0, capacity: 100 },
  { keys: 50_000, alpha: 0.6, capacity: 7_777 },
] as const;
const LENGTH = 300_000;

describe.each(CASES)('N=$keys alpha=$alpha C=$capacity', ({ keys, alpha, capacity }) => {
  const trace = makeTrace({ kind: 'zipf', alpha }, keys, LENGTH, 3);

  it('exact LRU = lru-cache, hit for hit', () => {
    const ref = new LRUCache<number, number>({ max: capacity });
    let refHits = 0;
    for (const key of trace) {
      if (ref.get(key) !== undefined) refHits++;
      else ref.set(key, 1);
    }
    expect(replayHits(keyStore('allkeys-lru', capacity), trace)).toBe(refHits);
    expect(runTypedLru(trace, keys, capacity).hits).toBe(refHits);
  });

  it('exact FIFO = a Map + queue FIFO, hit for hit', () => {
    const held = new Set<number>();
    const queue = new Int32Array(LENGTH);
    let head = 0;
    let tail = 0;
    let refHits = 0;
    for (const key of trace) {
      if (held.has(key)) {
        refHits++;
        continue;
      }
      if (held.size === capacity) held.delete(queue[head++] ?? -1);
      held.add(key);
      queue[tail++] = key;
    }
    expect(replayHits(keyStore('fifo', capacity), trace)).toBe(refHits);
  });
});
