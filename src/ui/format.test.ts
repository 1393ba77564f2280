import { describe, expect, it } from 'vitest';
import {
  formatFactor,
  formatFactorAtLeast,
  formatMs,
  formatMsAtLeast,
  formatP99CountingUnfinished,
} from './format';
import { runTotals, saturatedTotals, unfinishedAtEnd } from './metric-fixtures';

describe('lower bounds are rounded down, so "at least" stays true', () => {
  it('formats milliseconds as formatMs does, never above the value', () => {
    expect(formatMs(49_960)).toBe('50 s');
    expect(formatMsAtLeast(49_960)).toBe('49.9 s');
    expect(formatMsAtLeast(39_500)).toBe('39.5 s');
    expect(formatMsAtLeast(1_999)).toBe('1.99 s');
    expect(formatMsAtLeast(119.785)).toBe('119.7 ms');
    expect(formatMsAtLeast(59_999)).toBe('59.9 s');
    expect(formatMsAtLeast(0.4976)).toBe('0.49 ms');
    expect(formatMsAtLeast(Infinity)).toBe('—');
  });

  it('formats factors as formatFactor does, never above the value', () => {
    expect(formatFactor(9.999)).toBe('10×');
    expect(formatFactorAtLeast(9.999)).toBe('9.99×');
    expect(formatFactorAtLeast(199.9)).toBe('199×');
    expect(formatFactorAtLeast(12)).toBe('12×');
  });
});

describe('the whole-run p99 counting unfinished requests', () => {
  it('reads "≥" and rounds down when they raise it, and plain otherwise', () => {
    expect(formatP99CountingUnfinished(saturatedTotals())).toBe('≥ 39.5 s');
    expect(
      formatP99CountingUnfinished(runTotals(unfinishedAtEnd(20, { p99: 49_960 }, 60_000))),
    ).toBe('≥ 49.9 s');
    expect(formatP99CountingUnfinished(runTotals())).toBe('60 ms');
    // A few mid-flight requests younger than the tail: the figure as it is.
    expect(formatP99CountingUnfinished(runTotals(unfinishedAtEnd(6, { p99: 59 }, 61)))).toBe(
      '59 ms',
    );
  });
});
