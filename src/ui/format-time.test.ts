import { describe, expect, it } from 'vitest';
import { formatClock, formatSimTime } from './format-time';

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
