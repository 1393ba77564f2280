/**
 * Metric windows as CSV, the one format shared by `npm run sim -- --format csv` and the
 * Playground's export. Spreadsheet-safe: Cells that a spreadsheet would run as a formula (those
 * starting with = + - @, tab or carriage return, also after leading whitespace, which spreadsheets
 * skip: " =1+1" is a formula too) are prefixed with a single quote (OWASP's CSV injection
 * advice); cells with separators, quotes or line breaks are quoted.
 */
import type { Marker, MetricWindow } from '../engine/engine-types';

/**
 * A formula character after any run of whitespace (`\s` covers spaces, tabs, line breaks, NBSP and
 * the other Unicode spaces; U+200B and U+2060 are invisible too), or a leading tab or CR; the
 * full-width ＝ ＋ － ＠ count as well, since some spreadsheets fold them to ASCII.
 */
const FORMULA_START = /^[\s\u200b\u2060]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

/** One CSV cell. Finite numbers are written as they are; everything else is treated as text. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = [
  'tMs',
  // The window's own width: the last one is narrower when the run ends or stops inside it, and
  // its counts cover only that span (rates are counts over widthMs).
  'widthMs',
  'requests',
  'reads',
  'writes',
  'hits',
  'misses',
  'hitRatio',
  'dbReads',
  'dbWrites',
  'dbQueue',
  'dbQueuePeak',
  'dbSaturated',
  'dbQueueGrowthPerSec',
  'completed',
  'latencyP50Ms',
  'latencyP95Ms',
  'latencyP99Ms',
  'latencyMaxMs',
  'latencyMeanMs',
  'evictions',
  'expirations',
  'staleReads',
  'maxStalenessMs',
  'lostWrites',
  'errors',
  'oomErrors',
  'lockWaits',
  'cacheKeys',
  'cacheBytes',
  'cacheState',
  'events',
] as const;

/**
 * The series as CSV (header + one row per window, `\n` line ends); knob changes and faults are
 * listed in the `events` cell of the window they fall in.
 */
export function seriesToCsv(
  windows: readonly MetricWindow[],
  markers: readonly Marker[],
  windowMs: number,
): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const w of windows) {
    const events = markers
      .filter((m) => m.tMs >= w.tMs && m.tMs < w.tMs + windowMs)
      .map((m) => `${m.kind}: ${m.label}`)
      .join('; ');
    const cells: (string | number | null)[] = [
      w.tMs,
      w.widthMs,
      w.requests,
      w.reads,
      w.writes,
      w.hits,
      w.misses,
      w.hitRatio,
      w.dbReads,
      w.dbWrites,
      w.dbQueue,
      w.dbQueuePeak,
      w.dbSaturated ? 1 : 0,
      w.dbQueueGrowthPerSec,
      w.completed,
      w.latencyMs.p50,
      w.latencyMs.p95,
      w.latencyMs.p99,
      w.latencyMs.max,
      w.latencyMs.mean,
      w.evictions,
      w.expirations,
      w.staleReads,
      w.maxStalenessMs,
      w.lostWrites,
      w.errors,
      w.oomErrors,
      w.lockWaits,
      w.cacheKeys,
      w.cacheBytes,
      w.cacheState,
      events === '' ? null : events,
    ];
    rows.push(cells.map(csvCell).join(','));
  }
  return `${rows.join('\n')}\n`;
}
