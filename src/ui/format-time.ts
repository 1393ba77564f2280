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
