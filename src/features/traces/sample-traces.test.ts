import { describe, expect, it } from 'vitest';
import { runPolicy } from '../../sim/trace/trace-runner';
import {
  denseTrace,
  LOOP_CACHE_KEYS,
  loopTrace,
  SAMPLE_IDS,
  sampleTrace,
  shiftingHotSet,
  zipfWithScans,
} from './sample-traces';

describe('sample traces', () => {
  it('numbers keys densely in order of first appearance', () => {
    const t = denseTrace(Int32Array.from([7, 3, 7, 9]));
    expect([...t.keys]).toEqual([0, 1, 0, 2]);
    expect(t.uniqueKeys).toBe(3);
  });

  it('a loop one key larger than the cache never hits under LRU, and always hits one size up', () => {
    const t = loopTrace(5 * (LOOP_CACHE_KEYS + 1), LOOP_CACHE_KEYS + 1);
    expect(t.uniqueKeys).toBe(LOOP_CACHE_KEYS + 1);
    expect(runPolicy('allkeys-lru', t.keys, t.uniqueKeys, LOOP_CACHE_KEYS).hits).toBe(0);
    expect(runPolicy('allkeys-lru', t.keys, t.uniqueKeys, LOOP_CACHE_KEYS + 1).hits).toBe(
      4 * (LOOP_CACHE_KEYS + 1),
    );
  });

  it('scans insert runs of keys never seen before', () => {
    const t = zipfWithScans(1200, 100, 1, 100, 20, 1);
    expect(t.keys.length).toBe(1200);
    // 10 scans of 20 fresh keys each, on top of at most 100 Zipf keys.
    expect(t.uniqueKeys).toBeGreaterThan(200);
    expect(t.uniqueKeys).toBeLessThanOrEqual(300);
  });

  it('a shifting hot set brings fresh keys in each phase and is reproducible', () => {
    const a = shiftingHotSet(4000, 1000, 10, 0.9, 1000, 5);
    const b = shiftingHotSet(4000, 1000, 10, 0.9, 1000, 5);
    expect([...a.keys]).toEqual([...b.keys]);
    const firstPhase = new Set(a.keys.subarray(0, 1000));
    const lastPhase = new Set(a.keys.subarray(3000));
    let shared = 0;
    for (const k of lastPhase) if (firstPhase.has(k)) shared++;
    expect(shared).toBeLessThan(lastPhase.size / 2);
  });

  it('every sample is a valid trace', () => {
    for (const id of SAMPLE_IDS) {
      const t = sampleTrace(id);
      expect(t.keys.length).toBeGreaterThan(0);
      let max = -1;
      for (const k of t.keys) max = Math.max(max, k);
      expect(max).toBe(t.uniqueKeys - 1);
    }
  });
});
