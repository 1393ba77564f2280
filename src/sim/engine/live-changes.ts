/**
 * Live changes: a knob changed while the run goes on takes effect at that simulated moment. The
 * scenario is patched (and validated), every part refreshes what it derives from it, each pattern
 * implementation is reconfigured, and the machines are bound again so constant guards fold for the
 * new configuration. Recorded as a chart marker and a trace event.
 */
import { createLatencySampler } from '../db/db-latency';
import { writeMachineId } from '../patterns/pattern-registry';
import { RNG_STREAM } from '../rng';
import { applyScenarioPatch, type Scenario, type ScenarioPatch } from '../scenario/scenario-schema';
import type { EngineCore } from './core';
import type { Marker } from './engine-types';

/** Short human label for a knob change, e.g. `cache.ttlMs=1000, stampede.lock=on`. */
export function describePatch(patch: ScenarioPatch): string {
  const parts: string[] = [];
  const walk = (prefix: string, value: unknown): void => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(prefix === '' ? k : `${prefix}.${k}`, v);
    } else parts.push(`${prefix}=${JSON.stringify(value)}`);
  };
  walk('', patch);
  return parts.join(', ');
}

/** Whether two settings differ (plain JSON values, compared by content). */
export function changed(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}

/** Apply `patch` now; throws (changing nothing) when the patched scenario is invalid. */
export function applyLivePatch(
  core: EngineCore,
  patch: ScenarioPatch,
  markers: Marker[],
  restartArrivals: () => void,
): void {
  const result = applyScenarioPatch(core.scenario, patch);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  const problem = notLive(core, core.scenario, result.scenario);
  if (problem !== null) throw new Error(problem);
  reconfigure(core, core.scenario, result.scenario, restartArrivals);
  const label = describePatch(patch);
  markers.push({ tMs: core.clock.now, kind: 'knob', label });
  if (core.trace.on) core.trace.note('knob', 'user', null, null, null, label);
}

/** Why `next` cannot take over from `prev` in a running engine, or null when it can. */
function notLive(core: EngineCore, prev: Scenario, next: Scenario): string | null {
  const before = prev.workload.popularity;
  const after = next.workload.popularity;
  if (after.kind === 'trace' && JSON.stringify(after) !== JSON.stringify(before))
    return 'workload.popularity cannot become a trace replay while a run is live: start the replay from the Traces page';
  // Scan keys are fresh ids past the key space; only an engine built for them keeps their
  // per-key state in a bounded ring of rows.
  if (prev.workload.scan === null && next.workload.scan !== null && !core.keys.freshIds)
    return 'workload.scan cannot be switched on while a run is live: load a scenario with it instead';
  return null;
}

/**
 * Make `next` the scenario in effect: every part refreshes what it derives from it, each pattern
 * implementation is reconfigured, and the machines are bound again so constant guards fold for
 * the new configuration. (Also how a checkpoint taken after live changes is restored.)
 */
export function reconfigure(
  core: EngineCore,
  prev: Scenario,
  next: Scenario,
  restartArrivals: () => void,
): void {
  core.scenario = next;
  if (changed(prev.workload, next.workload)) {
    const position = core.workload.position();
    core.workload = core.buildWorkload(next);
    // Scans made so far stay made (the new workload would otherwise owe every scan since 0), and
    // a trace replay goes on from the next key rather than from the trace's start.
    const bothScan = prev.workload.scan !== null && next.workload.scan !== null;
    const bothTrace =
      prev.workload.popularity.kind === 'trace' && next.workload.popularity.kind === 'trace';
    if (bothScan || bothTrace) core.workload.seek(position);
  } else if (prev.cache.ttlMs !== next.cache.ttlMs) core.workload.setDefaultTtl(next.cache.ttlMs);
  if (prev.db.latencyVariation !== next.db.latencyVariation)
    core.db.sampler = createLatencySampler(
      next.db.latencyVariation,
      core.rng(RNG_STREAM.dbLatency),
    );
  core.writeMachine = core.machineOf(writeMachineId(next.pattern.write));
  core.cache.configure(next, prev);
  if (prev.app.instances !== next.app.instances) {
    core.instances = next.app.instances;
    core.rrNext = core.rrNext % core.instances;
  }
  if (prev.workload.requestsPerSec !== next.workload.requestsPerSec) restartArrivals();
  for (const impl of core.impls) impl.configure?.(next, prev);
  // Re-fold the machines' constant guards for the new configuration.
  core.bindAll();
}
