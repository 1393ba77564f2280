import { describe, expect, it } from 'vitest';
import { keyStore } from '../cache-test-helpers';
import { expectSameHitsAsReference } from './policy-test-kit';

/**
 * SIEVE as in the paper's pseudocode, over an array whose index 0 is the tail (oldest) and whose
 * last index is the head (newest); `hand` is an index, or -1 for "none".
 */
function sieveReference(trace: readonly number[], capacity: number): boolean[] {
  const queue: number[] = [];
  const visited = new Map<number, boolean>();
  let hand = -1;
  return trace.map((key) => {
    if (queue.includes(key)) {
      visited.set(key, true);
      return true;
    }
    if (queue.length === capacity) {
      let o = hand === -1 ? 0 : hand;
      while (visited.get(queue[o] ?? -1) === true) {
        visited.set(queue[o] ?? -1, false);
        o = o + 1 === queue.length ? 0 : o + 1;
      }
      visited.delete(queue[o] ?? -1);
      queue.splice(o, 1);
      // The hand stays at the evicted entry's newer neighbour, now at index o (none past the head).
      hand = o < queue.length ? o : -1;
    }
    queue.push(key);
    visited.set(key, false);
    return false;
  });
}

describe('sieve', () => {
  expectSameHitsAsReference('sieve', sieveReference);

  it('keeps survivors in place and resumes from where the hand stopped', () => {
    const s = keyStore('sieve', 4);
    for (const k of [1, 2, 3, 4]) s.set(k, 1, k);
    s.get(1, 5);
    s.get(3, 5);
    // From the tail: 1 visited (cleared), 2 evicted; the hand rests on 3.
    expect(s.set(5, 1, 6)).toEqual({ ok: true, evicted: [2] });
    s.get(1, 7);
    // From 3: visited (cleared), 4 evicted. 1, visited again, is not reached.
    expect(s.set(6, 1, 8)).toEqual({ ok: true, evicted: [4] });
    // From 5 (newer than 4): never hit, evicted; the new key 6 sits past it at the head.
    expect(s.set(7, 1, 9)).toEqual({ ok: true, evicted: [5] });
    expect(s.entries(9).map((e) => e.key)).toEqual(expect.arrayContaining([1, 3, 6, 7]));
  });
});
