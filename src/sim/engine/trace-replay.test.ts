/**
 * A trace replay: the engine takes its keys from a loaded trace's sequence, in order, at the
 * scenario's request rate, and stops sending requests when the trace is used up.
 */
import { describe, expect, it } from 'vitest';
import { scenarioOrThrow, type ScenarioInput } from '../scenario/scenario-schema';
import { zipfTrace } from '../trace/synthetic-trace';
import { runPolicy } from '../trace/trace-runner';
import { createEngine, restoreEngine } from './engine';

function replayInput(requests: number, uniqueKeys: number, rps: number): ScenarioInput {
  return {
    seed: 9,
    // Long enough for every key: Poisson arrivals at `rps` rarely fall 5% short.
    durationMs: Math.ceil((requests / rps) * 1000 * 1.05) + 1000,
    warmupMs: 0,
    windowMs: 1000,
    workload: {
      requestsPerSec: rps,
      writeFraction: 0,
      keys: uniqueKeys,
      popularity: { kind: 'trace', name: 'zipf-test.txt', requests, uniqueKeys },
    },
    cache: { policy: 'allkeys-lru', capacityKeys: 200, ttlMs: null, latencyMs: 0 },
    db: { readLatencyMs: 0, latencyVariation: 'fixed' },
  };
}

describe('trace replay', () => {
  const trace = zipfTrace(20_000, 3000, 0.9, 4);
  const input = replayInput(trace.keys.length, trace.uniqueKeys, 2000);

  it('requests exactly the trace keys, in order, then no more', () => {
    const seen: number[] = [];
    const engine = createEngine(scenarioOrThrow(input), {
      traceKeys: trace.keys,
      onRequest: (key) => seen.push(key),
    });
    engine.runToEnd();
    expect(seen).toEqual([...trace.keys]);
    expect(engine.totals().reads).toBe(trace.keys.length);
  });

  it('an LRU-only scenario (no TTL, no writes, zero latencies) hits as the trace runner does, at 1 M requests', () => {
    const big = zipfTrace(1_000_000, 100_000, 0.8, 11);
    const s = scenarioOrThrow(replayInput(big.keys.length, big.uniqueKeys, 100_000));
    const engine = createEngine(s, { traceKeys: big.keys });
    engine.runToEnd();
    const runner = runPolicy('allkeys-lru', big.keys, big.uniqueKeys, 200);
    expect(engine.totals().reads).toBe(1_000_000);
    expect(engine.totals().hits).toBe(runner.hits);
  });

  it('continues from a checkpoint at the same key, and after a live rate change', () => {
    const s = scenarioOrThrow(input);
    const original = createEngine(s, { traceKeys: trace.keys });
    original.runUntil(3000);
    const restored = restoreEngine(original.checkpoint(), { traceKeys: trace.keys });
    original.applyPatch({ workload: { requestsPerSec: 4000 } });
    restored.applyPatch({ workload: { requestsPerSec: 4000 } });
    original.runToEnd();
    restored.runToEnd();
    expect(restored.totals()).toEqual(original.totals());
    // The rate change rebuilt the workload; it went on from the next key, so every key ran once.
    expect(original.totals().reads).toBe(trace.keys.length);
  });

  it('refuses to run without the key sequence, saying where to get it', () => {
    expect(() => createEngine(scenarioOrThrow(input))).toThrow(/not loaded.*Traces page/);
    expect(() =>
      createEngine(scenarioOrThrow(input), { traceKeys: trace.keys.subarray(1) }),
    ).toThrow(/19999 requests/);
  });

  it('validates the replay fields, naming them', () => {
    const wrongKeys = { ...input, workload: { ...input.workload, keys: 10 } };
    expect(() => scenarioOrThrow(wrongKeys)).toThrow(
      `workload.keys must equal workload.popularity.uniqueKeys (${trace.uniqueKeys}) for a trace replay`,
    );
    const withScan = { ...input, workload: { ...input.workload, scan: {} } };
    expect(() => scenarioOrThrow(withScan)).toThrow(
      'workload.scan must be null for a trace replay',
    );
    const noName = {
      workload: { keys: 5, popularity: { kind: 'trace', name: '', requests: 5, uniqueKeys: 5 } },
    };
    expect(() => scenarioOrThrow(noName)).toThrow(
      "workload.popularity.name must be the trace's name (1-200 characters)",
    );
  });
});

describe('live changes that need a new engine', () => {
  it('refuse to switch on a trace replay or a scan in a running engine, changing nothing', () => {
    const engine = createEngine(scenarioOrThrow({ warmupMs: 0, workload: { keys: 100 } }));
    engine.runUntil(1000);
    expect(() => {
      engine.applyPatch({
        workload: {
          keys: 3,
          popularity: { kind: 'trace', name: 't', requests: 3, uniqueKeys: 3 },
        },
      });
    }).toThrow(/start the replay from the Traces page/);
    expect(() => {
      engine.applyPatch({ workload: { scan: { everyMs: 500 } } });
    }).toThrow(/workload\.scan cannot be switched on/);
    expect(engine.scenario.workload.popularity.kind).toBe('zipf');
    engine.runUntil(2000);
    expect(engine.totals().requests).toBeGreaterThan(0);
  });
});
