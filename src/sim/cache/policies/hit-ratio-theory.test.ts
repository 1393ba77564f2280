/**
 * The simulator against analytic predictions under independent references: exact LRU vs Che's
 * approximation, FIFO and RANDOM vs their shared fixed point, a TTL-only cache vs lambda T/(1+lambda T).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../rng';
import {
  fifoHitRatio,
  lruHitRatio,
  ttlHitRatio,
  ttlKeyHitProbability,
} from '../../theory/cache-theory';
import { popularityProbabilities } from '../../workload/popularity';
import { createCacheStore } from '../cache-store';
import { keyStore, makeTrace, replayHits } from '../cache-test-helpers';

const WARMUP = 500_000;
const MEASURED = 2_000_000;
const CASES = [
  { keys: 10_000, alpha: 0.8, capacity: 1_000 },
  { keys: 100_000, alpha: 0.9, capacity: 10_000 },
  { keys: 1_000, alpha: 1.0, capacity: 100 },
] as const;

describe.each(CASES)('Zipf N=$keys alpha=$alpha C=$capacity', ({ keys, alpha, capacity }) => {
  const spec = { kind: 'zipf', alpha } as const;
  const probabilities = popularityProbabilities(spec, keys);
  const trace = makeTrace(spec, keys, WARMUP + MEASURED, keys + capacity);
  const measured = (policy: 'allkeys-lru' | 'fifo' | 'allkeys-random') =>
    replayHits(keyStore(policy, capacity), trace, WARMUP) / MEASURED;

  it('exact LRU matches Che within 0.01', () => {
    expect(Math.abs(measured('allkeys-lru') - lruHitRatio(probabilities, capacity))).toBeLessThan(
      0.01,
    );
  });

  it('FIFO matches the FIFO/RANDOM fixed point within 0.01', () => {
    expect(Math.abs(measured('fifo') - fifoHitRatio(probabilities, capacity))).toBeLessThan(0.01);
  });

  it('RANDOM matches the FIFO/RANDOM fixed point within 0.01', () => {
    expect(
      Math.abs(measured('allkeys-random') - fifoHitRatio(probabilities, capacity)),
    ).toBeLessThan(0.01);
  });
});

describe('TTL-only cache (unlimited capacity, TTL set on miss, not refreshed on hit)', () => {
  it('matches sum p_i lambda_i T / (1 + lambda_i T) within 0.01 under Poisson arrivals', () => {
    const keys = 2_000;
    const spec = { kind: 'zipf', alpha: 0.8 } as const;
    const requestsPerSec = 2_000;
    const ttlMs = 2_000;
    const probabilities = popularityProbabilities(spec, keys);
    // Poisson arrivals at the total rate, each to a key drawn by popularity: by thinning, key i sees
    // a Poisson process of rate lambda * p_i.
    const trace = makeTrace(spec, keys, WARMUP + MEASURED, 99);
    const arrivals = createRng(99, 1);
    const store = createCacheStore(
      {
        capacityKeys: null,
        capacityBytes: null,
        policy: 'allkeys-lru',
        eviction: { mode: 'exact' },
      },
      createRng(99, 6),
    );
    let now = 0;
    let hits = 0;
    for (let i = 0; i < trace.length; i++) {
      now += arrivals.exponential(1000 / requestsPerSec);
      const key = trace[i] ?? 0;
      if (store.getVersion(key, now) >= 0) {
        if (i >= WARMUP) hits++;
      } else {
        store.setFast(key, 1, now, ttlMs, 0, false);
      }
    }
    const predicted = ttlHitRatio(probabilities, requestsPerSec, ttlMs);
    expect(Math.abs(hits / MEASURED - predicted)).toBeLessThan(0.01);
    expect(store.counters.evictions).toBe(0);
  });

  it('single key: hit probability lambda T / (1 + lambda T)', () => {
    const rng = createRng(5, 1);
    const store = createCacheStore(
      {
        capacityKeys: null,
        capacityBytes: null,
        policy: 'allkeys-lru',
        eviction: { mode: 'exact' },
      },
      rng,
    );
    const ratePerSec = 3;
    const ttlMs = 500; // lambda T = 1.5 -> 0.6
    let now = 0;
    let hits = 0;
    const n = 400_000;
    for (let i = 0; i < n; i++) {
      now += rng.exponential(1000 / ratePerSec);
      if (store.getVersion(0, now) >= 0) hits++;
      else store.setFast(0, 1, now, ttlMs, 0, false);
    }
    expect(ttlKeyHitProbability(ratePerSec, ttlMs)).toBeCloseTo(0.6, 12);
    expect(Math.abs(hits / n - 0.6)).toBeLessThan(0.005);
  });
});
