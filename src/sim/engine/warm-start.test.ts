/**
 * The warm-up job (stampede.warmOnStart) runs in pieces before the first event: building an
 * engine does not load the keys, `prepare` and `runUntil` (within its budget) do. However it is
 * sliced, the run is the one that loads every key at once.
 */
import { describe, expect, it } from 'vitest';
import { scenarioOrThrow } from '../scenario/scenario-schema';
import { createEngine, type EngineExt } from './engine';

const WARM = scenarioOrThrow({
  seed: 9,
  durationMs: 4_000,
  warmupMs: 0,
  workload: { keys: 50_000, requestsPerSec: 2_000, writeFraction: 0.1 },
  cache: { capacityKeys: 20_000, ttlMs: 3_000, jitterPct: 20 },
  stampede: { warmOnStart: true },
});

function outcome(engine: EngineExt): string {
  engine.runUntil(engine.scenario.durationMs);
  return JSON.stringify({
    windows: engine.drainWindows(),
    totals: engine.totals(),
    trace: engine.drainTrace(),
    keys: engine.inspectKeys([0, 1, 19_999, 20_000]),
  });
}

describe('warm start in pieces', () => {
  it('building the engine loads nothing; prepare loads the keys in pieces, then says it is done', () => {
    const engine = createEngine(WARM);
    expect(engine.view().cacheKeys).toBe(0);
    expect(engine.prepare(0)).toBe(false);
    expect(engine.prepare(5_000)).toBe(false);
    expect(engine.view().cacheKeys).toBe(5_000);
    expect(engine.eventsProcessed).toBe(0);
    let calls = 2;
    while (!engine.prepare(5_000)) calls++;
    expect(calls).toBe(4); // 20,000 keys, 5,000 a call

    expect(engine.view().cacheKeys).toBe(20_000);
    expect(engine.prepare(0)).toBe(true);
  });

  it('gives the same run whether the keys are loaded at once, by prepare or by a sliced runUntil', () => {
    const atOnce = outcome(createEngine(WARM, { trace: true }));
    const prepared = createEngine(WARM, { trace: true });
    while (!prepared.prepare(777));
    expect(outcome(prepared)).toBe(atOnce);
    // runUntil in slices of 3,000 units: the warm-up's keys count against the budget.
    const sliced = createEngine(WARM, { trace: true });
    let slices = 0;
    while (!sliced.runUntil(WARM.durationMs, 3_000)) slices++;
    expect(slices).toBeGreaterThan(6);
    expect(outcome(sliced)).toBe(atOnce);
  });

  it('a live change, a step or a checkpoint first finishes the warm-up', () => {
    const reference = createEngine(WARM, { trace: true });
    reference.prepare(Infinity);
    reference.injectFault({ kind: 'cache-restart' });
    const early = createEngine(WARM, { trace: true });
    early.prepare(100);
    early.injectFault({ kind: 'cache-restart' });
    expect(outcome(early)).toBe(outcome(reference));
    const stepped = createEngine(WARM, { trace: true });
    const events = stepped.stepEvent();
    expect(events.some((e) => e.type === 'cache.warm')).toBe(true);
    expect(createEngine(WARM).checkpoint().tMs).toBe(0);
  });
});
