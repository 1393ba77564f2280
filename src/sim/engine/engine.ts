/**
 * The simulation engine: puts the core (clock, queue, records, machines), the DB pool, the cache
 * client, the metrics ledger, faults and live changes together, runs the event loop and offers
 * the public surface (engine-types.ts) to the worker, the CLI, lessons and tests.
 *
 * Pattern logic lives only in the pattern modules (src/sim/patterns: a machine and its
 * implementation per pattern, found through the registry). Runs are reproducible: events at equal
 * times run in scheduling order, and every random draw comes from a seeded stream.
 */
import { ACTIVE_EXPIRE_INTERVAL_MS } from '../cache/cache-types';
import { RNG_STREAM } from '../rng';
import { NO_MORE_KEYS } from '../workload/workload';
import type { Scenario, ScenarioPatch } from '../scenario/scenario-schema';
import {
  type CoreState,
  EngineCore,
  EV_CALL,
  EV_DB_ACK,
  EV_DB_DONE,
  EV_FAULT,
  EV_FAULT_END,
  EV_MACHINE,
  EV_SCRIPT,
  EV_TIMER,
} from './core';
import type {
  Engine,
  EngineCheckpointHandle,
  EngineOptions,
  EngineView,
  Marker,
  RequestOutcome,
  TraceEvent,
  Totals,
} from './engine-types';
import { faultSpecOf, Faults } from './faults';
import { applyLivePatch, reconfigure } from './live-changes';

export { WRITE_ACK_DELAY_MS } from './db-pool';
export { FAULT_DEFAULTS, FAULT_FACTORS } from './faults';
export { describePatch } from './live-changes';

/** Extra engine surface beyond the UI contract (tests, CLI, bench). */
export interface EngineExt extends Engine {
  /** Reads, hits and DB reads of one key after warm-up, for keys named in `options.trackKeys`. */
  keyStats(key: number): {
    readonly reads: number;
    readonly hits: number;
    readonly dbReads: number;
  };
  /** Run to the end of the scenario. */
  runToEnd(): void;
  prepare(maxUnits: number): boolean;
  setTrace(on: boolean): void;
  /**
   * A copy of the engine's whole state now: `restoreEngine` of it continues exactly as this
   * engine would from here (seek backwards without replaying from zero).
   */
  checkpoint(): EngineCheckpoint;
}

/** An engine's state at one moment (see `EngineExt.checkpoint`). */
export interface EngineCheckpoint extends EngineCheckpointHandle {
  /** The scenario the engine was created with (live changes are inside `core`). */
  readonly base: Scenario;
  readonly core: CoreState;
  readonly markers: readonly Marker[];
  readonly faults: Faults['list'];
  /** How many of the scenario's recorded changes were applied. */
  readonly changesApplied: number;
  readonly finished: boolean;
}

/** Options beyond {@link EngineOptions}. */
export interface EngineExtOptions extends EngineOptions {
  /** Keys whose reads/hits are counted individually (see `keyStats`). */
  readonly trackKeys?: readonly number[];
  /**
   * Called with each client request's key as it arrives (Poisson and scripted), in arrival order:
   * how a run's exact key sequence is recorded for offline policies (see sim/trace/scenario-trace).
   */
  readonly onRequest?: (key: number, write: boolean) => void;
}

/** Outcome names by internal code (exported for tests). */
export const OUTCOMES: readonly RequestOutcome[] = ['miss', 'hit', 'miss', 'error', 'write'];

/**
 * Create an engine for a normalised scenario (from `parseScenario`). Nothing runs until
 * `runUntil` / `stepEvent` is called; time starts at 0.
 */
export function createEngine(scenario: Scenario, options: EngineExtOptions = {}): EngineExt {
  return buildEngine(scenario, options, null);
}

