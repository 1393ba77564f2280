/** Number formatting shared by every view, so the same quantity always reads the same way. */
import type { Totals } from '../sim/engine/engine-types';
import { p99CountingUnfinished } from '../sim/metrics/unfinished-p99';

/** How many digits {@link localeNumber} keeps: after the point (default 3), or significant ones. */
export type DigitsOption =
  { readonly maximumFractionDigits?: number } | { readonly maximumSignificantDigits: number };

/**
 * `n.toLocaleString('en-US', options)` for the two options the app uses, digit for digit the same
 * (src/ui/format.test.ts compares them over random numbers), without Intl: the first
 * Intl.NumberFormat of a page loads the locale data, 17-30 ms on a fast desktop and about four
 * times that on a phone, in the middle of the first render of every page that shows a number.
 * Like Intl it rounds the shortest decimal that reads back as `n` (1.005 -> 1.01, unlike
 * `toFixed`), half away from zero, drops trailing zeros, groups thousands with commas and keeps
 * the sign of a negative number that rounds to 0 ("-0").
 */
export function localeNumber(n: number, options: DigitsOption = {}): string {
  if (Number.isNaN(n)) return 'NaN';
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  if (!Number.isFinite(n)) return `${sign}∞`;
  // The shortest round-trip digits d1.d2d3… and the power of ten of d1.
  const [mantissa = '0', exponent = '0'] = Math.abs(n).toExponential().split('e');
  const digits = mantissa.replace('.', '').split('').map(Number);
  const point = Number(exponent) + 1; // digits before the decimal point (may be <= 0)
  const keep =
    'maximumSignificantDigits' in options
      ? options.maximumSignificantDigits
      : point + (options.maximumFractionDigits ?? 3);
  let whole = point; // digits before the point after rounding (a carry can add one)
  let kept = digits.slice(0, Math.max(0, keep));
  if (keep < 0) kept = [];
  if ((digits[Math.max(0, keep)] ?? 0) >= 5 && keep >= 0) {
    // Round half away from zero on the decimal digits, carrying leftwards.
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === 9) kept[i--] = 0;
    if (i >= 0) kept[i] = (kept[i] ?? 0) + 1;
    else {
      kept.unshift(1);
      whole += 1;
    }
  }
  // Kept digits are d1…dk at powers 10^(whole-1)…; pad with zeros to the decimal point.
  const intDigits =
    whole <= 0
      ? '0'
      : kept
          .slice(0, whole)
          .join('')
          .padEnd(whole, '0')
          .replace(/^0+(?=\d)/, '');
  const fracDigits = (whole < 0 ? '0'.repeat(-whole) : '')
    .concat(kept.slice(Math.max(0, whole)).join(''))
    .replace(/0+$/, '');
  const grouped = intDigits.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${sign}${grouped}${fracDigits ? `.${fracDigits}` : ''}`;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const { x, unit } = msUnit(ms);
  return `${trim(x)} ${unit}`;
}

/**
 * A lower bound in ms, as `formatMs` shows it but rounded down, so that "at least" stays true
 * (49.96 s is at least 49.9 s, not at least 50 s).
 */
export function formatMsAtLeast(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const { x, unit } = msUnit(ms);
  return `${trim(floorShown(x))} ${unit}`;
}

function msUnit(ms: number): { readonly x: number; readonly unit: string } {
  if (ms >= 3_600_000) return { x: ms / 3_600_000, unit: 'h' };
  if (ms >= 60_000) return { x: ms / 60_000, unit: 'min' };
  if (ms >= 1000) return { x: ms / 1000, unit: 's' };
  return { x: ms, unit: 'ms' };
}

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return localeNumber(Math.round(n));
}

export function formatNumber(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '—';
  // Small non-zero values keep two significant digits instead of rounding to a misleading 0.
  if (n !== 0 && Math.abs(n) < 10 ** -digits)
    return localeNumber(n, { maximumSignificantDigits: 2 });
  return localeNumber(n, { maximumFractionDigits: digits });
}

export function formatPct(ratio: number, digits = 1): string {
  if (!Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(digits)}%`;
}

export function formatFactor(x: number): string {
  if (x === Number.POSITIVE_INFINITY) return '∞×';
  if (!Number.isFinite(x)) return '—';
  return `${x >= 100 ? localeNumber(Math.round(x)) : trim(x)}×`;
}

/** A lower-bound factor, as `formatFactor` shows it but rounded down ("at least 12×"). */
export function formatFactorAtLeast(x: number): string {
  if (!Number.isFinite(x)) return formatFactor(x);
  return formatFactor(x >= 100 ? Math.floor(x) : floorShown(x));
}

function trim(x: number): string {
  return localeNumber(x, { maximumFractionDigits: x < 10 ? 2 : 1 });
}

/** `x` rounded down to the digits `trim` shows. */
function floorShown(x: number): number {
  const scale = x < 10 ? 100 : 10;
  return Math.floor(x * scale) / scale;
}

/**
 * The whole-run p99 counting requests unfinished at the end at their age: "≥ 17.2 s" (rounded
 * down) when they raise it, so it is only a lower bound; otherwise the figure as it is.
 */
export function formatP99CountingUnfinished(t: Totals): string {
  const p99 = p99CountingUnfinished(t);
  return p99.atLeast ? `≥ ${formatMsAtLeast(p99.ms)}` : formatMs(p99.ms);
}
