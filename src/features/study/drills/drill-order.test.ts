import { describe, expect, it } from 'vitest';
import { optionOrder } from './drill-order';

describe('optionOrder', () => {
  it('is a permutation of the options', () => {
    for (let a = 0; a < 20; a++) {
      expect([...optionOrder('why-trade-off', a, 4)].sort()).toEqual([0, 1, 2, 3]);
    }
  });

  it('is stable for one attempt (re-renders, reloads)', () => {
    expect(optionOrder('ttl-jitter', 3, 4)).toEqual(optionOrder('ttl-jitter', 3, 4));
  });

  it('differs between consecutive attempts of the same drill', () => {
    for (const id of ['why-trade-off', 'ttl-jitter', 'stampede-lock', 'a', 'b']) {
      for (let a = 1; a < 30; a++) {
        expect(optionOrder(id, a, 4), `${id} attempt ${a}`).not.toEqual(optionOrder(id, a - 1, 4));
      }
      // Two options can only swap.
      expect(optionOrder(id, 1, 2)).not.toEqual(optionOrder(id, 0, 2));
    }
  });

  it('differs between drills on the same attempt', () => {
    const orders = new Set(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => optionOrder(id, 0, 4).join()),
    );
    expect(orders.size).toBeGreaterThan(3);
  });
});
