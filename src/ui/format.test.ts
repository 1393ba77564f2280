import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatFactor,
  formatFactorAtLeast,
  formatMs,
  formatMsAtLeast,
  formatNumber,
  formatP99CountingUnfinished,
  localeNumber,
} from './format';
import { runTotals, saturatedTotals, unfinishedAtEnd } from './metric-fixtures';

/** Numbers across many magnitudes, some with few decimals (like rates and latencies). */
const numbers = fc.oneof(
  fc.double({ noNaN: true }),
  fc.double({ min: -1e7, max: 1e7, noNaN: true }),
  fc.integer({ min: -1e9, max: 1e9 }).map((i) => i / 1000),
  fc.integer({ min: -1e6, max: 1e6 }).map((i) => i / 8),
);

describe('localeNumber', () => {
  test.prop([numbers, fc.integer({ min: 0, max: 6 })], { numRuns: 2000 })(
    'reads as toLocaleString en-US with maximumFractionDigits',
    (n, digits) => {
      expect(localeNumber(n, { maximumFractionDigits: digits })).toBe(
        n.toLocaleString('en-US', { maximumFractionDigits: digits }),
      );
    },
  );

  test.prop([numbers, fc.integer({ min: 1, max: 6 })], { numRuns: 2000 })(
    'reads as toLocaleString en-US with maximumSignificantDigits',
    (n, digits) => {
      expect(localeNumber(n, { maximumSignificantDigits: digits })).toBe(
        n.toLocaleString('en-US', { maximumSignificantDigits: digits }),
      );
    },
  );

  it('matches Intl at the edges: halves, carries, tiny, huge, signs and non-numbers', () => {
    const edges = [
      0,
      -0,
      0.5,
      1.005,
      2.5,
      9.995,
      99.5,
      999.9995,
      999_999.5,
      -1234.5,
      0.0095,
      0.0001,
      -0.0001,
      1e-10,
      5e-324,
      1e21,
      1.7976931348623157e308,
      Number.NaN,
      Infinity,
      -Infinity,
    ];
    for (const n of edges) {
      expect(localeNumber(n)).toBe(n.toLocaleString('en-US'));
      expect(localeNumber(n, { maximumFractionDigits: 2 })).toBe(
        n.toLocaleString('en-US', { maximumFractionDigits: 2 }),
      );
      expect(localeNumber(n, { maximumSignificantDigits: 2 })).toBe(
        n.toLocaleString('en-US', { maximumSignificantDigits: 2 }),
      );
    }
    expect(localeNumber(1_234_567.891)).toBe('1,234,567.891');
    expect(localeNumber(1.005, { maximumFractionDigits: 2 })).toBe('1.01');
    expect(localeNumber(-0.0001)).toBe('-0');
  });

  it('formats what the views show', () => {
    expect(formatCount(12_345.6)).toBe('12,346');
    expect(formatNumber(0.000123)).toBe('0.00012');
    expect(formatNumber(1234.567)).toBe('1,234.57');
    expect(formatFactor(3.14159)).toBe('3.14×');
    expect(formatFactor(1234.4)).toBe('1,234×');
  });
});

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
