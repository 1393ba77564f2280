import { describe, expect, it } from 'vitest';
import { formatClock, formatSimTime, timeTicks } from './format-time';

describe('simulated time formatting', () => {
  it('reads as a clock', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(30_000)).toBe('0:30');
    expect(formatClock(61_900)).toBe('1:01');
    expect(formatClock(3_600_000)).toBe('1:00:00');
    expect(formatClock(Number.NaN)).toBe('—');
  });
  it('shows tenths, and milliseconds inside the first second', () => {
    expect(formatSimTime(12_345)).toBe('0:12.3');
    expect(formatSimTime(0.4632)).toBe('0.46 ms');
    expect(formatSimTime(250)).toBe('250.0 ms');
    expect(formatSimTime(0)).toBe('0:00.0');
  });
});

describe('time axis ticks', () => {
  const labels = (start: number, end: number, max: number) => {
    const t = timeTicks(start, end, max);
    return t.ticks.map(t.format);
  };

  it('never repeats a label, over short and long ranges', () => {
    for (const [start, end] of [
      [0, 1_000],
      [0, 1_500],
      [0, 4_000],
      [12_000, 13_250],
      [0, 60_000],
      [3_000, 303_000],
      [0, 3_600_000],
      [0, 7 * 86_400_000],
    ] as const) {
      for (const max of [2, 3, 5, 8, 12]) {
        const shown = labels(start, end, max);
        expect(new Set(shown).size, `${start}-${end} at ${max}`).toBe(shown.length);
        expect(shown.length).toBeLessThanOrEqual(max);
        expect(shown.length).toBeGreaterThan(0);
      }
    }
  });

  it('uses round steps and stays inside the range', () => {
    expect(timeTicks(0, 60_000, 7)).toMatchObject({ stepMs: 10_000 });
    expect(labels(0, 60_000, 7)).toEqual(['0:00', '0:10', '0:20', '0:30', '0:40', '0:50', '1:00']);
    expect(labels(0, 1_000, 6)).toEqual([
      '0:00.0',
      '0:00.2',
      '0:00.4',
      '0:00.6',
      '0:00.8',
      '0:01.0',
    ]);
    expect(labels(12_300, 14_000, 4)).toEqual(['0:12.5', '0:13.0', '0:13.5', '0:14.0']);
    const { ticks } = timeTicks(3_100, 9_900, 5);
    expect(ticks).toEqual([4_000, 6_000, 8_000]);
  });

  it('copes with an empty range', () => {
    expect(labels(5_000, 5_000, 5)).toEqual(['0:05.000']);
  });
});
