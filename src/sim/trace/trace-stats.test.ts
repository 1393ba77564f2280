import { describe, expect, it } from 'vitest';
import { zipfTrace } from './synthetic-trace';
import { fitZipfAlpha, traceStats } from './trace-stats';

describe('trace stats', () => {
  it('counts requests, unique keys and one-hit wonders', () => {
    expect(traceStats(Int32Array.from([0, 1, 0, 2, 3, 3]), 4)).toMatchObject({
      requests: 6,
      uniqueKeys: 4,
      oneHitWonders: 2,
    });
    expect(traceStats(new Int32Array(0), 0)).toEqual({
      requests: 0,
      uniqueKeys: 0,
      oneHitWonders: 0,
      zipfAlpha: null,
    });
  });

  it('recovers the exponent of an exact power law', () => {
    const counts = Int32Array.from({ length: 500 }, (_, r) =>
      Math.round(1e6 / Math.pow(r + 1, 0.8)),
    );
    expect(fitZipfAlpha(counts)).toBeCloseTo(0.8, 2);
    expect(fitZipfAlpha(Int32Array.from([5]))).toBeNull();
  });

  it('recovers the alpha a Zipf trace was drawn with, roughly', () => {
    const { keys, uniqueKeys } = zipfTrace(500_000, 100_000, 0.9, 2);
    expect(traceStats(keys, uniqueKeys).zipfAlpha).toBeGreaterThan(0.8);
    expect(traceStats(keys, uniqueKeys).zipfAlpha).toBeLessThan(1.0);
  });
});
