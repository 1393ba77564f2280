import { describe, expect, it } from 'vitest';
import { scenarioOrThrow } from '../scenario/scenario-schema';
import { createEngine } from './engine';

/** Hit ratio of the windows between two times. */
function hitRatioBetween(
  windows: { tMs: number; hits: number; reads: number }[],
  from: number,
  to: number,
): number {
  let hits = 0;
  let reads = 0;
  for (const w of windows) {
    if (w.tMs >= from && w.tMs < to) {
      hits += w.hits;
      reads += w.reads;
    }
  }
  return reads === 0 ? 0 : hits / reads;
}

describe('live knob changes', () => {
  const base = {
    seed: 3,
    durationMs: 40_000,
    warmupMs: 1_000,
    workload: { requestsPerSec: 1000, writeFraction: 0, keys: 2000 },
    cache: { capacityKeys: null, ttlMs: 100, jitterPct: 0 },
  };

  it('a TTL change reaches every later SET', () => {
    const engine = createEngine(scenarioOrThrow(base));
    engine.runUntil(20_000);
    engine.applyPatch({ cache: { ttlMs: 600_000 } });
    engine.runUntil(40_000);
    const windows = engine.drainWindows();
    const before = hitRatioBetween(windows, 10_000, 20_000);
    const after = hitRatioBetween(windows, 30_000, 40_000);
    // 100 ms TTL at ~0.5 reads/s per key hardly ever hits; a 10 min TTL keeps almost everything.
    expect(before).toBeLessThan(0.3);
    expect(after).toBeGreaterThan(0.9);
    expect(engine.markers().some((m) => m.kind === 'knob' && m.tMs === 20_000)).toBe(true);
  });

  it('a TTL change keeps the unique workload handing out never-seen keys', () => {
    const engine = createEngine(
      scenarioOrThrow({
        ...base,
        workload: { ...base.workload, popularity: { kind: 'unique' } },
        cache: { capacityKeys: null, ttlMs: 600_000, jitterPct: 0 },
      }),
    );
    engine.runUntil(10_000);
    engine.applyPatch({ cache: { ttlMs: 300_000 } });
    engine.runUntil(20_000);
    expect(engine.totals().hits).toBe(0);
  });
});
