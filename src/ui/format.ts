/** Number formatting shared by every view, so the same quantity always reads the same way. */

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 3_600_000) return `${trim(ms / 3_600_000)} h`;
  if (ms >= 60_000) return `${trim(ms / 60_000)} min`;
  if (ms >= 1000) return `${trim(ms / 1000)} s`;
  return `${trim(ms)} ms`;
}

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return Math.round(n).toLocaleString('en-US');
}

export function formatNumber(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '—';
  // Small non-zero values keep two significant digits instead of rounding to a misleading 0.
  if (n !== 0 && Math.abs(n) < 10 ** -digits)
    return n.toLocaleString('en-US', { maximumSignificantDigits: 2 });
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

export function formatPct(ratio: number, digits = 1): string {
  if (!Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(digits)}%`;
}

export function formatFactor(x: number): string {
  if (x === Number.POSITIVE_INFINITY) return '∞×';
  if (!Number.isFinite(x)) return '—';
  return `${x >= 100 ? Math.round(x).toLocaleString('en-US') : trim(x)}×`;
}

function trim(x: number): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: x < 10 ? 2 : 1 });
}
