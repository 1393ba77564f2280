/**
 * A live session as a scenario: the scenario the run started from, with the knob changes and
 * faults made while it played added to its `changes` timeline at the simulated times they took
 * effect. Opening the result (URL, exported JSON, the CLI) replays exactly what was seen.
 */
import {
  FAULT_KINDS,
  parseScenario,
  type ParseResult,
  type Scenario,
  type ScenarioChange,
  type ScenarioPatch,
} from './scenario-schema';

/** A fault as injected live (the engine's FaultSpec): omitted fields take the kind's defaults. */
export interface LiveFault {
  readonly kind: (typeof FAULT_KINDS)[number];
  readonly forMs?: number;
  readonly factor?: number;
  readonly key?: number;
  readonly instance?: number;
}

/** One change made live, at the simulated time it took effect. */
export type LiveChange =
  | { readonly atMs: number; readonly patch: ScenarioPatch }
  | { readonly atMs: number; readonly fault: LiveFault };

function toChange(c: LiveChange): ScenarioChange {
  if ('patch' in c) return { atMs: c.atMs, patch: c.patch };
  const f = c.fault;
  return {
    atMs: c.atMs,
    fault: {
      kind: f.kind,
      forMs: f.forMs ?? null,
      factor: f.factor ?? 0,
      key: f.key ?? 0,
      instance: f.instance ?? 0,
    },
  };
}

/**
 * `base` (the scenario at t = 0, with any changes it already had) plus the changes made live, in
 * time order; a live change at the same time as a recorded one comes after it, as it did in the
 * run (the engine applied the recorded one while running up to that time).
 */
export function recordSession(base: Scenario, live: readonly LiveChange[]): ParseResult {
  if (live.length === 0) return { ok: true, scenario: base };
  const changes = [...base.changes];
  for (const c of live) {
    const change = toChange(c);
    let i = changes.length;
    while (i > 0 && (changes[i - 1]?.atMs ?? 0) > change.atMs) i--;
    changes.splice(i, 0, change);
  }
  return parseScenario({ ...base, changes });
}
