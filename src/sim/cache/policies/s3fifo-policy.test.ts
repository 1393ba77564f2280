import { describe, expect, it } from 'vitest';
import { keyStore } from '../cache-test-helpers';
import { expectSameHitsAsReference } from './policy-test-kit';

/**
 * S3-FIFO from the paper's Algorithm 1 with plain arrays (index 0 = tail, the oldest), with the
 * choices documented in s3fifo-policy.ts: small share max(1, floor(10% c)), ghost bound c - small
 * share, a promoted entry enters main with frequency 0, no nested main eviction inside EVICTS,
 * and a ghost hit removes the key from the ghost.
 */
function s3fifoReference(trace: readonly number[], capacity: number): boolean[] {
  const smallShare = Math.max(1, Math.floor(capacity / 10));
  const ghostBound = capacity - smallShare;
  const small: number[] = [];
  const main: number[] = [];
  const ghost: number[] = [];
  const freq = new Map<number, number>();
  const f = (k: number): number => freq.get(k) ?? 0;

  const evictMain = (): void => {
    for (;;) {
      const t = main.shift() ?? -1;
      if (f(t) === 0) return;
      freq.set(t, f(t) - 1);
      main.push(t);
    }
  };
  const evict = (): void => {
    if (small.length > 0 && (small.length >= smallShare || main.length === 0)) {
      while (small.length > 0) {
        const t = small.shift() ?? -1;
        if (f(t) > 1) {
          freq.set(t, 0);
          main.push(t);
        } else {
          ghost.push(t);
          if (ghost.length > ghostBound) ghost.shift();
          return;
        }
      }
    }
    evictMain();
  };

  return trace.map((key) => {
    if (small.includes(key) || main.includes(key)) {
      freq.set(key, Math.min(f(key) + 1, 3));
      return true;
    }
    if (small.length + main.length === capacity) evict();
    const g = ghost.indexOf(key);
    if (g >= 0) {
      ghost.splice(g, 1);
      main.push(key);
    } else {
      small.push(key);
    }
    freq.set(key, 0);
    return false;
  });
}

describe('s3fifo', () => {
  expectSameHitsAsReference('s3fifo', s3fifoReference);

  it('a scan of one-time keys does not evict the main queue', () => {
    const capacity = 100;
    const hot = Array.from({ length: 20 }, (_, i) => i);
    const s = keyStore('s3fifo', capacity);
    let t = 0;
    let fresh = 1_000;
    const read = (k: number): void => {
      if (s.getVersion(k, t++) < 0) s.setFast(k, 1, t, null, 0, false);
    };
    // The hot keys come back while in the ghost queue (or while small), so they reach main.
    for (let round = 0; round < 30; round++) {
      for (const k of hot) read(k);
      for (let i = 0; i < 50; i++) read(fresh++);
    }
    for (let i = 0; i < 10_000; i++) read(fresh++);
    for (const k of hot) expect(s.peek(k, t)).not.toBeNull();
    // LRU under the same trace keeps none of them.
    const lru = keyStore('allkeys-lru', capacity);
    fresh = 1_000;
    t = 0;
    for (let round = 0; round < 30; round++) {
      for (const k of hot) if (lru.getVersion(k, t++) < 0) lru.setFast(k, 1, t, null, 0, false);
      for (let i = 0; i < 50; i++) lru.setFast(fresh++, 1, t++, null, 0, false);
    }
    for (let i = 0; i < 10_000; i++) lru.setFast(fresh++, 1, t++, null, 0, false);
    expect(hot.filter((k) => lru.peek(k, t) !== null)).toEqual([]);
  });

  it('promotes a key hit twice while small; a key hit once leaves a ghost that readmits it to main', () => {
    // Capacity 10: small share 1, main share and ghost bound 9.
    const s = keyStore('s3fifo', 10);
    for (let k = 0; k < 10; k++) s.set(k, 1, k);
    s.get(0, 10);
    s.get(0, 11); // key 0: frequency 2
    s.get(1, 12); // key 1: frequency 1
    // Everything sits in small (no eviction yet). Evicting: 0 moves to main, 1 goes to the ghost.
    expect(s.set(10, 1, 13)).toEqual({ ok: true, evicted: [1] });
    expect(s.policyValue(0, 13)).toBe(0);
    // Key 1 comes back from the ghost straight into main: the small queue evicts 2 for it.
    expect(s.set(1, 1, 14)).toEqual({ ok: true, evicted: [2] });
  });
});
