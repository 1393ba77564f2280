import { describe, expect, it } from 'vitest';
import { popularityProbabilities } from '../workload/popularity';
import {
  cheCharacteristicTime,
  fifoHitRatio,
  lfuIdealHitRatio,
  lruHitRatio,
  ttlExpectedKeys,
  ttlHitRatio,
  ttlKeyHitProbability,
} from './cache-theory';

const zipf = popularityProbabilities({ kind: 'zipf', alpha: 0.9 }, 10_000);

describe('cache theory', () => {
  it('Che: T solves sum (1 - e^{-p T}) = C', () => {
    const t = cheCharacteristicTime(zipf, 1000);
    let s = 0;
    for (const p of zipf) s += 1 - Math.exp(-p * t);
    expect(s).toBeCloseTo(1000, 6);
  });

  it('orders the policies: FIFO <= LRU <= ideal LFU, all increasing in C', () => {
    let prev = 0;
    for (const c of [10, 100, 1000, 5000]) {
      const fifo = fifoHitRatio(zipf, c);
      const lru = lruHitRatio(zipf, c);
      const lfu = lfuIdealHitRatio(zipf, c);
      expect(fifo).toBeLessThanOrEqual(lru);
      expect(lru).toBeLessThanOrEqual(lfu);
      expect(lru).toBeGreaterThan(prev);
      prev = lru;
    }
  });

  it('edge cases: everything fits -> 1, no capacity -> 0, uniform LRU = C/N', () => {
    expect(lruHitRatio(zipf, 10_000)).toBeCloseTo(1, 12);
    expect(fifoHitRatio(zipf, 0)).toBe(0);
    const uniform = popularityProbabilities({ kind: 'uniform' }, 1000);
    expect(lruHitRatio(uniform, 250)).toBeCloseTo(0.25, 6);
    expect(fifoHitRatio(uniform, 250)).toBeCloseTo(0.25, 6);
  });

  it('TTL formulas', () => {
    expect(ttlKeyHitProbability(1, 1000)).toBeCloseTo(0.5, 12);
    expect(ttlKeyHitProbability(0, 1000)).toBe(0);
    const uniform = popularityProbabilities({ kind: 'uniform' }, 100);
    // 100 req/s over 100 keys = 1 req/s per key; TTL 3 s -> 3/4.
    expect(ttlHitRatio(uniform, 100, 3000)).toBeCloseTo(0.75, 12);
    expect(ttlExpectedKeys(uniform, 100, 3000)).toBeCloseTo(75, 9);
  });
});
