import { describe, expect, it } from 'vitest';
import { zipfTrace } from './synthetic-trace';
import { autoSizes, traceReport } from './trace-report';
import { runPolicy } from './trace-runner';

describe('trace report', () => {
  it('spaces auto sizes logarithmically up to the unique key count', () => {
    expect(autoSizes(0)).toEqual([]);
    expect(autoSizes(1)).toEqual([1]);
    expect(autoSizes(5)).toEqual([1, 2, 3, 4, 5]);
    const sizes = autoSizes(100_000);
    expect(sizes).toHaveLength(12);
    expect(sizes[0]).toBe(1);
    expect(sizes.at(-1)).toBe(100_000);
  });

  it('gives LRU from the one-pass curve, equal to simulating each size', () => {
    const { keys, uniqueKeys } = zipfTrace(30_000, 5_000, 0.8, 4);
    const sizes = [1, 10, 100, 1000];
    const report = traceReport(keys, uniqueKeys, { policies: ['allkeys-lru', 'sieve'], sizes });
    expect(report.trace.requests).toBe(30_000);
    expect(report.trace.sample).toBeUndefined();
    expect(report.results.map((r) => [r.policy, r.size])).toEqual([
      ['allkeys-lru', 1],
      ['allkeys-lru', 10],
      ['allkeys-lru', 100],
      ['allkeys-lru', 1000],
      ['sieve', 1],
      ['sieve', 10],
      ['sieve', 100],
      ['sieve', 1000],
    ]);
    for (const r of report.results)
      expect(r).toEqual(runPolicy(r.policy, keys, uniqueKeys, r.size));
  });

  it('runs a size far past the unique key count as if all keys fit', () => {
    const { keys, uniqueKeys } = zipfTrace(5_000, 500, 0.8, 5);
    const report = traceReport(keys, uniqueKeys, {
      policies: ['s3fifo', 'allkeys-lru'],
      sizes: [2_000_000_000],
    });
    for (const r of report.results) expect(r.hits).toBe(keys.length - uniqueKeys);
  });

  it('gives hit ratio 0, not 1, when the sample is empty', () => {
    const keys = Int32Array.from([0, 0, 0]);
    const report = traceReport(keys, 1, {
      policies: ['fifo', 'allkeys-lru'],
      sizes: [1],
      sampleRate: 1e-7,
    });
    expect(report.trace.sample?.requests).toBe(0);
    expect(report.results.map((r) => r.hitRatio)).toEqual([0, 0]);
  });

  it('reports zero hits for an empty trace', () => {
    const report = traceReport(new Int32Array(0), 0, { policies: ['fifo'], sizes: [10] });
    expect(report.results).toEqual([
      { policy: 'fifo', size: 10, hits: 0, requests: 0, hitRatio: 0 },
    ]);
  });
});
