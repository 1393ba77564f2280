/**
 * Small readers over a lesson run, shared by lesson definitions for predictions and end facts.
 * They read the engine's trace and final key states; nothing here is hand-entered.
 */
import type { Counts, TraceEvent } from '../../sim/engine/engine-types';
import { formatMs } from '../../ui/format';
import { windowRate } from '../../ui/metric-points';
import type { LessonFact, Prediction, RunMeasures } from './lesson-types';

/** Number of trace events of `type` (optionally narrowed). */
export function count(run: RunMeasures, type: string, where?: (e: TraceEvent) => boolean): number {
  let n = 0;
  for (const e of run.trace) if (e.type === type && (where === undefined || where(e))) n++;
  return n;
}

/** Finished client reads with this outcome. */
export function readsWith(run: RunMeasures, outcome: 'hit' | 'miss' | 'stale' | 'error'): number {
  return count(run, 'request.done', (e) => e.outcome === outcome);
}

/** "v3", or "not cached". */
export function cachedVersion(run: RunMeasures, key: number): string {
  const state = run.keys.find((k) => k.key === key);
  if (state?.cache == null) return 'not cached';
  return `v${state.cache.version}`;
}

export function dbVersion(run: RunMeasures, key: number): string {
  const state = run.keys.find((k) => k.key === key);
  return state === undefined ? '—' : `v${state.dbVersion}`;
}

/** Sum of client latencies (mean x finished requests: the mean covers only those). */
export function totalLatencyMs(run: RunMeasures): number {
  return run.totals.latencyMs.mean * run.totals.completed;
}

export function ms(x: number): string {
  return formatMs(Math.round(x * 100) / 100);
}

/** Events of `type` within [fromMs, toMs). */
export function countBetween(
  run: RunMeasures,
  type: string,
  fromMs: number,
  toMs: number,
  where?: (e: TraceEvent) => boolean,
): number {
  return count(
    run,
    type,
    (e) => e.tMs >= fromMs && e.tMs < toMs && (where === undefined || where(e)),
  );
}

/**
 * The busiest second for the database: the most DB reads started in one metric window, per
 * second, and when that window began. Reads the run's windows, so it works for runs too long to
 * trace. `atMs` is NaN when the run has no windows.
 */
export function peakDbReadsPerSec(run: RunMeasures): { perSec: number; atMs: number } {
  let best = { perSec: 0, atMs: Number.NaN };
  for (const w of run.windows) {
    const perSec = windowRate(w.dbReads, w);
    if (perSec > best.perSec) best = { perSec, atMs: w.tMs };
  }
  return best;
}

/** Index of the offered answer nearest to the measured number (ties go to the first). */
export function nearestChoice(prediction: Prediction, measured: number): number {
  let best = 0;
  let bestGap = Number.POSITIVE_INFINITY;
  prediction.choices.forEach((choice, i) => {
    const gap = Math.abs(choice.value - measured);
    if (gap < bestGap) {
      best = i;
      bestGap = gap;
    }
  });
  return best;
}

/** An end fact that is one of the run's totals, as the "Counts so far" panel counts it. */
export function totalFact(label: string, testId: string, counter: keyof Counts): LessonFact {
  return { label, testId, value: (run) => String(run.totals[counter]) };
}

/** Cache commands: GET hits and misses, SETs and refused SETs (not the DB round trips). */
export function isCacheCommand(e: TraceEvent): boolean {
  return (
    e.type === 'cache.hit' ||
    e.type === 'cache.miss' ||
    e.type === 'cache.set' ||
    e.type === 'cache.oom'
  );
}
