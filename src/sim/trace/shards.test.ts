import { describe, expect, it } from 'vitest';
import { lruMissRatioCurve } from './lru-mrc';
import {
  fixedSizeThreshold,
  mixKeyId,
  SHARDS_FIXED_SIZE_MODULUS,
  shardsMinReliableSize,
  shardsSample,
  shardsSampleFixedSize,
} from './shards';
import { zipfTrace } from './synthetic-trace';
import { autoSizes, traceReport } from './trace-report';

describe('SHARDS sampling', () => {
  it('keeps every request of a sampled key and none of the others, renumbered densely', () => {
    const keys = Int32Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 1000);
    const s = shardsSample(keys, 1000, 0.1);
    expect(s.uniqueKeys).toBeGreaterThan(50);
    expect(s.uniqueKeys).toBeLessThan(150);
    expect(s.keys.length).toBe(s.uniqueKeys * 10);
    expect(Math.max(...s.keys)).toBe(s.uniqueKeys - 1);
    expect(shardsSample(keys, 1000, 1).keys).toEqual(keys);
    expect(() => shardsSample(keys, 1000, 0)).toThrow(RangeError);
  });

  it('estimates the exact LRU curve of a 1M-request Zipf trace at R = 0.01 within 0.02', () => {
    // Zipf 0.9 over a million keys, 1M requests (about 500k distinct keys), 20 log-spaced sizes.
    // Measured mean absolute error over the sizes from 10/R keys up: 0.012 (seed 3; 0.006 and
    // 0.009 with seeds 4 and 5). Below 10/R the sample cache holds under 10 keys and errors reach
    // 0.1-0.3, which is why the report gives `minReliableSize`.
    const { keys, uniqueKeys } = zipfTrace(1_000_000, 1_000_000, 0.9, 3);
    const exact = lruMissRatioCurve(keys, uniqueKeys);
    const sizes = autoSizes(uniqueKeys, 20).filter((s) => s >= shardsMinReliableSize(0.01));
    const report = traceReport(keys, uniqueKeys, {
      policies: ['allkeys-lru'],
      sizes,
      sampleRate: 0.01,
    });
    expect(report.trace.sample?.minReliableSize).toBe(1000);
    let error = 0;
    for (const r of report.results)
      error += Math.abs(r.hitRatio - exact.hitsAt(r.size) / keys.length);
    const meanAbsoluteError = error / report.results.length;
    expect(sizes.length).toBeGreaterThanOrEqual(8);
    expect(meanAbsoluteError).toBeLessThan(0.02);
  });

  it('reports the measured LRU error of a fixed-rate sample against the exact curve', () => {
    const { keys, uniqueKeys } = zipfTrace(200_000, 100_000, 0.9, 6);
    const sizes = autoSizes(uniqueKeys, 12);
    const rate = 0.05;
    const report = traceReport(keys, uniqueKeys, {
      policies: ['allkeys-lru'],
      sizes,
      sampleRate: rate,
    });
    const sample = report.trace.sample;
    const exact = lruMissRatioCurve(keys, uniqueKeys);
    const errors = report.results
      .filter((r) => r.size >= shardsMinReliableSize(rate))
      .map((r) => Math.abs(r.hitRatio - exact.hitsAt(r.size) / keys.length));
    expect(sample?.method).toBe('fixed-rate');
    expect(sample?.lruError?.sizes).toBe(errors.length);
    expect(sample?.lruError?.maxAbs).toBeCloseTo(Math.max(...errors), 12);
    expect(sample?.lruError?.meanAbs).toBeCloseTo(
      errors.reduce((a, b) => a + b) / errors.length,
      12,
    );
    // Measured: max 0.052 (a mid size, where the sample cache holds ~30 keys).
    expect(sample?.lruError?.maxAbs).toBeLessThan(0.08);
  });
});

describe('fixed-size SHARDS', () => {
  it('lowers the threshold to keep exactly the budget of smallest-hash keys', () => {
    for (const [uniqueKeys, maxKeys] of [
      [1000, 10],
      [5000, 777],
      [50, 49],
    ] as const) {
      const hashes = Array.from({ length: uniqueKeys }, (_, k) => mixKeyId(k)).sort(
        (a, b) => a - b,
      );
      // The key that overflowed last set T: the (maxKeys + 1)-th smallest hash.
      expect(fixedSizeThreshold(uniqueKeys, maxKeys)).toBe(hashes[maxKeys]);
    }
    expect(fixedSizeThreshold(10, 10)).toBe(SHARDS_FIXED_SIZE_MODULUS);
  });

  it('keeps every request of at most the budget of keys, at the effective rate', () => {
    const keys = Int32Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 2000);
    const s = shardsSampleFixedSize(keys, 2000, 100);
    expect(s.uniqueKeys).toBe(100);
    expect(s.keys.length).toBe(1000);
    expect(s.rate).toBeGreaterThan(0.03);
    expect(s.rate).toBeLessThan(0.07);
    expect(shardsSampleFixedSize(keys, 2000, 2000)).toEqual({ rate: 1, keys, uniqueKeys: 2000 });
    expect(() => shardsSampleFixedSize(keys, 2000, 0)).toThrow(RangeError);
  });

  it('estimates the exact LRU curve of a 1M-request Zipf trace from 8,000 keys within 0.02', () => {
    // About 500k distinct keys, so the budget of 8,000 ends at R of about 0.016.
    const { keys, uniqueKeys } = zipfTrace(1_000_000, 1_000_000, 0.9, 3);
    const exact = lruMissRatioCurve(keys, uniqueKeys);
    const report = traceReport(keys, uniqueKeys, {
      policies: ['allkeys-lru', 's3fifo'],
      sizes: autoSizes(uniqueKeys, 20),
      sampleKeys: 8000,
    });
    const sample = report.trace.sample;
    expect(sample?.method).toBe('fixed-size');
    expect(sample?.uniqueKeys).toBe(8000);
    expect(sample?.rate).toBeCloseTo(8000 / uniqueKeys, 2);
    const lru = report.results.filter(
      (r) => r.policy === 'allkeys-lru' && r.size >= (sample?.minReliableSize ?? 0),
    );
    const errors = lru.map((r) => Math.abs(r.hitRatio - exact.hitsAt(r.size) / keys.length));
    expect(errors.length).toBeGreaterThanOrEqual(8);
    expect(sample?.lruError?.meanAbs).toBeCloseTo(
      errors.reduce((a, b) => a + b) / errors.length,
      12,
    );
    expect(sample?.lruError?.meanAbs).toBeLessThan(0.02);
  });
});
