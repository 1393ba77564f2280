import { describe, expect, it } from 'vitest';
import { formatSpeed, nextSpeed } from './playback-controls';

describe('speed steps', () => {
  it('moves one offered step at a time and stops at the ends', () => {
    expect(nextSpeed(1, 1)).toBe(2);
    expect(nextSpeed(1, -1)).toBe(0.5);
    expect(nextSpeed(10_000, 1)).toBe(10_000);
    expect(nextSpeed(0.01, -1)).toBe(0.01);
    expect(nextSpeed(3, 1)).toBe(5);
    expect(nextSpeed(3, -1)).toBe(2);
  });
  it('formats speeds', () => {
    expect(formatSpeed(1000)).toBe('1,000×');
    expect(formatSpeed(0.25)).toBe('0.25×');
  });
});
