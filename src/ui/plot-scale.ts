/**
 * Pure geometry for the live time-series plot (time-series-plot.tsx): "nice" value-axis ticks,
 * line paths with gaps, and the nearest point to a pointer. No DOM, so it is tested directly.
 */

/** Ticks of a value axis from 0: round steps (1, 2, 2.5 or 5 x 10^k) covering `max`. */
export function niceTicks(
  max: number,
  count = 5,
): { readonly max: number; readonly ticks: number[] } {
  if (!Number.isFinite(max) || max <= 0) return { max: 1, ticks: [0, 1] };
  const raw = max / Math.max(1, count - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  // Rounded to the step's precision, so 0.1 + 0.2 never shows as 0.30000000000000004.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  const round = (v: number) => Number(v.toFixed(digits));
  const top = round(Math.ceil(max / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let i = 0; i * step <= top + step / 2; i++) ticks.push(round(i * step));
  return { max: top, ticks };
}

/** The largest finite value of `key` over `rows` (0 when none). */
export function maxOf<T>(rows: readonly T[], pick: (row: T) => number | null): number {
  let max = 0;
  for (const r of rows) {
    const v = pick(r);
    if (v !== null && Number.isFinite(v) && v > max) max = v;
  }
  return max;
}

/**
 * An SVG path through the points, with a gap wherever a value is null (no reads in a window is
 * "no data", not zero). Coordinates to 0.1 px.
 */
export function linePath(
  xs: readonly number[],
  values: readonly (number | null)[],
  y: (v: number) => number,
): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const x = xs[i];
    if (v === null || v === undefined || x === undefined || !Number.isFinite(v)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** Index of the time in ascending `times` nearest to `t` (-1 when empty). */
export function nearestIndex(times: readonly number[], t: number): number {
  if (times.length === 0) return -1;
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  const before = lo - 1;
  if (before >= 0 && Math.abs((times[before] ?? 0) - t) <= Math.abs((times[lo] ?? 0) - t))
    return before;
  return lo;
}
