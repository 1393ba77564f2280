/**
 * One Compare run (one lane on one seed) to the end, as fast as the engine goes. Used by the lane
 * worker and by the tests, so both see exactly the same figures.
 */
import { createEngine } from '../../sim/engine/engine';
import type { MetricWindow, Totals } from '../../sim/engine/engine-types';
import type { Scenario } from '../../sim/scenario/scenario-schema';

/** Simulated time per slice; progress is reported after each. */
const SLICE_MS = 5_000;

export interface FinishedRun {
  readonly totals: Totals;
  /** The whole series, warm-up included (the table picks the windows after warm-up). */
  readonly windows: readonly MetricWindow[];
  /**
   * Why the engine ended the run before its duration (its backlog passed a cap), or null. Such a
   * run's totals are partial and must not be compared as if it had finished.
   */
  readonly stoppedMessage: string | null;
}

/** The engine's early-stop report, where the engine has one (`Engine.stopped`). */
function stopMessage(engine: object): string | null {
  if (!('stopped' in engine)) return null;
  const stopped: unknown = engine.stopped;
  if (typeof stopped !== 'object' || stopped === null || !('message' in stopped)) return null;
  return typeof stopped.message === 'string' ? stopped.message : 'the run was stopped early';
}

/** Run `scenario` to its end; `onProgress` gets the simulated time reached after each slice. */
export function runToEnd(scenario: Scenario, onProgress?: (tMs: number) => void): FinishedRun {
  const engine = createEngine(scenario);
  const windows: MetricWindow[] = [];
  for (let t = SLICE_MS; !engine.done; t += SLICE_MS) {
    engine.runUntil(t);
    for (const w of engine.drainWindows()) windows.push(w);
    onProgress?.(Math.min(t, scenario.durationMs));
  }
  for (const w of engine.drainWindows()) windows.push(w);
  return { totals: engine.totals(), windows, stoppedMessage: stopMessage(engine) };
}
