import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lruMissRatioCurve } from './lru-mrc';
import { reuseHistogram } from './reuse-histogram';

/** Stack distance by definition: distinct keys used since the key's last use, itself included. */
function bruteForceDistances(keys: readonly number[]): (number | null)[] {
  return keys.map((k, i) => {
    const seen = new Set<number>();
    for (let j = i - 1; j >= 0; j--) {
      seen.add(keys[j] ?? -1);
      if (keys[j] === k) return seen.size;
    }
    return null;
  });
}

function dense(keys: readonly number[]): { keys: Int32Array; uniqueKeys: number } {
  const ids = new Map<number, number>();
  const out = Int32Array.from(keys, (k) => {
    let id = ids.get(k);
    if (id === undefined) ids.set(k, (id = ids.size));
    return id;
  });
  return { keys: out, uniqueKeys: ids.size };
}

describe('reuse-distance histogram', () => {
  it('bins the stack distances of small random traces exactly as brute force counts them', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 300 }), (raw) => {
        const { keys, uniqueKeys } = dense(raw);
        const h = reuseHistogram(lruMissRatioCurve(keys, uniqueKeys));
        const distances = bruteForceDistances(raw);
        expect(h.requests).toBe(raw.length);
        expect(h.coldMisses).toBe(distances.filter((d) => d === null).length);
        const reused = distances.filter((d): d is number => d !== null);
        const max = Math.max(0, ...reused);
        // Bins are consecutive powers of two up to the one holding the largest distance.
        expect(h.bins.map((b) => b.from)).toEqual(
          max === 0 ? [] : Array.from({ length: Math.floor(Math.log2(max)) + 1 }, (_, i) => 2 ** i),
        );
        for (const b of h.bins)
          expect(b.count).toBe(reused.filter((d) => d >= b.from && d <= b.to).length);
        const sorted = [...reused].sort((a, b) => a - b);
        expect(h.medianDistance).toBe(
          sorted.length === 0 ? null : sorted[Math.ceil(sorted.length / 2) - 1],
        );
      }),
      { numRuns: 300 },
    );
  });

  it('counts a loop of n keys as distance n for every request after the first round', () => {
    const keys = Int32Array.from({ length: 50 }, (_, i) => i % 10);
    const h = reuseHistogram(lruMissRatioCurve(keys, 10));
    expect(h.coldMisses).toBe(10);
    expect(h.bins.at(-1)).toEqual({ from: 8, to: 15, count: 40 });
    expect(h.medianDistance).toBe(10);
  });
});
