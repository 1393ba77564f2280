/** Number formatting shared by every view, so the same quantity always reads the same way. */
import type { Totals } from '../sim/engine/engine-types';
import { p99CountingUnfinished } from '../sim/metrics/unfinished-p99';

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * `n.toLocaleString('en-US', options)`, with the formatter built once per set of options: each
 * `toLocaleString` call with options builds a new Intl.NumberFormat, and the playground formats
 * dozens of numbers on every worker report.
 */
export function localeNumber(n: number, options: Intl.NumberFormatOptions = {}): string {
  const key = JSON.stringify(options);
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat('en-US', options);
    formatters.set(key, f);
  }
  return f.format(n);
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
