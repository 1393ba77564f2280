/**
 * Redis-mode (sampled) eviction against exact policies on the same Zipf trace: 10 samples is
 * close to true LRU, 1 sample is close to random (the pool keeps it a little better).
 */
import { describe, expect, it } from 'vitest';
import { keyStore, makeTrace, replayHits } from '../cache-test-helpers';

const KEYS = 10_000;
const CAPACITY = 1_000;
const WARMUP = 200_000;
const MEASURED = 1_000_000;

describe('redis-mode sampled LRU on Zipf 0.8', () => {
  const trace = makeTrace({ kind: 'zipf', alpha: 0.8 }, KEYS, WARMUP + MEASURED, 11);
  const ratio = (policy: 'allkeys-lru' | 'allkeys-random', samples: number | null) =>
    replayHits(
      keyStore(policy, CAPACITY, samples === null ? { mode: 'exact' } : { mode: 'redis', samples }),
      trace,
      WARMUP,
    ) / MEASURED;
  const exactLru = ratio('allkeys-lru', null);
  const random = ratio('allkeys-random', null);

  it('samples=10 is within 0.01 of exact LRU', () => {
    expect(Math.abs(ratio('allkeys-lru', 10) - exactLru)).toBeLessThan(0.01);
  });

  it('samples=5 (the default) sits between random and exact LRU, close to LRU', () => {
    const sampled = ratio('allkeys-lru', 5);
    expect(sampled).toBeLessThanOrEqual(exactLru + 0.002);
    expect(sampled).toBeGreaterThan(random);
    expect(exactLru - sampled).toBeLessThan(0.02);
  });

  it('samples=1 is close to random eviction', () => {
    const sampled = ratio('allkeys-lru', 1);
    expect(Math.abs(sampled - random)).toBeLessThan(0.02);
  });
});

describe('redis-mode LFU and volatile-ttl', () => {
  it('sampled LFU beats sampled LRU on a stable Zipf hot set', () => {
    const trace = makeTrace({ kind: 'zipf', alpha: 0.8 }, KEYS, WARMUP + MEASURED, 12);
    const lfu = replayHits(
      keyStore('allkeys-lfu', CAPACITY, { mode: 'redis', samples: 10 }),
      trace,
      WARMUP,
    );
    const lru = replayHits(
      keyStore('allkeys-lru', CAPACITY, { mode: 'redis', samples: 10 }),
      trace,
      WARMUP,
    );
    expect(lfu).toBeGreaterThan(lru);
  });

  it('sampled volatile-ttl with many samples evicts (nearly) the nearest expiry', () => {
    const s = keyStore('volatile-ttl', 100, { mode: 'redis', samples: 64 });
    for (let k = 0; k < 100; k++) s.set(k, 1, 0, { ttlMs: 10_000 + ((k * 37) % 100) * 100 });
    const r = s.set(1000, 1, 1, { ttlMs: 1e9 });
    expect(r.ok).toBe(true);
    // The nearest expiry is the key with (k*37)%100 === 0, i.e. key 0; 64 samples with the pool
    // find one of the few nearest.
    const evicted = r.ok ? (r.evicted[0] ?? -1) : -1;
    expect((evicted * 37) % 100).toBeLessThan(10);
  });
});
