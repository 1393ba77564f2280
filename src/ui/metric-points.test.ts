import { describe, expect, it } from 'vitest';
import type { MetricWindow } from '../sim/engine/engine-types';
import { appendBounded, toMetricPoints } from './metric-points';

const base = {
  requests: 20,
  reads: 0,
  writes: 20,
  hits: 0,
  misses: 0,
  hitRatio: 0,
  dbReads: 5,
  dbWrites: 20,
  staleReads: 0,
  maxStalenessMs: 0,
  lostWrites: 2,
  evictions: 0,
  expirations: 0,
  errors: 0,
  lockWaits: 0,
  completed: 0,
  oomErrors: 0,
  latencyMs: { p50: 1, p95: 2, p99: 3, max: 4, mean: 1 },
  dbQueue: 0,
  dbQueuePeak: 0,
  cacheKeys: 0,
  cacheBytes: 0,
  cacheState: 'up',
  dbSaturated: false,
  dbQueueGrowthPerSec: 0,
} satisfies Omit<MetricWindow, 'tMs'>;

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
  it('keeps only the newest points', () => {
    expect(appendBounded([1, 2, 3], [4, 5], 4)).toEqual([2, 3, 4, 5]);
    const same = [1];
    expect(appendBounded(same, [])).toBe(same);
  });
});
