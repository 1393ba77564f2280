/** Number formatting shared by every view, so the same quantity always reads the same way. */

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
  if (ms >= 3_600_000) return `${trim(ms / 3_600_000)} h`;
  if (ms >= 60_000) return `${trim(ms / 60_000)} min`;
  if (ms >= 1000) return `${trim(ms / 1000)} s`;
  return `${trim(ms)} ms`;
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

function trim(x: number): string {
  return localeNumber(x, { maximumFractionDigits: x < 10 ? 2 : 1 });
}
