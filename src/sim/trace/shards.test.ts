import { describe, expect, it } from 'vitest';
import { lruMissRatioCurve } from './lru-mrc';
import { shardsMinReliableSize, shardsSample } from './shards';
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
});
