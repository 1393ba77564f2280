import { describe, expect, it } from 'vitest';
import { keyStore } from '../cache-test-helpers';
import { expectSameHitsAsReference } from './policy-test-kit';

/**
 * The textbook CLOCK: `capacity` frames in a circle, a reference bit each, a hand. A hit sets the
 * bit. A miss fills the next free frame while there is one; then the hand clears set bits,
 * advancing, until it meets a clear one, replaces that frame's page (bit clear) and advances.
 */
function clockReference(trace: readonly number[], capacity: number): boolean[] {
  const frames: number[] = [];
  const bits: number[] = [];
  let hand = 0;
  return trace.map((key) => {
    const i = frames.indexOf(key);
    if (i >= 0) {
      bits[i] = 1;
      return true;
    }
    if (frames.length < capacity) {
      frames.push(key);
      bits.push(0);
      return false;
    }
    while (bits[hand] === 1) {
      bits[hand] = 0;
      hand = (hand + 1) % capacity;
    }
    frames[hand] = key;
    bits[hand] = 0;
    hand = (hand + 1) % capacity;
    return false;
  });
}

describe('clock', () => {
  expectSameHitsAsReference('clock', clockReference);

  it('gives a referenced key a second chance and clears its bit on the way', () => {
    const s = keyStore('clock', 3);
    for (const k of [1, 2, 3]) s.set(k, 1, k);
    s.get(1, 4);
    expect(s.policyValue(1, 4)).toBe(1);
    // The hand passes 1 (clearing its bit) and evicts 2.
    expect(s.set(4, 1, 5)).toEqual({ ok: true, evicted: [2] });
    expect(s.policyValue(1, 5)).toBe(0);
    // 3 is next under the hand, then 1 (its chance used up), then 4.
    expect(s.set(5, 1, 6)).toEqual({ ok: true, evicted: [3] });
    expect(s.set(6, 1, 7)).toEqual({ ok: true, evicted: [1] });
  });
});
