import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/engine';
import { scenarioOrThrow } from '../scenario/scenario-schema';
import { runPoliciesOnScenario, scenarioTrace, traceComparableProblem } from './scenario-trace';

const READS_ONLY = {
  seed: 5,
  durationMs: 20_000,
  warmupMs: 0,
  workload: {
    requestsPerSec: 300,
    writeFraction: 0,
    keys: 500,
    scan: { everyMs: 5000, lengthKeys: 200 },
  },
  cache: { policy: 'allkeys-lru', capacityKeys: 50, ttlMs: null, latencyMs: 0 },
  db: { readLatencyMs: 0 },
} as const;

describe('scenario traces', () => {
  it('records every client request of the run, in order, with the engine ids', () => {
    const s = scenarioOrThrow(READS_ONLY);
    const t = scenarioTrace(s);
    const engine = createEngine(s);
    engine.runToEnd();
    expect(t.keys.length).toBe(engine.totals().reads);
    expect(t.writes).toBe(0);
    // Scan keys are fresh ids after the 500 regular ones, read in order.
    const scanKeys = [...t.keys].filter((k) => k >= 500);
    expect(scanKeys.length).toBeGreaterThan(0);
    expect(scanKeys).toEqual(scanKeys.map((_, i) => 500 + i));
    expect(t.idSpace).toBe(500 + scanKeys.length);
  });

  it('the trace runner counts the same hits as the engine for every live policy here', () => {
    for (const policy of ['allkeys-lru', 'allkeys-lfu', 's3fifo', 'wtinylfu'] as const) {
      const s = scenarioOrThrow({ ...READS_ONLY, cache: { ...READS_ONLY.cache, policy } });
      const engine = createEngine(s);
      engine.runToEnd();
      const r = runPoliciesOnScenario(s, [policy, 'opt']);
      expect(r.results[0]?.hits, policy).toBe(engine.totals().hits);
      expect(r.results[1]?.hits ?? 0).toBeGreaterThanOrEqual(engine.totals().hits);
    }
  });

  it('refuses scenarios whose hits the runner would count differently, naming the field', () => {
    const withTtl = scenarioOrThrow({ ...READS_ONLY, cache: { ...READS_ONLY.cache, ttlMs: 1000 } });
    expect(traceComparableProblem(withTtl)).toContain('cache.ttlMs');
    expect(() => runPoliciesOnScenario(withTtl, ['opt'])).toThrow(/cache\.ttlMs/);
    const slowDb = scenarioOrThrow({ ...READS_ONLY, db: { readLatencyMs: 20 } });
    expect(traceComparableProblem(slowDb)).toContain('db.readLatencyMs');
    const writes = scenarioOrThrow({
      ...READS_ONLY,
      workload: { ...READS_ONLY.workload, writeFraction: 0.1 },
    });
    expect(traceComparableProblem(writes)).toContain('workload.writeFraction');
    expect(traceComparableProblem(scenarioOrThrow(READS_ONLY))).toBeNull();
  });
});
