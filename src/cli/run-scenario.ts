/**
 * Headless run of one scenario: the shared core of `npm run sim` and the tests that check its
 * output. Pure apart from the engine (no I/O), so output is byte-identical for the same input.
 */
import { createEngine } from '../sim/engine/engine';
import type { MetricWindow, Totals } from '../sim/engine/engine-types';
import { parseScenario, type Scenario, type ScenarioIssue } from '../sim/scenario/scenario-schema';

export interface SimOutput {
  readonly scenario: Scenario;
  readonly totals: Totals;
  readonly series: readonly MetricWindow[];
}

export type RunResult =
  | { readonly ok: true; readonly output: SimOutput }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

/** Validate `input` and run it to the end. */
export function runScenario(input: unknown): RunResult {
  const parsed = parseScenario(input);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const engine = createEngine(parsed.scenario);
  const series: MetricWindow[] = [];
  // Drain windows as we go so memory stays bounded by the series itself.
  const step = Math.max(parsed.scenario.windowMs, 10_000);
  for (let t = step; !engine.done; t += step) {
    engine.runUntil(t);
    for (const w of engine.drainWindows()) series.push(w);
  }
  return { ok: true, output: { scenario: parsed.scenario, totals: engine.totals(), series } };
}

/** Columns of the CSV form of `series` (flattening latency and cache fields). */
export const CSV_COLUMNS = [
  'tMs',
  'requests',
  'reads',
  'writes',
  'hits',
  'misses',
  'hitRatio',
  'dbReads',
  'dbWrites',
  'staleReads',
  'maxStalenessMs',
  'lostWrites',
  'evictions',
  'expirations',
  'errors',
  'lockWaits',
  'latencyP50Ms',
  'latencyP95Ms',
  'latencyP99Ms',
  'latencyMaxMs',
  'latencyMeanMs',
  'dbQueue',
  'dbQueuePeak',
  'cacheKeys',
  'cacheBytes',
  'cacheState',
] as const;

/** Render the series as CSV (header + one line per window). */
export function seriesToCsv(series: readonly MetricWindow[]): string {
  const lines: string[] = [CSV_COLUMNS.join(',')];
  for (const w of series) {
    lines.push(
      [
        w.tMs,
        w.requests,
        w.reads,
        w.writes,
        w.hits,
        w.misses,
        w.hitRatio,
        w.dbReads,
        w.dbWrites,
        w.staleReads,
        w.maxStalenessMs,
        w.lostWrites,
        w.evictions,
        w.expirations,
        w.errors,
        w.lockWaits,
        w.latencyMs.p50,
        w.latencyMs.p95,
        w.latencyMs.p99,
        w.latencyMs.max,
        w.latencyMs.mean,
        w.dbQueue,
        w.dbQueuePeak,
        w.cacheKeys,
        w.cacheBytes,
        w.cacheState,
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}
