/**
 * Totals.latencyWithUnfinished: latency over every request the totals' latency covers had it
 * finished, the unfinished ones at their age when the run ended. Checked against the trace, one
 * request at a time.
 */
import { describe, expect, it } from 'vitest';
import { LatencyHistogram, quantileRank } from '../metrics/latency-histogram';
import { p99CountingUnfinished } from '../metrics/unfinished-p99';
import { scenarioOrThrow, type ScenarioInput } from '../scenario/scenario-schema';
import { createEngine, restoreEngine } from './engine';
import type { Totals, TraceEvent } from './engine-types';

function run(input: ScenarioInput) {
  const scenario = scenarioOrThrow(input);
  const engine = createEngine(scenario, { trace: true });
  engine.runToEnd();
  return { scenario, engine, totals: engine.totals(), trace: engine.drainTrace() };
}

/**
 * Brute force from the trace: the latency of every client request that finished at or after the
 * warm-up, and the age at `endMs` of every one that never finished.
 */
function fromTrace(trace: readonly TraceEvent[], warmupMs: number, endMs: number) {
  const started = new Map<number, number>();
  const finished: number[] = [];
  for (const e of trace) {
    if (e.requestId === null) continue;
    if (e.type === 'request.start') started.set(e.requestId, e.tMs);
    else if (e.type === 'request.done') {
      const start = started.get(e.requestId);
      if (start === undefined) throw new Error(`request ${e.requestId} finished, never started`);
      started.delete(e.requestId);
      if (e.tMs >= warmupMs) finished.push(e.tMs - start);
    }
  }
  const ages = [...started.values()].map((start) => endMs - start);
  return { finished, ages };
}

function histogramOf(values: readonly number[]): LatencyHistogram {
  const h = new LatencyHistogram();
  for (const v of values) h.add(v);
  return h;
}

/** The nearest-rank p99 of a list, exactly (no histogram). */
function exactP99(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[quantileRank(0.99, sorted.length) - 1] ?? 0;
}

/** Nothing unfinished is counted: exactly the finished requests' latency. */
function expectFinishedOnly(t: Totals): void {
  expect(t.latencyWithUnfinished).toEqual({
    ms: t.latencyMs,
    unfinished: 0,
    p99AtMostMs: t.latencyMs.p99,
  });
}

/**
 * Two app servers; at 4 s the second one stalls (a GC pause) past the end of the run, so the
 * requests sent to it from then on are held, unfinished, while the first one answers in
 * milliseconds. The finished requests' p99 knows nothing of them.
 */
const STALLED: ScenarioInput = {
  seed: 3,
  durationMs: 6_000,
  warmupMs: 1_000,
  workload: { requestsPerSec: 1_000, writeFraction: 0, keys: 1_000 },
  cache: { capacityKeys: null, ttlMs: null },
  db: { readLatencyMs: 20 },
  app: { instances: 2 },
  faults: [{ atMs: 4_000, kind: 'pause-app', instance: 1, forMs: 10_000 }],
};

/**
 * A DB that cannot keep up: every read is a new key (a miss), 200 a second against a pool of 2
 * connections serving 40 a second; the queue grows for the whole run.
 */
const QUEUED: ScenarioInput = {
  seed: 5,
  durationMs: 5_000,
  warmupMs: 1_000,
  workload: { requestsPerSec: 200, writeFraction: 0, popularity: { kind: 'unique' } },
  db: { readLatencyMs: 50, latencyVariation: 'fixed', maxConcurrent: 2 },
};

