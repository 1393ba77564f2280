import { describe, expect, it } from 'vitest';
import { keyStore } from '../cache-test-helpers';
import { expectSameHitsAsReference } from './policy-test-kit';

/**
 * The full 2Q from the paper's pseudocode, queues as arrays with index 0 = tail (oldest / LRU).
 * Kin = max(1, floor(25% c)), Kout = max(1, floor(50% c)); reclaimfor pages out of A1in when Am
 * is empty (see 2q-policy.ts).
 */
function twoQReference(trace: readonly number[], c: number): boolean[] {
  const kin = Math.max(1, Math.floor(c / 4));
  const kout = Math.max(1, Math.floor(c / 2));
  const a1in: number[] = [];
  const am: number[] = [];
  const a1out: number[] = [];
  const reclaimfor = (): void => {
    if (a1in.length + am.length < c) return; // a free page slot
    if (a1in.length > kin || am.length === 0) {
      a1out.push(a1in.shift() ?? -1);
      if (a1out.length > kout) a1out.shift();
    } else {
      am.shift();
    }
  };
  return trace.map((x) => {
    if (am.includes(x)) {
      am.splice(am.indexOf(x), 1);
      am.push(x);
      return true;
    }
    if (a1in.includes(x)) return true;
    if (a1out.includes(x)) {
      reclaimfor();
      am.push(x);
    } else {
      reclaimfor();
      a1in.push(x);
    }
    return false;
  });
}

describe('2q', () => {
  expectSameHitsAsReference('2q', twoQReference);

  it('a key seen again after leaving A1in joins Am, which a scan of new keys does not touch', () => {
    // Capacity 8: Kin 2, Kout 4.
    const s = keyStore('2q', 8);
    let t = 0;
    for (let k = 0; k < 8; k++) s.set(k, 1, t++);
    // A1in holds 0-7 (over Kin): reclaiming pages out 0, then 1, into A1out.
    expect(s.set(100, 1, t++)).toEqual({ ok: true, evicted: [0] });
    expect(s.set(101, 1, t++)).toEqual({ ok: true, evicted: [1] });
    // 0 is remembered: it goes to Am (A1in pages out 2 for it).
    expect(s.set(0, 1, t++)).toEqual({ ok: true, evicted: [2] });
    // A long scan of new keys only cycles A1in; 0 stays.
    for (let k = 1_000; k < 2_000; k++) s.set(k, 1, t++);
    expect(s.peek(0, t)).not.toBeNull();
  });
});
