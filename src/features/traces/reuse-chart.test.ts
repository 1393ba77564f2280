import { describe, expect, it } from 'vitest';
import { lruMissRatioCurve } from '../../sim/trace/lru-mrc';
import { reuseHistogram } from '../../sim/trace/reuse-histogram';
import { binLabel, reuseSummary } from './reuse-chart';

describe('reuse summary', () => {
  it('states the cold misses, the median and the most common distance', () => {
    // A loop over 10 keys, five times: 10 first uses, then 40 requests at distance 10.
    const keys = Int32Array.from({ length: 50 }, (_, i) => i % 10);
    const text = reuseSummary(reuseHistogram(lruMissRatioCurve(keys, 10)));
    expect(text).toBe(
      '10 of 50 requests (20.0%) were the first use of their key: cold misses, a miss at every ' +
        'cache size. Half of the other requests came within 10 distinct keys of the previous use ' +
        'of the same key (an LRU cache of that many keys hits them); the most common distance is ' +
        '8–15 keys (80.0% of requests), the largest 8–15.',
    );
  });

  it('handles traces without reuses', () => {
    expect(reuseSummary(reuseHistogram(lruMissRatioCurve(new Int32Array(0), 0)))).toBe(
      'The trace is empty.',
    );
    expect(reuseSummary(reuseHistogram(lruMissRatioCurve(Int32Array.from([0, 1]), 2)))).toMatch(
      /No key was used twice\.$/,
    );
    expect(binLabel({ from: 1, to: 1, count: 0 })).toBe('1');
    expect(binLabel({ from: 1024, to: 2047, count: 0 })).toBe('1,024–2,047');
  });
});