/** An engine that continues from a checkpoint (taken with the same options' trackKeys). */
export function restoreEngine(
  checkpoint: EngineCheckpointHandle,
  options: EngineExtOptions = {},
): EngineExt {
  const cp = checkpoint as EngineCheckpoint;
  if (!('core' in cp)) throw new Error('not a checkpoint of this engine');
  return buildEngine(cp.base, options, cp);
}

function buildEngine(
  scenario: Scenario,
  options: EngineExtOptions,
  from: EngineCheckpoint | null,
): EngineExt {
  const core = new EngineCore(scenario, options);
  const { clock, queue, metrics } = core;
  const rngArrivals = core.rng(RNG_STREAM.arrivals);
  const durationMs = scenario.durationMs;
  const windowMs = scenario.windowMs;
  const markerList: Marker[] = [];
  const script = scenario.workload.script;

  // ---- arrivals ----
  // The next client arrival is kept outside the heap (one per request saved a push and a pop);
  // its reserved seq keeps the (time, seq) order identical to a queued event.
  function scheduleArrival(): void {
    clock.nextArrivalT = Infinity;
    const rate = core.scenario.workload.requestsPerSec * core.rateFactor;
    if (rate <= 0) return;
    const t = clock.now + rngArrivals.exponential(1000 / rate);
    if (t <= durationMs) {
      clock.nextArrivalT = t;
      core.nextArrivalSeq = queue.takeSeq();
    }
  }

  function arrive(): void {
    const key = core.workload.nextKey(clock.now);
    if (key === NO_MORE_KEYS) {
      // A trace replay used its last key: no more client requests arrive in this run.
      clock.nextArrivalT = Infinity;
      return;
    }
    const write = core.workload.isWrite(key);
    core.arriveAt(key, write, core.nextInstance());
  }

  /** A scripted request arrives (workload.script[index]). */
  function arriveScripted(index: number): void {
    const q = script[index];
    if (q === undefined) return;
    let inst = q.instance ?? -1;
    if (inst < 0 || inst >= core.instances) inst = core.nextInstance();
    core.arriveAt(q.key, q.op === 'write', inst);
  }

  const faults = new Faults(core, markerList, scheduleArrival);

  // ---- processing ----
  function advanceTo(t: number): void {
    metrics.advanceTo(t);
    clock.now = t;
  }

  /** Time of the next thing to happen (queued event or client arrival). */
  function nextTime(): number {
    const q = queue.peekTime();
    return clock.nextArrivalT < q ? clock.nextArrivalT : q;
  }

  /** Whether the pending client arrival comes before every queued event, by (time, seq). */
  function arrivalFirst(): boolean {
    const at = clock.nextArrivalT;
    if (at === Infinity) return false;
    const qt = queue.peekTime();
    return at < qt || (at === qt && core.nextArrivalSeq < queue.peekSeq());
  }

  function processOne(): void {
    if (arrivalFirst()) processArrival();
    else processQueued();
  }

  /**
   * Run every event (arrivals and queued) at or before `target`: `while (nextTime() <= target)
   * processOne()` with the next event's time looked up once per event instead of twice. Stops
   * early after `maxEvents` events (returns false) or when a run limit halted the run.
   */
  function runLoop(target: number, maxEvents: number): boolean {
    const limit = core.processed + maxEvents;
    for (;;) {
      if (core.stop !== null) return true;
      if (core.processed >= limit) return false;
      const qt = queue.peekTime();
      const at = clock.nextArrivalT;
      // arrivalFirst(), with qt reused (at === qt === Infinity means nothing left at all).
      if (at < qt || (at === qt && at !== Infinity && core.nextArrivalSeq < queue.peekSeq())) {
        if (at > target) return true;
        processArrival();
      } else {
        if (qt > target) return true;
        processQueued();
      }
    }
  }

  function processArrival(): void {
    const t = clock.nextArrivalT;
    if (t >= metrics.windowStart + windowMs || !metrics.inTotals) advanceTo(t);
    else clock.now = t;
    core.processed++;
    scheduleArrival();
    arrive();
  }

  function processQueued(): void {
    queue.pop();
    const t = queue.time;
    const kind = queue.kind;
    const a = queue.a;
    const b = queue.b;
    if (t >= metrics.windowStart + windowMs || !metrics.inTotals) advanceTo(t);
    else clock.now = t;
    core.processed++;
    if (kind === EV_MACHINE) core.machineEvent(a, b);
    else if (kind === EV_DB_DONE) core.db.done(a);
    else processOther(kind, a, b, queue.c);
  }

  /**
   * The less frequent event kinds, kept out of processQueued so that stays small enough for V8 to
   * inline into the run loop.
   */
  function processOther(kind: number, a: number, b: number, c: number): void {
    switch (kind) {
      case EV_TIMER:
        core.timerEvent(a, b, c);
        return;
      case EV_DB_ACK:
        core.db.ack(a);
        return;
      case EV_FAULT:
        faults.apply(a);
        return;
      case EV_FAULT_END:
        faults.end(a);
        return;
      case EV_SCRIPT:
        arriveScripted(a);
        return;
      case EV_CALL:
        core.callTimer(c, a, b);
        return;
    }
  }

  // ---- start-up ----
  core.startBackground('cache-node');
  // Redis's active expire cycle runs every ACTIVE_EXPIRE_INTERVAL_MS for the whole run.
  const expireTimer = core.timer(() => {
    core.cache.activeExpire();
    core.after(expireTimer, ACTIVE_EXPIRE_INTERVAL_MS, 0, 0);
  });
  core.after(expireTimer, ACTIVE_EXPIRE_INTERVAL_MS, 0, 0);
  for (const impl of core.impls) impl.configure?.(core.scenario, null);
  // Fold the machines' constant guards for this configuration.
  core.bindAll();
  // The warm-up job runs before the first event, in pieces (see `prepare`): a restored
  // checkpoint already holds its result.
  let warmNext = 0;
  let warmEnd = from === null && scenario.stampede.warmOnStart ? warmCount() : 0;
  faults.scheduleAll();
  // Scripted requests (read once, here): queued in time order, ties in script order.
  script
    .map((q, i) => ({ at: q.atMs, i }))
    .sort((x, y) => x.at - y.at || x.i - y.i)
    .forEach(({ at, i }) => {
      if (at <= durationMs) queue.push(at, EV_SCRIPT, i, 0, 0);
    });
  scheduleArrival();

  /** warmOnStart: how many keys the warm-up job loads (the most popular, up to capacity). */
  function warmCount(): number {
    const sc = core.scenario;
    const keys = sc.workload.popularity.kind === 'unique' ? 0 : sc.workload.keys;
    let n = sc.cache.capacityKeys === null ? keys : Math.min(keys, sc.cache.capacityKeys);
    if (sc.cache.capacityBytes !== null)
      n = Math.min(n, Math.floor(sc.cache.capacityBytes / sc.workload.valueBytes));
    return n;
  }

  /**
   * The warm-up job, at most `maxKeys` more of its keys: key k (in popularity order) with the
   * scenario's TTL and jitter. It runs before any event and touches nothing an event or the
   * start-up above uses (the cache, the jitter stream), so loading 2 M keys in pieces between the
   * worker's message checks gives the same run as loading them at once. True when it is done.
   */
  function warmSome(maxKeys: number): boolean {
    if (warmNext >= warmEnd) return true;
    if (maxKeys <= 0) return false;
    // The store's arrays at their final size before the first key, not by doubling on the way.
    if (warmNext === 0) core.cache.store.reserve(warmEnd);
    const end = Math.min(warmEnd, warmNext + Math.max(0, maxKeys));
    const truth = core.db.truth;
    for (let k = warmNext; k < end; k++)
      core.cache.store.setFast(
        k,
        truth.db.a[core.rowOf(k)] ?? 0,
        0,
        core.cache.ttlFor(k),
        core.workload.bytesFor(k),
        false,
      );
    warmNext = end;
    if (warmNext < warmEnd) return false;
    if (core.trace.on)
      core.trace.note(
        'cache.warm',
        'warmer',
        'cache',
        null,
        null,
        `warm-up job loaded the ${warmEnd} most popular keys`,
      );
    warmEnd = 0;
    warmNext = 0;
    return true;
  }

  /** Whatever of the warm-up job is left, now (before anything that reads or changes the run). */
  function warmAll(): void {
    warmSome(Infinity);
  }

  // ---- recorded changes (scenario.changes) ----
  // Applied outside the event queue, exactly as a change made live: after every event at or
  // before its time, at that time. So a recorded session replays what was seen.
  const changes = scenario.changes;
  let changesApplied = 0;

  function applyChange(): void {
    const c = changes[changesApplied++];
    if (c === undefined) return;
    if (c.atMs > clock.now) advanceTo(c.atMs);
    if (c.fault !== undefined) faults.inject(faultSpecOf(c.fault));
    else if (c.patch !== undefined) applyLivePatch(core, c.patch, markerList, scheduleArrival);
  }

  /** Time of the next recorded change (Infinity when none is left). */
  function nextChangeMs(): number {
    return changes[changesApplied]?.atMs ?? Infinity;
  }

  /**
   * Run to `target`, applying the recorded changes due on the way; like `runLoop`, stops early
   * after `maxEvents` events (returns false) or when a run limit halted the run.
   */
  function runWithChanges(target: number, maxEvents: number): boolean {
    const limit = core.processed + maxEvents;
    for (let at = nextChangeMs(); at <= target; at = nextChangeMs()) {
      if (!runLoop(at, limit - core.processed)) return false;
      if (core.stop !== null) return true;
      applyChange();
    }
    return runLoop(target, limit - core.processed);
  }

  /** One event, or the recorded change due before it (which counts as the step). */
  function stepOne(): void {
    if (nextChangeMs() < nextTime()) applyChange();
    else processOne();
  }

  // ---- running ----
  let finished = false;
  if (from !== null) {
    reconfigure(core, scenario, from.core.scenario, scheduleArrival);
    core.load(from.core);
    for (const m of from.markers) markerList.push(m);
    faults.list.length = 0;
    for (const f of from.faults) faults.list.push(f);
    changesApplied = from.changesApplied;
    finished = from.finished;
  }
  function finishRun(): void {
    if (finished) return;
    finished = true;
    clock.now = durationMs;
    metrics.finish();
  }

  /** The backlog passed a cap: the run ends here, its last window closing at the stop time. */
  function stopRun(): void {
    if (finished || core.stop === null) return;
    finished = true;
    metrics.finish(core.stop.atMs);
  }

  function runUntilNow(tMs: number, maxEvents = Infinity): boolean {
    if (finished) return true;
    // The warm-up job first, within the same budget (one key counts as one event of work).
    if (warmEnd > 0) {
      const left = warmEnd - warmNext;
      if (!warmSome(maxEvents)) return false;
      maxEvents -= left;
      if (maxEvents <= 0) return false;
    }
    const target = Math.min(tMs, durationMs);
    const reached = runWithChanges(target, maxEvents);
    if (core.stop !== null) {
      stopRun();
      return true;
    }
    if (!reached) return false;
    if (target > clock.now) advanceTo(target);
    if (target >= durationMs) finishRun();
    return true;
  }

  const engine: EngineExt = {
    get scenario() {
      return core.scenario;
    },
    get nowMs() {
      return clock.now;
    },
    get done() {
      return finished;
    },
    get stopped() {
      return core.stop;
    },
    get eventsProcessed() {
      return core.processed;
    },
    runUntil: runUntilNow,
    runToEnd: () => {
      runUntilNow(durationMs);
    },
    prepare(maxUnits: number) {
      return warmSome(maxUnits);
    },
    stepEvent() {
      if (finished) return core.trace.takeStepped();
      warmAll();
      if (Math.min(nextTime(), nextChangeMs()) <= durationMs) stepOne();
      else runUntilNow(durationMs);
      stopRun();
      return core.trace.takeStepped();
    },
    stepRequest() {
      if (finished) return core.trace.takeStepped();
      warmAll();
      const target = core.requestsFinished + 1;
      while (
        core.requestsFinished < target &&
        core.stop === null &&
        Math.min(nextTime(), nextChangeMs()) <= durationMs
      )
        stepOne();
      if (core.requestsFinished < target) runUntilNow(durationMs);
      stopRun();
      return core.trace.takeStepped();
    },
    setTrace(on: boolean) {
      if (on === core.trace.on) return;
      core.trace.on = on;
      // The trace hook and the fast paths depend on it: bind and plan again.
      core.bindAll();
    },
    applyPatch(patch: ScenarioPatch) {
      warmAll();
      applyLivePatch(core, patch, markerList, scheduleArrival);
    },
    injectFault(fault) {
      warmAll();
      faults.inject(fault);
    },
    drainWindows() {
      return metrics.pending.splice(0, metrics.pending.length);
    },
    drainTrace(): TraceEvent[] {
      return core.trace.drain();
    },
    totals(): Totals {
      return metrics.totals(core.clientInFlight, (h) => {
        core.addClientAges(h);
      });
    },
    markers() {
      return markerList;
    },
    view(): EngineView {
      const node = core.nodeState();
      const sc = core.scenario;
      const apps = [];
      for (let i = 0; i < core.instances; i++)
        apps.push({
          id: i,
          paused: (core.pausedUntil[i] ?? 0) > clock.now,
          inFlight: core.instInFlight[i] ?? 0,
        });
      return {
        tMs: clock.now,
        cacheState: node,
        cacheKeys: node === 'up' ? core.cache.store.size : 0,
        cacheBytes: node === 'up' ? core.cache.store.bytesUsed : 0,
        capacityKeys: sc.cache.capacityKeys,
        capacityBytes: sc.cache.capacityBytes,
        dbInFlight: core.db.inFlight,
        dbQueue: core.db.length,
        dbMaxConcurrent: sc.db.maxConcurrent,
        appInstances: apps,
        writeBehindBuffer: core.pendingWrites(),
        liveRecords: core.records.live - core.backgroundCount(),
      };
    },
    inspectKeys(keys) {
      warmAll();
      const copy = (
        e: { readonly version: number; readonly expiresAtMs: number } | null,
      ): { version: number; ttlLeftMs: number | null } | null =>
        e === null
          ? null
          : {
              version: e.version,
              ttlLeftMs: e.expiresAtMs === Infinity ? null : e.expiresAtMs - clock.now,
            };
      return keys.map((key) => {
        const e = core.cache.up ? core.cache.store.peek(key, clock.now) : null;
        const row = core.keys.peekRow(key);
        const base = {
          key,
          dbVersion: row < 0 ? 0 : (core.db.truth.db.a[row] ?? 0),
          cache: copy(e),
        };
        if (core.scenario.app.l1 === null) return base;
        return { ...base, l1: core.cache.l1Stores.map((l1) => copy(l1.peek(key, clock.now))) };
      });
    },
    checkpoint(): EngineCheckpoint {
      warmAll();
      return {
        tMs: clock.now,
        base: scenario,
        core: core.save(),
        markers: markerList.slice(),
        faults: faults.list.slice(),
        changesApplied,
        finished,
      };
    },
    keyStats(key) {
      const t = metrics.tracked.get(key);
      return { reads: t?.reads ?? 0, hits: t?.hits ?? 0, dbReads: t?.dbReads ?? 0 };
    },
  };
  return engine;
}
