/** Real engine runs for the playground's tests, shaped as the playground receives a finished run. */
import { createEngine } from '../../sim/engine/engine';
import { scenarioOrThrow, type ScenarioInput } from '../../sim/scenario/scenario-schema';
import type { SummaryInput } from './run-summary';

/**
 * A 20 s run (5 s warm-up) of the default workload with `input` applied. With the default 50 ms
 * DB, a pool of 50 connections keeps up (up to 1,000 reads/s); a pool of 5 (100 reads/s) cannot.
 */
export function engineRun(input: ScenarioInput): SummaryInput {
  const scenario = scenarioOrThrow({ durationMs: 20_000, warmupMs: 5_000, ...input });
  const engine = createEngine(scenario);
  engine.runUntil(scenario.durationMs);
  return {
    totals: engine.totals(),
    windows: engine.drainWindows(),
    markers: engine.markers(),
    scenario,
  };
}
