import { describe, expect, it } from 'vitest';
import { metricWindow } from './metric-fixtures';
import { appendBounded, toMetricPoints, type ChartWindow } from './metric-points';
import { createEngine } from '../sim/engine/engine';
import { scenarioOrThrow } from '../sim/scenario/scenario-schema';

// A 500 ms window of 20 writes, no reads (a gap in the hit ratio), 5 DB reads and 2 lost writes.
const base = metricWindow(0, {
  widthMs: 500,
  requests: 20,
  reads: 0,
  writes: 20,
  hits: 0,
  misses: 0,
  hitRatio: 0,
  dbReads: 5,
  dbWrites: 20,
  lostWrites: 2,
});

describe('metric points', () => {
  it('turns counts into per-second rates and leaves a gap when there were no reads', () => {
    const [p] = toMetricPoints([{ ...base, tMs: 0 }], 500, [{ fromMs: 0, hitRatio: 0.8 }]);
    expect(p).toMatchObject({
      hitRatio: null,
      dbReadsPerSec: 10,
      dbWritesPerSec: 40,
      lostWritesPerSec: 4,
      theory: 0.8,
    });
  });
  it('takes the theory value in effect at each window', () => {
    const points = toMetricPoints(
      [0, 1000, 2000].map((tMs) => ({ ...base, tMs, reads: 4, hits: 1 })),
      1000,
      [
        { fromMs: 0, hitRatio: 0.5 },
        { fromMs: 1500, hitRatio: null },
      ],
    );
    expect(points.map((p) => p.theory)).toEqual([0.5, 0.5, null]);
    expect(points[0]?.hitRatio).toBe(0.25);
  });
  it('carries refused SETs as a rate and the DB saturation flag as it is', () => {
    const [p] = toMetricPoints(
      [{ ...base, tMs: 0, oomErrors: 7, dbSaturated: true, dbQueueGrowthPerSec: 900 }],
      500,
    );
    expect(p).toMatchObject({ oomErrorsPerSec: 14, dbSaturated: true, dbQueueGrowthPerSec: 900 });
  });
  it("rates a run's last, narrower window over its own width", () => {
    // 2.5 windows of 1 s: the engine closes the last one at 2.5 s, half a window wide.
    const engine = createEngine(
      scenarioOrThrow({
        durationMs: 2_500,
        warmupMs: 0,
        windowMs: 1_000,
        workload: { requestsPerSec: 2_000 },
        cache: { capacityKeys: 10 },
      }),
    );
    engine.runToEnd();
    const windows = engine.drainWindows();
    expect(windows.map((w) => w.widthMs)).toEqual([1000, 1000, 500]);
    const points = toMetricPoints(windows, 1_000);
    const last = windows[2];
    expect(last?.dbReads).toBeGreaterThan(100);
    expect(points[2]?.dbReadsPerSec).toBe((last?.dbReads ?? 0) / 0.5);
    expect(points[2]?.requestsPerSec).toBe((last?.requests ?? 0) * 2);
    expect(points[1]?.dbReadsPerSec).toBe(windows[1]?.dbReads);
    // A window from a lab file written before windows had a width is `windowMs` wide.
    const old: ChartWindow = { ...base, widthMs: undefined };
    expect(toMetricPoints([old], 500)[0]?.dbReadsPerSec).toBe(10);
  });
  it('keeps only the newest points', () => {
    expect(appendBounded([1, 2, 3], [4, 5], 4)).toEqual([2, 3, 4, 5]);
    const same = [1];
    expect(appendBounded(same, [])).toBe(same);
  });
});
