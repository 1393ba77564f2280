/**
 * A UI-less test host for pattern modules (in the spirit of tldraw's `TestEditor`): script a few
 * client requests and faults at exact simulated times, run the real engine with the trace on, and
 * ask what happened — which states a request went through, what the cache and the DB hold, the
 * totals. Each pattern's test file beside it uses this one host.
 *
 * Scripted requests get job ids in arrival order (1, 2, 3...) when nothing else creates jobs
 * first (no Poisson arrivals: `requestsPerSec` defaults to 0 here).
 */
import { createEngine, type EngineExt } from '../engine/engine';
import type { FaultSpec, TraceEvent, Totals } from '../engine/engine-types';
import {
  mergeScenarioInput,
  scenarioOrThrow,
  type Scenario,
  type ScenarioInput,
} from '../scenario/scenario-schema';

interface Scripted {
  readonly atMs: number;
  readonly op: 'read' | 'write';
  readonly key: number;
  readonly instance?: number;
}

/** Defaults that make a run easy to reason about: no random traffic, fixed latencies. */
const TEST_DEFAULTS: ScenarioInput = {
  seed: 1,
  durationMs: 10_000,
  warmupMs: 0,
  workload: { requestsPerSec: 0, writeFraction: 0, keys: 100 },
  cache: { capacityKeys: null, ttlMs: null, jitterPct: 0, latencyMs: 1 },
  db: { readLatencyMs: 10, writeLatencyMs: 10, latencyVariation: 'fixed', maxConcurrent: 10 },
};

export class PatternTestHost {
  private readonly script: Scripted[] = [];
  private readonly faults: (FaultSpec & { atMs: number })[] = [];
  private built: EngineExt | null = null;
  private trace: TraceEvent[] = [];

  constructor(private readonly input: ScenarioInput = {}) {}

  /** A client read of `key` arriving at `atMs` (on `instance`, else round-robin). */
  read(key: number, atMs: number, instance?: number): this {
    return this.add({ atMs, op: 'read', key, ...(instance === undefined ? {} : { instance }) });
  }

  /** A client write of `key` arriving at `atMs`. */
  write(key: number, atMs: number, instance?: number): this {
    return this.add({ atMs, op: 'write', key, ...(instance === undefined ? {} : { instance }) });
  }

  /** A fault at `atMs`. */
  fault(atMs: number, fault: FaultSpec): this {
    if (this.built !== null) throw new Error('add faults before the first run');
    this.faults.push({ ...fault, atMs });
    return this;
  }

  private add(q: Scripted): this {
    if (this.built !== null) throw new Error('script requests before the first run');
    this.script.push(q);
    return this;
  }

  /** The scenario the engine runs (defaults, the test's input, the script and faults). */
  get scenario(): Scenario {
    return this.engine.scenario;
  }

  /** The engine, built on first use. */
  get engine(): EngineExt {
    if (this.built === null) {
      const merged = mergeScenarioInput(TEST_DEFAULTS, this.input);
      const scenario = scenarioOrThrow(
        mergeScenarioInput(merged, {
          workload: { script: this.script },
          faults: this.faults.map((f) => ({
            atMs: f.atMs,
            kind: f.kind,
            ...(f.forMs === undefined ? {} : { forMs: f.forMs }),
            ...(f.factor === undefined ? {} : { factor: f.factor }),
            ...(f.key === undefined ? {} : { key: f.key }),
            ...(f.instance === undefined ? {} : { instance: f.instance }),
          })),
        }),
      );
      this.built = createEngine(scenario, { trace: true });
    }
    return this.built;
  }

  /** Run to `tMs` (default: the end of the scenario). */
  run(tMs?: number): this {
    const engine = this.engine;
    engine.runUntil(tMs ?? engine.scenario.durationMs);
    this.trace.push(...engine.drainTrace());
    return this;
  }

  /** Trace events so far, optionally of one type. */
  events(type?: string): TraceEvent[] {
    return type === undefined ? this.trace.slice() : this.trace.filter((e) => e.type === type);
  }

  /** Trace events of one job (scripted requests are jobs 1, 2, 3... in arrival order). */
  request(id: number): TraceEvent[] {
    return this.trace.filter((e) => e.requestId === id);
  }

  /** The machine states job `id` entered, in order (consecutive repeats collapsed). */
  states(id: number): string[] {
    const out: string[] = [];
    for (const e of this.request(id)) {
      if (e.state !== undefined && out[out.length - 1] !== e.state) out.push(e.state);
    }
    return out;
  }

  /** How job `id` ended (`hit`, `miss`, `stale`, `error`, `write`), or undefined if it has not. */
  outcome(id: number): string | undefined {
    return this.request(id).find((e) => e.type === 'request.done')?.outcome;
  }

  /** The version the cache holds for `key` now (null: not cached). */
  cacheVersion(key: number): number | null {
    return this.engine.inspectKeys([key])[0]?.cache?.version ?? null;
  }

  /** The version the DB holds for `key` now. */
  dbVersion(key: number): number {
    return this.engine.inspectKeys([key])[0]?.dbVersion ?? 0;
  }

  get totals(): Totals {
    return this.engine.totals();
  }
}