describe('latency counting unfinished requests', () => {
  it('a stalled server: the finished-only p99 is milliseconds, counting the held requests it is seconds', () => {
    const { totals: t } = run(STALLED);
    const all = t.latencyWithUnfinished;
    // About half of the ~2,000 requests of the last 2 s are held.
    expect(t.inFlight).toBeGreaterThan(800);
    expect(all.unfinished).toBe(t.inFlight);
    expect(t.latencyMs.p99).toBeLessThan(50);
    expect(all.ms.p99).toBeGreaterThan(1_500);
    // The held requests are the slowest 1% and more: the finished latencies give no upper bound.
    expect(all.p99AtMostMs).toBeNull();
    // The oldest held request arrived just before the pause, waiting for its DB read.
    expect(all.ms.max).toBeGreaterThan(1_900);
    expect(all.ms.max).toBeLessThanOrEqual(2_100);
    expect(p99CountingUnfinished(t)).toEqual({
      ms: all.ms.p99,
      atLeast: true,
      atMostMs: Infinity,
    });
  });

  for (const [name, input] of [
    ['stalled server', STALLED],
    ['queued database', QUEUED],
  ] as const) {
    it(`${name}: equals a histogram of every request's latency or age, read from the trace`, () => {
      const { scenario, engine, totals: t, trace } = run(input);
      const { finished, ages } = fromTrace(trace, scenario.warmupMs, engine.nowMs);
      expect(finished).toHaveLength(t.completed);
      expect(ages).toHaveLength(t.inFlight);
      expect(t.latencyMs).toEqual(histogramOf(finished).summary());
      const values = [...finished, ...ages];
      expect(t.latencyWithUnfinished.ms).toEqual(histogramOf(values).summary());
      // Within the histogram's resolution (buckets 2% wide) of the exact nearest-rank p99.
      const exact = exactP99(values);
      expect(Math.abs(t.latencyWithUnfinished.ms.p99 - exact)).toBeLessThanOrEqual(0.011 * exact);
      // The upper bound: the same rank among the finished latencies alone, if there are enough.
      const rank = quantileRank(0.99, values.length);
      const upper = histogramOf(finished).atRank(rank);
      expect(t.latencyWithUnfinished.p99AtMostMs).toBe(
        upper === null ? null : Math.round(upper * 1000) / 1000,
      );
    });
  }

  it('a queued database: most requests are still waiting, so the p99 has no upper bound', () => {
    const { totals: t } = run(QUEUED);
    const all = t.latencyWithUnfinished;
    expect(all.unfinished).toBe(t.inFlight);
    expect(t.inFlight).toBeGreaterThan(700);
    // FIFO: the oldest waiting request is about as old as the last one served waited.
    expect(all.ms.p99).toBeGreaterThanOrEqual(t.latencyMs.p99 * 0.98);
    expect(all.ms.max).toBeGreaterThanOrEqual(t.latencyMs.max);
    expect(all.p99AtMostMs).toBeNull();
  });

  it('a calm run with nothing in flight at the end: exactly the finished latency', () => {
    // Scripted requests only, all done well before the end.
    const { totals: t } = run({
      durationMs: 2_000,
      warmupMs: 500,
      workload: {
        requestsPerSec: 0,
        script: Array.from({ length: 300 }, (_, i) => ({
          atMs: 200 + i * 4,
          op: i % 10 === 0 ? 'write' : 'read',
          key: i % 37,
        })),
      },
    });
    expect(t.inFlight).toBe(0);
    expect(t.completed).toBeGreaterThan(100);
    expectFinishedOnly(t);
  });

  it('a calm run with a few requests mid-flight at the end: younger than the tail, they do not raise p99', () => {
    const { totals: t } = run({
      durationMs: 10_000,
      warmupMs: 2_000,
      workload: { requestsPerSec: 2_000, writeFraction: 0.05, keys: 5_000 },
    });
    const all = t.latencyWithUnfinished;
    expect(t.inFlight).toBeGreaterThan(0);
    expect(all.unfinished).toBe(t.inFlight);
    expect(all.ms.p99).toBeLessThanOrEqual(t.latencyMs.p99);
    expect(all.ms.p99).toBeGreaterThan(t.latencyMs.p99 * 0.9);
    // Were they never to finish, p99 would be the finished latency at its rank: a bound exists.
    expect(all.p99AtMostMs).not.toBeNull();
    expect(all.p99AtMostMs ?? Infinity).toBeGreaterThanOrEqual(all.ms.p99);
    expect(p99CountingUnfinished(t)).toEqual({
      ms: all.ms.p99,
      atLeast: false,
      atMostMs: all.ms.p99,
    });
  });

  it('during the warm-up nothing is counted yet', () => {
    const engine = createEngine(scenarioOrThrow(QUEUED));
    engine.runUntil(900);
    const t = engine.totals();
    expect(t.inFlight).toBeGreaterThan(0);
    expectFinishedOnly(t);
  });

  it('a restored checkpoint reports the same ages', () => {
    const s = scenarioOrThrow(STALLED);
    const engine = createEngine(s);
    engine.runUntil(5_000);
    const back = restoreEngine(engine.checkpoint());
    expect(back.totals()).toEqual(engine.totals());
    engine.runToEnd();
    back.runUntil(s.durationMs);
    expect(back.totals()).toEqual(engine.totals());
    expect(back.totals().latencyWithUnfinished.unfinished).toBeGreaterThan(0);
  });
});

describe('LatencyHistogram.atRank', () => {
  it('is the rank-th smallest as quantile reports it, and null past the count', () => {
    const h = histogramOf([0, 5, 5, 100, 2_000]);
    expect(h.atRank(1)).toBe(0);
    expect(h.atRank(2)).toBeCloseTo(5, -1);
    expect(h.atRank(3)).toBe(h.atRank(2));
    expect(h.atRank(5)).toBe(h.quantile(1));
    expect(h.atRank(5)).toBeLessThanOrEqual(2_000);
    expect(h.atRank(6)).toBeNull();
    expect(h.quantile(0.99)).toBe(h.atRank(quantileRank(0.99, 5)));
  });
});
