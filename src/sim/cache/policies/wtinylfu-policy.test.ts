import { describe, expect, it } from 'vitest';
import { keyStore } from '../cache-test-helpers';
import { fmix32 } from './frequency-sketch';
import { expectSameHitsAsReference } from './policy-test-kit';

/**
 * A plain count-min sketch with the same shape and hashing as frequency-sketch.ts: 4 rows of
 * `width` counters (16 or the capacity rounded up to a power of two) in ordinary arrays, capped at
 * 15; after 10 x capacity increments every counter and the sample count are halved.
 */
function plainSketch(capacity: number) {
  let width = 16;
  while (width < capacity) width *= 2;
  const rows = Array.from({ length: 4 }, () => new Array<number>(width).fill(0));
  const sampleSize = 10 * Math.max(1, capacity);
  let samples = 0;
  const cells = (key: number): [number, number][] => {
    const h = fmix32(key);
    const step = ((h >>> 16) | (h << 16) | 1) >>> 0;
    return [0, 1, 2, 3].map((r) => [r, (h + Math.imul(r, step)) & (width - 1)]);
  };
  return {
    increment(key: number): void {
      for (const [r, i] of cells(key)) {
        const row = rows[r] ?? [];
        row[i] = Math.min(15, (row[i] ?? 0) + 1);
      }
      if (++samples >= sampleSize) {
        for (const row of rows)
          for (let i = 0; i < width; i++) row[i] = Math.floor((row[i] ?? 0) / 2);
        samples = Math.floor(samples / 2);
      }
    },
    estimate(key: number): number {
      return Math.min(...cells(key).map(([r, i]) => rows[r]?.[i] ?? 0));
    },
  };
}

/**
 * W-TinyLFU as Caffeine's simulator runs it: count the access; a hit moves within its segment (a
 * probation hit promotes, demoting protected's LRU on overflow); a miss enters the window, and a
 * window overflow sends the window's LRU key to probation, where, if the cache is now over
 * capacity, it duels probation's LRU key. Arrays with index 0 = LRU end.
 */
function wtinylfuReference(trace: readonly number[], c: number): boolean[] {
  const windowLimit = Math.max(1, Math.floor(c / 100));
  const protectedLimit = Math.floor((Math.max(0, c - windowLimit) * 80) / 100);
  const window: number[] = [];
  const probation: number[] = [];
  const prot: number[] = [];
  const sketch = plainSketch(c);
  const toMru = (list: number[], key: number): void => {
    list.splice(list.indexOf(key), 1);
    list.push(key);
  };
  return trace.map((x) => {
    sketch.increment(x);
    if (window.includes(x)) {
      toMru(window, x);
      return true;
    }
    if (probation.includes(x)) {
      probation.splice(probation.indexOf(x), 1);
      prot.push(x);
      if (prot.length > protectedLimit) probation.push(prot.shift() ?? -1);
      return true;
    }
    if (prot.includes(x)) {
      toMru(prot, x);
      return true;
    }
    window.push(x);
    if (window.length > windowLimit) {
      const candidate = window.shift() ?? -1;
      probation.push(candidate);
      if (window.length + probation.length + prot.length > c) {
        const victim = probation[0] ?? -1;
        const evict = sketch.estimate(candidate) > sketch.estimate(victim) ? victim : candidate;
        probation.splice(probation.indexOf(evict), 1);
      }
    }
    return false;
  });
}

describe('wtinylfu', () => {
  expectSameHitsAsReference('wtinylfu', wtinylfuReference);

  it('admits a window candidate only if it is estimated more frequent than the victim', () => {
    // Capacity 3: window 1, probation + protected 2 (protected share 1).
    const s = keyStore('wtinylfu', 3);
    let t = 0;
    const read = (k: number): number[] => {
      if (s.getVersion(k, t++) >= 0) return [];
      s.set(k, 1, t);
      return [...s.lastEvicted];
    };
    for (const k of [1, 2, 3]) read(k); // 3 in the window, 1 and 2 in probation
    read(1);
    read(1); // 1: protected, counted 3 times
    // 4 pushes 3 (count 1) out of the window; the victim, probation's LRU 2, also counts 1: 3 loses.
    expect(read(4)).toEqual([3]);
    read(4);
    read(4); // 4, still in the window, now counts 3
    // 5 pushes 4 out; 4 (count 3) beats 2 (count 1) and 2 is evicted.
    expect(read(5)).toEqual([2]);
    expect(s.policyValue(4, t)).toBe(3);
  });
});
