import { describe, expect, it } from 'vitest';
import { createRng } from '../../rng';
import { keyStore, makeTrace, replayHitFlags } from '../cache-test-helpers';
import { nextRequests } from './opt-policy';
import { expectSameHitsAsReference } from './policy-test-kit';

/** Belady's MIN by brute force: on a miss with a full cache, scan ahead for every resident key. */
function optReference(trace: readonly number[], capacity: number): boolean[] {
  const held: number[] = [];
  return trace.map((key, i) => {
    if (held.includes(key)) return true;
    if (held.length === capacity) {
      let victim = 0;
      let farthest = -1;
      held.forEach((k, j) => {
        const next = trace.indexOf(k, i + 1);
        const distance = next < 0 ? Infinity : next;
        if (distance > farthest) {
          farthest = distance;
          victim = j;
        }
      });
      held.splice(victim, 1);
    }
    held.push(key);
    return false;
  });
}

describe('opt', () => {
  expectSameHitsAsReference('opt', optReference, {
    zipfCases: [{ keys: 300, alpha: 0.9, capacity: 30 }],
  });

  it('precomputes each position’s next request', () => {
    expect(Array.from(nextRequests(Int32Array.from([5, 1, 5, 5, 1, 9])))).toEqual([
      2, 4, 3, 0x7fffffff, 0x7fffffff, 0x7fffffff,
    ]);
    // Huge key ids (the unique workload) take the Map path.
    expect(Array.from(nextRequests(Int32Array.from([9_000_000, 7, 9_000_000])))).toEqual([
      2, 0x7fffffff, 0x7fffffff,
    ]);
  });

  it('exposes the next request of a key, Infinity when it is never requested again', () => {
    const trace = Int32Array.from([1, 2, 1, 3]);
    const s = keyStore('opt', 2, { mode: 'exact' }, 1, trace);
    replayHitFlags(s, trace.subarray(0, 2));
    expect(s.policyValue(1, 2)).toBe(2);
    expect(s.policyValue(2, 2)).toBe(Infinity);
  });

  it('after DELs anywhere in its heap, still evicts the held key needed farthest ahead', () => {
    const trace = makeTrace({ kind: 'zipf', alpha: 0.8 }, 200, 5_000, 11);
    const s = keyStore('opt', 40, { mode: 'exact' }, 1, trace);
    const rng = createRng(3);
    for (let i = 0; i < trace.length; i++) {
      const key = trace[i] ?? 0;
      if (s.getVersion(key, i) >= 0) continue;
      // A DEL is not a request: it only takes a key out of the cache (and out of OPT's heap).
      if (rng.int(4) === 0) {
        const held = s.entries(i);
        const victim = held[rng.int(held.length)];
        if (victim !== undefined) s.del(victim.key, i);
      }
      const nextUse = new Map(s.entries(i).map((e) => [e.key, s.policyValue(e.key, i)]));
      const farthest = Math.max(...[...nextUse.values()].map((n) => n ?? 0));
      s.setFast(key, 1, i, null, 0, false);
      for (const k of s.lastEvicted) expect(nextUse.get(k)).toBe(farthest);
    }
  });

  it('cannot run without the future, and refuses a request out of step with it', () => {
    expect(() => keyStore('opt', 2)).toThrow(/future request sequence/);
    const s = keyStore('opt', 2, { mode: 'exact' }, 1, Int32Array.from([1, 2]));
    s.set(1, 1, 0);
    expect(() => s.set(3, 1, 1)).toThrow(
      /request 1 is for key 3, but the future sequence has key 2/,
    );
  });
});
