import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../sim/scenario/scenario-schema';
import { runTotals, saturatedTotals, unfinishedAtEnd } from '../../ui/metric-fixtures';
import { engineRun } from './engine-run-fixture';
import {
  hitRatioVerdict,
  isHitRatioVerdict,
  runVerdict,
  SLOW_P99_FACTOR,
  type Verdict,
} from './verdict';

const DB_MS = 50;

function text(v: Verdict): string {
  return `${v.title}. ${v.advice} ${v.rule}`;
}

describe('the verdict looks at the DB queue and latency before the hit ratio', () => {
  it('a calm run is judged by the rules of thumb', () => {
    const v = runVerdict({ totals: runTotals(), saturatedNow: false, dbReadLatencyMs: DB_MS });
    expect(v).toEqual(hitRatioVerdict(0.9));
    expect(text(v)).toBe(
      'Above 80%. Worth it. Rule of thumb: below 50% rethink, above 80% worth it, above 95% excellent.',
    );
  });

  it('while the DB cannot keep up it says so, with the queue and the unfinished requests', () => {
    const v = runVerdict({
      totals: saturatedTotals(),
      saturatedNow: true,
      dbReadLatencyMs: DB_MS,
    });
    expect(v.level).toBe('overloaded');
    expect(text(v)).toBe(
      'The database cannot keep up. Its queue reached 61,234 operations since warm-up; 63,000 requests are unfinished; p99 since warm-up is at least 39.5 s counting the 63,000 unfinished requests at their age (21 s over the 37,000 finished). The 25.0% hit ratio counts the lookups the cache answered; it does not show how long the misses waited at the database.',
    );
  });

  it('a high hit ratio never reads "worth it" while the DB is saturated', () => {
    for (const hitRatio of [0.85, 0.97]) {
      const v = runVerdict({
        totals: saturatedTotals({ hitRatio }),
        saturatedNow: true,
        dbReadLatencyMs: DB_MS,
      });
      expect(v.level).toBe('overloaded');
      expect(text(v)).not.toMatch(/worth it|excellent/i);
    }
  });

  it('after the DB has recovered it says for how long it fell behind', () => {
    const v = runVerdict({
      totals: runTotals({
        hitRatio: 0.985,
        dbSaturatedMs: 2000,
        dbQueuePeak: 665,
        latencyMs: { p50: 0.5, p95: 2, p99: 193, max: 2112, mean: 4 },
      }),
      saturatedNow: false,
      dbReadLatencyMs: 200,
    });
    expect(v.level).toBe('strained');
    expect(text(v)).toBe(
      'The database fell behind for 2 s. Its queue reached 665 operations since warm-up; p99 since warm-up is 193 ms. The 98.5% hit ratio counts the lookups the cache answered; it does not show how long the misses waited at the database.',
    );
  });

  it(`calls a p99 over ${SLOW_P99_FACTOR}× the DB read latency slow, even without saturation`, () => {
    const slow = runVerdict({
      totals: runTotals({ latencyMs: { p50: 1, p95: 400, p99: 600, max: 900, mean: 30 } }),
      saturatedNow: false,
      dbReadLatencyMs: DB_MS,
    });
    expect(slow.level).toBe('slow');
    expect(text(slow)).toBe(
      "Requests are slow. p99 since warm-up is 600 ms, 12× the database's read latency (50 ms). The 90.0% hit ratio does not show where that time goes: see the latency chart.",
    );
    // Exactly at the factor is not slow: the claim "over 10×" must hold.
    const edge = runVerdict({
      totals: runTotals({ latencyMs: { p50: 1, p95: 400, p99: 500, max: 900, mean: 30 } }),
      saturatedNow: false,
      dbReadLatencyMs: DB_MS,
    });
    expect(edge.level).toBe('good');
  });

  it('when nothing has finished, states only the lower bound the unfinished ages give', () => {
    const v = runVerdict({
      totals: saturatedTotals({
        completed: 0,
        latencyMs: { p50: 0, p95: 0, p99: 0, max: 0, mean: 0 },
        ...unfinishedAtEnd(100_000, { p99: 49_960, max: 50_000 }, null),
      }),
      saturatedNow: true,
      dbReadLatencyMs: DB_MS,
    });
    // 49.96 s is at least 49.9 s (rounded down), not "at least 50 s".
    expect(v.advice).toBe(
      'Its queue reached 61,234 operations since warm-up; 100,000 requests are unfinished; p99 since warm-up is at least 49.9 s counting the 100,000 unfinished requests at their age.',
    );
  });

  it('a few requests mid-flight at the end, younger than the tail: the finished p99, no bound', () => {
    const v = runVerdict({
      totals: runTotals({
        dbSaturatedMs: 2000,
        dbQueuePeak: 665,
        ...unfinishedAtEnd(6, { p99: 59 }, 61),
      }),
      saturatedNow: false,
      dbReadLatencyMs: DB_MS,
    });
    expect(v.advice).toBe(
      'Its queue reached 665 operations since warm-up; p99 since warm-up is 60 ms.',
    );
  });

  it('slow because of requests that never finished: a lower bound, and says so', () => {
    const v = runVerdict({
      totals: runTotals(unfinishedAtEnd(300, { p99: 5_040, max: 6_000 }, null)),
      saturatedNow: false,
      dbReadLatencyMs: DB_MS,
    });
    expect(v.level).toBe('slow');
    expect(v.advice).toBe(
      "p99 since warm-up is at least 5.04 s counting the 300 unfinished requests at their age (60 ms over the 2,000 finished), at least 100× the database's read latency (50 ms).",
    );
  });
});

describe('the verdict on real engine runs', () => {
  function finalVerdict(input: ScenarioInput): Verdict {
    const { totals, windows, scenario } = engineRun(input);
    return runVerdict({
      totals,
      saturatedNow: windows.at(-1)?.dbSaturated ?? false,
      dbReadLatencyMs: scenario.db.readLatencyMs,
    });
  }

  it('a pool of 5 connections: the DB cannot keep up', () => {
    const v = finalVerdict({ db: { maxConcurrent: 5 } });
    expect(v.level).toBe('overloaded');
    expect(v.title).toBe('The database cannot keep up');
  });

  it('a pool of 50 connections: judged by the hit ratio', () => {
    const v = finalVerdict({ db: { maxConcurrent: 50 } });
    expect(isHitRatioVerdict(v)).toBe(true);
  });
});
