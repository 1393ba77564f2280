/**
 * The exact key sequence an engine run requests, as a trace, and policies run on it by the trace
 * runner. This is how offline OPT (Belady) gets a ceiling for a scenario: it sees the very
 * requests the engine served, renumbered to dense ids in order of first appearance.
 */
import type { AnyPolicyId } from '../cache/cache-types';
import { createEngine } from '../engine/engine';
import type { Scenario } from '../scenario/scenario-schema';
import { runPolicy, type PolicyRunResult } from './trace-runner';
import { GrowableArray } from './trace-types';

/** The keys a run requested, as the engine numbers them. */
export interface ScenarioTrace {
  /** Key id of each client request, in arrival order (the engine's own ids, not renumbered). */
  readonly keys: Int32Array;
  /** One more than the largest id: the bound the trace runner sizes its tables by. */
  readonly idSpace: number;
  /** Distinct keys requested. */
  readonly uniqueKeys: number;
  /** How many of the requests were writes. */
  readonly writes: number;
}

/**
 * Runs `scenario` to its end and returns the keys its client requests asked for, in order. The
 * ids stay the engine's (they are dense already: the key space, then fresh ids counting up), so
 * a policy whose choices depend on the id itself (W-TinyLFU's hashed sketch) sees the same keys.
 */
export function scenarioTrace(scenario: Scenario): ScenarioTrace {
  const keys = new GrowableArray((n) => new Int32Array(n));
  let writes = 0;
  let idSpace = 0;
  const engine = createEngine(scenario, {
    onRequest: (key, write) => {
      keys.push(key);
      if (key >= idSpace) idSpace = key + 1;
      if (write) writes++;
    },
  });
  engine.runToEnd();
  const all = keys.toArray();
  const seen = new Uint8Array(idSpace);
  let uniqueKeys = 0;
  for (const k of all) {
    if (seen[k] === 0) {
      seen[k] = 1;
      uniqueKeys++;
    }
  }
  return { keys: all, idSpace, uniqueKeys, writes };
}

/**
 * Why the trace runner's hit counts would not be the engine's for `scenario` (null when they
 * are comparable): the runner replays reads only, from an empty cache of a fixed number of keys,
 * with nothing expiring, and counts every request.
 */
export function traceComparableProblem(scenario: Scenario): string | null {
  if (scenario.cache.capacityKeys === null) return 'cache.capacityKeys must be set';
  if (scenario.cache.capacityBytes !== null) return 'cache.capacityBytes must be null';
  if (scenario.cache.ttlMs !== null)
    return 'cache.ttlMs must be null (the trace runner has no TTL)';
  if (scenario.workload.writeFraction > 0) return 'workload.writeFraction must be 0 (reads only)';
  if (scenario.warmupMs > 0) return 'warmupMs must be 0 (the trace runner counts every request)';
  if (scenario.faults.length > 0) return 'faults must be empty';
  if (scenario.stampede.warmOnStart) return 'stampede.warmOnStart must be false';
  if (scenario.app.l1 !== null) return 'app.l1 must be null';
  // With a round trip, a read that arrives while an earlier miss of its key is still at the DB
  // misses too in the engine, where the runner, inserting at once, would count a hit.
  if (scenario.db.readLatencyMs > 0 || scenario.cache.latencyMs > 0)
    return 'db.readLatencyMs and cache.latencyMs must be 0 (a read during an earlier miss of its key would miss in the engine, hit in the runner)';
  return null;
}

/**
 * Runs each policy through the trace runner on the keys `scenario`'s engine run requests, at the
 * scenario's cache size. Throws when the scenario is not one whose numbers the runner can match
 * (see {@link traceComparableProblem}).
 */
export function runPoliciesOnScenario(
  scenario: Scenario,
  policies: readonly AnyPolicyId[],
): { readonly requests: number; readonly uniqueKeys: number; readonly results: PolicyRunResult[] } {
  const problem = traceComparableProblem(scenario);
  if (problem !== null) throw new RangeError(`cannot replay this scenario as a trace: ${problem}`);
  const trace = scenarioTrace(scenario);
  const size = scenario.cache.capacityKeys ?? 1;
  return {
    requests: trace.keys.length,
    uniqueKeys: trace.uniqueKeys,
    results: policies.map((id) => runPolicy(id, trace.keys, Math.max(1, trace.idSpace), size)),
  };
}
