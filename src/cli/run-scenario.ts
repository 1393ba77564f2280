/**
 * Headless run of one scenario: the shared core of `npm run sim` and the tests that check its
 * output. Pure apart from the engine (no I/O), so output is byte-identical for the same input.
 */
import { createEngine } from '../sim/engine/engine';
import type { Marker, MetricWindow, RunStop, Totals } from '../sim/engine/engine-types';
import { p99CountingUnfinished } from '../sim/metrics/unfinished-p99';
import { parseScenario, type Scenario, type ScenarioIssue } from '../sim/scenario/scenario-schema';

export interface SimOutput {
  readonly scenario: Scenario;
  readonly totals: Totals;
  readonly series: readonly MetricWindow[];
  /**
   * Present only when the run ended early because its backlog passed a cap (run-limits.ts):
   * when, which cap, and the sentence the app shows.
   */
  readonly stopped?: RunStop;
}

export type RunResult =
  | {
      readonly ok: true;
      readonly output: SimOutput;
      /** Scheduled faults and other markers, for the CSV's `events` column. */
      readonly markers: readonly Marker[];
    }
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
  const stopped = engine.stopped;
  return {
    ok: true,
    output: {
      scenario: parsed.scenario,
      totals: engine.totals(),
      series,
      ...(stopped === null ? {} : { stopped }),
    },
    markers: engine.markers(),
  };
}

/**
 * A line for stderr when requests still unfinished at the end matter to the p99 (see
 * sim/metrics/unfinished-p99.ts): `totals.latencyMs` then covers only the finished ones, and
 * `totals.latencyWithUnfinished` gives a lower bound. null otherwise.
 */
export function unfinishedNote(t: Totals): string | null {
  const p99 = p99CountingUnfinished(t);
  if (!p99.atLeast) return null;
  const all = t.latencyWithUnfinished;
  return `${all.unfinished} requests were unfinished when the run ended: totals.latencyMs covers the ${t.completed} that finished (p99 ${t.latencyMs.p99} ms); counting the unfinished at their age (totals.latencyWithUnfinished), p99 is at least ${p99.ms} ms.`;
}
