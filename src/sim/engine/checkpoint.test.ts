/**
 * Checkpoints: an engine restored from a checkpoint continues exactly as the original would,
 * byte for byte (windows, totals, trace, markers, views), whatever state it was in.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS, presetScenario } from '../scenario/presets';
import { scenarioOrThrow } from '../scenario/scenario-schema';
import { createEngine, restoreEngine, type EngineExt } from './engine';

function rest(engine: EngineExt, untilMs = Infinity): string {
  engine.runUntil(Math.min(untilMs, engine.scenario.durationMs));
  return JSON.stringify({
    windows: engine.drainWindows(),
    totals: engine.totals(),
    trace: engine.drainTrace(),
    markers: engine.markers(),
    view: engine.view(),
    keys: engine.inspectKeys([0, 1, 2, 3, 4, 5]),
  });
}

describe('checkpoints', () => {
  it.each(PRESETS.map((p) => p.id))(
    'preset %s continues identically from a checkpoint',
    (id) => {
      const scenario = presetScenario(id);
      const cut = Math.min(scenario.durationMs / 2, 20_000);
      const original = createEngine(scenario, { trace: true });
      original.runUntil(cut);
      original.drainTrace();
      const cp = original.checkpoint();
      const restored = restoreEngine(cp, { trace: true });
      // Ten simulated seconds on, traced, then untraced to the end.
      expect(rest(restored, cut + 10_000)).toBe(rest(original, cut + 10_000));
      restored.setTrace(false);
      original.setTrace(false);
      expect(rest(restored)).toBe(rest(original));
    },
    60_000,
  );

  it('mid-scan with a shifting hot set (the scan count and scan stream are restored)', () => {
    const scenario = scenarioOrThrow({
      durationMs: 40_000,
      workload: {
        keys: 2_000,
        scan: { everyMs: 8_000, lengthKeys: 3_000, requestFraction: 0.4 },
        shift: { everyMs: 15_000 },
      },
      cache: { capacityKeys: 200, policy: 'allkeys-lru' },
    });
    const original = createEngine(scenario);
    original.runUntil(17_000);
    const restored = restoreEngine(original.checkpoint());
    expect(rest(restored)).toBe(rest(original));
  });

  it('after live changes and faults, mid-outage, with buffered writes and held locks', () => {
    const scenario = presetScenario('write-behind-crash');
    const original = createEngine(scenario, { trace: true });
    original.runUntil(5_000);
    original.applyPatch({ stampede: { lock: { ttlMs: 2_000 } }, cache: { capacityKeys: 200 } });
    original.injectFault({ kind: 'pause-app', instance: 0, forMs: 1_000 });
    original.runUntil(5_500);
    original.injectFault({ kind: 'cache-down', forMs: 2_000 });
    original.runUntil(6_000);
    const cp = original.checkpoint();
    // A checkpoint is a copy: running the original on does not change it.
    const a = rest(original);
    const b = rest(restoreEngine(cp, { trace: true }));
    const c = rest(restoreEngine(cp, { trace: true }));
    expect(b).toBe(a);
    expect(c).toBe(a);
  }, 60_000);
});
