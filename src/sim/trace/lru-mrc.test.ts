import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { lruMissRatioCurve } from './lru-mrc';
import { runPolicy } from './trace-runner';

describe('one-pass LRU miss-ratio curve', () => {
  fcTest.prop(
    [
      fc.integer({ min: 1, max: 30 }).chain((keys) =>
        fc.record({
          keys: fc.constant(keys),
          trace: fc.array(fc.integer({ min: 0, max: keys - 1 }), { maxLength: 400 }),
        }),
      ),
    ],
    { numRuns: 200 },
  )('equals per-size simulation of the registry LRU at every size', ({ keys, trace }) => {
    const t = Int32Array.from(trace);
    const curve = lruMissRatioCurve(t, keys);
    for (let size = 1; size <= keys + 1; size++)
      expect(curve.hitsAt(size)).toBe(runPolicy('allkeys-lru', t, keys, size).hits);
  });

  it('gives 0 hits for a loop one key larger than the cache, all hits once it fits', () => {
    const loop = Int32Array.from({ length: 50 }, (_, i) => i % 5);
    const curve = lruMissRatioCurve(loop, 5);
    expect(curve.hitsAt(4)).toBe(0);
    expect(curve.hitsAt(5)).toBe(45);
    expect(curve.hitsAt(1000)).toBe(45);
    expect(curve.hitsAt(0)).toBe(0);
    expect(curve.coldMisses).toBe(5);
    expect(Array.from(curve.distanceCounts)).toEqual([0, 0, 0, 0, 0, 45]);
  });

  it('counts stack distances on a textbook sequence', () => {
    // a b c b a: b at distance 2 (c since), a at distance 3 (b, c since).
    const curve = lruMissRatioCurve(Int32Array.from([0, 1, 2, 1, 0]), 3);
    expect(Array.from(curve.distanceCounts)).toEqual([0, 0, 1, 1]);
    expect([1, 2, 3].map((c) => curve.hitsAt(c))).toEqual([0, 1, 2]);
  });

  it('handles an empty trace', () => {
    expect(lruMissRatioCurve(new Int32Array(0), 0).hitsAt(10)).toBe(0);
  });
});
