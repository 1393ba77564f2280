import { describe, expect, it } from 'vitest';
import { linePath, maxOf, nearestIndex, niceTicks } from './plot-scale';

describe('plot scale', () => {
  it('gives round ticks from 0 that cover the maximum', () => {
    expect(niceTicks(463)).toEqual({ max: 600, ticks: [0, 200, 400, 600] });
    expect(niceTicks(800)).toEqual({ max: 800, ticks: [0, 200, 400, 600, 800] });
    expect(niceTicks(3)).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
    expect(niceTicks(0.3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
    // No data, or all zeros: a unit axis rather than a zero-height one.
    expect(niceTicks(0).max).toBe(1);
    for (const max of [0.7, 1, 9.99, 137, 5001, 1e6]) {
      const t = niceTicks(max);
      expect(t.max).toBeGreaterThanOrEqual(max);
      expect(t.ticks.at(-1)).toBe(t.max);
      expect(t.ticks.length).toBeLessThanOrEqual(6);
    }
  });

  it('draws a gap where a window has no value, never a zero', () => {
    const y = (v: number) => 100 - v;
    expect(linePath([0, 10, 20, 30], [1, null, 3, 4], y)).toBe('M0.0,99.0M20.0,97.0L30.0,96.0');
    expect(linePath([], [], y)).toBe('');
  });

  it('finds the largest value and the nearest point', () => {
    expect(maxOf([{ v: 1 }, { v: null }, { v: 7 }], (r) => r.v)).toBe(7);
    expect(nearestIndex([0, 1000, 2000], 1400)).toBe(1);
    expect(nearestIndex([0, 1000, 2000], 1600)).toBe(2);
    expect(nearestIndex([0, 1000, 2000], -50)).toBe(0);
    expect(nearestIndex([], 5)).toBe(-1);
  });
});
