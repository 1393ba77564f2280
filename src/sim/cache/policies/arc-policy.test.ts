import { describe, expect, it } from 'vitest';
import { makeTrace } from '../cache-test-helpers';
import { createArcPolicy } from './arc-policy';
import { PolicyDriver } from './policy-driver';
import { expectSameHitsAsReference, storeHitFlags } from './policy-test-kit';

/** ARC straight from the paper's pseudocode (Fig. 4), lists as arrays with index 0 = LRU end. */
function arcReference(trace: readonly number[], c: number): boolean[] {
  const t1: number[] = [];
  const t2: number[] = [];
  const b1: number[] = [];
  const b2: number[] = [];
  let p = 0;
  const take = (list: number[], key: number): void => {
    list.splice(list.indexOf(key), 1);
  };
  const lru = (list: number[]): number => {
    const k = list.shift();
    if (k === undefined) throw new Error('REPLACE on an empty list');
    return k;
  };
  const replace = (x: number): void => {
    if (t1.length >= 1 && ((b2.includes(x) && t1.length === p) || t1.length > p)) b1.push(lru(t1));
    else b2.push(lru(t2));
  };
  return trace.map((x) => {
    if (t1.includes(x)) {
      take(t1, x);
      t2.push(x);
      return true;
    }
    if (t2.includes(x)) {
      take(t2, x);
      t2.push(x);
      return true;
    }
    if (b1.includes(x)) {
      p = Math.min(p + (b1.length >= b2.length ? 1 : b2.length / b1.length), c);
      replace(x);
      take(b1, x);
      t2.push(x);
      return false;
    }
    if (b2.includes(x)) {
      p = Math.max(p - (b2.length >= b1.length ? 1 : b1.length / b2.length), 0);
      replace(x);
      take(b2, x);
      t2.push(x);
      return false;
    }
    const l1 = t1.length + b1.length;
    const total = l1 + t2.length + b2.length;
    if (l1 === c) {
      if (t1.length < c) {
        b1.shift();
        replace(x);
      } else {
        t1.shift();
      }
    } else if (l1 < c && total >= c) {
      if (total === 2 * c) b2.shift();
      replace(x);
    }
    t1.push(x);
    return false;
  });
}

describe('arc', () => {
  expectSameHitsAsReference('arc', arcReference);

  it('REPLACE takes from T1 when x is in B2 and |T1| = p (a trace that reaches that tie)', () => {
    const trace = [
      2, 6, 9, 3, 8, 6, 6, 4, 6, 3, 1, 1, 9, 5, 8, 2, 4, 0, 2, 3, 0, 5, 4, 3, 4, 2, 5, 7, 9, 2, 7,
      2, 9, 3, 2, 7, 3, 8, 4, 6,
    ];
    expect(storeHitFlags('arc', 4, trace)).toEqual(arcReference(trace, 4));
  });

  const capacity = 100;
  const loop = (driver: PolicyDriver, length: number, rounds: number, first: number): void => {
    for (let r = 0; r < rounds; r++) for (let k = 0; k < length; k++) driver.access(first + k);
  };

  it('moves p toward recency (T1) under a loop, then toward frequency (T2) under Zipf', () => {
    const arc = new PolicyDriver(createArcPolicy, capacity, 100_000);
    // A frequent set fills T2 first, so the loop's keys leave T1 into B1 and come back from there.
    loop(arc, capacity, 3, 50_000);
    expect(arc.policy.target).toBe(0);
    loop(arc, 80, 20, 0);
    const afterLoop = arc.policy.target;
    expect(afterLoop).toBeGreaterThan(0.5 * capacity);
    const zipf = makeTrace({ kind: 'zipf', alpha: 1 }, 10_000, 200_000, 5);
    arc.run(zipf);
    expect(arc.policy.target).toBeLessThan(0.5 * afterLoop);
  });

  it('keeps |T1| + |B1| <= c and all four lists within 2c', () => {
    const arc = new PolicyDriver(createArcPolicy, capacity, 5_000);
    const trace = makeTrace({ kind: 'zipf', alpha: 0.8 }, 5_000, 50_000, 2);
    for (const k of trace) {
      arc.access(k);
      const { t1, t2, b1, b2 } = arc.policy.listSizes();
      expect(t1 + t2).toBeLessThanOrEqual(capacity);
      expect(t1 + b1).toBeLessThanOrEqual(capacity);
      expect(t1 + t2 + b1 + b2).toBeLessThanOrEqual(2 * capacity);
    }
  });
});
