/** Simulated-time formatting shared by charts, playback controls and summaries. */

/** `m:ss` (or `h:mm:ss`) for axis ticks and marker times. */
export function formatClock(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const total = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** `m:ss.t` (tenths) for the running clock; milliseconds below one second, where steps live. */
export function formatSimTime(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms > 0 && ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  const tenths = Math.floor((Math.max(0, ms) % 1000) / 100);
  return `${formatClock(ms)}.${tenths}`;
}

/** Tick spacings a time axis may use, in simulated ms: round numbers a reader can add up. */
const TICK_STEPS_MS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000,
  300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
] as const;

export interface TimeTicks {
  /** Tick positions in simulated ms, ascending, every one a multiple of `stepMs`. */
  readonly ticks: readonly number[];
  readonly stepMs: number;
  /** Formats a tick at the step's resolution, so no two ticks read the same. */
  readonly format: (ms: number) => string;
}

/** `m:ss` plus as many decimals of a second as `stepMs` needs (0 for whole seconds). */
function clockAt(stepMs: number): (ms: number) => string {
  const decimals = stepMs % 1000 === 0 ? 0 : stepMs % 100 === 0 ? 1 : stepMs % 10 === 0 ? 2 : 3;
  if (decimals === 0) return formatClock;
  return (ms: number) => {
    if (!Number.isFinite(ms)) return '—';
    const fraction = ((Math.max(0, ms) % 1000) / 1000).toFixed(decimals).slice(1);
    // A fraction that rounds up to a whole second is never produced: ticks are step multiples.
    return `${formatClock(ms)}${fraction}`;
  };
}

/**
 * Ticks for a time axis over [startMs, endMs] with at most `maxTicks` labels: the smallest round
 * step that fits, its multiples inside the range, and a formatter precise enough for that step.
 * Recharts' own ticks on a numeric axis fall between whole seconds and read "0:00, 0:00, 0:01".
 */
export function timeTicks(startMs: number, endMs: number, maxTicks: number): TimeTicks {
  const span = Math.max(endMs - startMs, 0);
  const limit = Math.max(2, Math.floor(maxTicks));
  const stepMs =
    TICK_STEPS_MS.find((step) => Math.floor(span / step) + 1 <= limit) ??
    Math.ceil(span / (limit - 1) / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(startMs / stepMs) * stepMs; t <= endMs; t += stepMs) ticks.push(t);
  return { ticks, stepMs, format: clockAt(stepMs) };
}
