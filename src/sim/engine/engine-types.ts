/**
 * The engine's public surface: what the Web Worker, the CLI, lessons, compare lanes and tests use.
 * Implementations live beside this file; the UI codes against these types only.
 * Times are simulated milliseconds.
 */
import type { Scenario, ScenarioPatch } from '../scenario/scenario-schema';

export type FaultKind =
  'cache-down' | 'cache-restart' | 'db-slow' | 'traffic-spike' | 'expire-key' | 'pause-app';

/** A fault injected live (at the engine's current time) or scheduled in the scenario. */
export interface FaultSpec {
  readonly kind: FaultKind;
  /** How long the fault lasts (cache-down, db-slow, traffic-spike, pause-app). */
  readonly forMs?: number;
  /** db-slow: latency multiplier; traffic-spike: arrival-rate multiplier. */
  readonly factor?: number;
  /** expire-key: which key (default: the hottest key, id 0). */
  readonly key?: number;
  /**
   * pause-app: which app instance (default 0). A paused instance handles nothing until it
   * resumes: new requests assigned to it, cache replies, DB replies and acks, and its timers (lock
   * retries) are all held and then handled in the order they arrived. Locks it holds still expire.
   */
  readonly instance?: number;
}

export type CacheNodeState = 'up' | 'down' | 'restarting';

/** Outcome of one finished client request, as the topology view colours it. */
export type RequestOutcome = 'hit' | 'miss' | 'stale' | 'error' | 'write';

/**
 * One step of the engine's trace. `actor`/`to` name lanes (e.g. 'client', 'app:0', 'cache', 'db',
 * 'replica', 'bus', 'flusher'). `type` is a stable machine-readable id that lesson narration keys
 * on (e.g. 'cache.get', 'cache.hit', 'cache.miss', 'db.read', 'db.reply', 'cache.set', 'cache.del',
 * 'lock.acquired', 'lock.busy', 'write.lost', 'request.done', 'fault', 'knob', 'cache.evict' (one
 * per evicted key, with its key and version), 'app.hold' (an event for a paused instance waits),
 * 'app.resume').
 */
export interface TraceEvent {
  readonly seq: number;
  readonly tMs: number;
  readonly type: string;
  /**
   * Which job the event belongs to: a unique id, increasing in creation order, never reused
   * within a run. Client requests and background refreshes (stale-while-revalidate / early
   * refreshes) draw from one counter, so client ids are increasing but may have gaps.
   * null for events of no single job: event-bus deliveries, the write-behind flusher, the cache
   * node's lifecycle (`cache.up`, `write.lost`), faults, knob changes, `cache.warm`,
   * `event.publish`.
   */
  readonly requestId: number | null;
  readonly actor: string;
  readonly to: string | null;
  /** The key involved; null when none or many (e.g. a write-behind batch of several keys). */
  readonly key: number | null;
  /** Value version involved (cache value or DB version), when meaningful. */
  readonly version: number | null;
  readonly outcome?: RequestOutcome;
  /** Pattern machine state the request entered, when the event comes from a pattern machine. */
  readonly state?: string;
  readonly detail?: string;
}

/**
 * Counts for one window (series item) or for the totals. Each thing is counted at the moment it
 * happens, so a request that has not finished when the run (or window) ends still counts:
 * `requests` and `writes` at arrival, `reads`/`hits`/`misses` when the cache answers a read's
 * first lookup (hits + misses = reads), `completed`, `errors`, stale reads and latency when a
 * request finishes.
 */
export interface Counts {
  /** Client requests that arrived. */
  requests: number;
  /** Client reads whose first cache lookup was answered (hits + misses). */
  reads: number;
  /** Client writes that arrived. */
  writes: number;
  hits: number;
  misses: number;
  hitRatio: number;
  /** Client requests that finished (latency percentiles are over these). */
  completed: number;
  dbReads: number;
  dbWrites: number;
  staleReads: number;
  /** Largest staleness seen (ms since the served version was superseded in the DB). */
  maxStalenessMs: number;
  lostWrites: number;
  evictions: number;
  expirations: number;
  errors: number;
  /** SETs the cache refused for lack of memory (Redis's OOM reply: noeviction, volatile-* with no candidate). */
  oomErrors: number;
  lockWaits: number;
}

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface MetricWindow extends Counts {
  /** Window start time. */
  readonly tMs: number;
  /**
   * The window's width in simulated ms: `windowMs`, except a last window cut short by the end of
   * the run (a duration that is not a multiple of the window, or a run stopped at a cap). Rates
   * per second divide by this (see sim/metrics/window-rate).
   */
  readonly widthMs: number;
  readonly latencyMs: LatencySummary;
  /** DB connection-pool queue length at the window's end (and its peak within the window). */
  readonly dbQueue: number;
  readonly dbQueuePeak: number;
  readonly cacheKeys: number;
  readonly cacheBytes: number;
  readonly cacheState: CacheNodeState;
  /**
   * The DB could not keep up in this window: more operations arrived at its pool than it
   * finished, and the queue grew to at least the pool's size (a queued operation waits at least
   * one full service time).
   */
  readonly dbSaturated: boolean;
  /** Change of the DB queue over the window, per second (positive: growing). */
  readonly dbQueueGrowthPerSec: number;
}

/**
 * Latency counting the requests that have not finished. `latencyMs` covers the requests that
 * finished after warm-up; under saturation many are still waiting when the run ends, and those are
 * the slowest, so a percentile over the finished ones understates the tail. Here every such
 * request counts: the finished ones at their latency, the unfinished ones at their age when the
 * totals were taken (a lower bound: they take at least that long).
 */
export interface LatencyWithUnfinished {
  /**
   * Percentiles, max and mean over the finished requests of `latencyMs` and the unfinished ones
   * at their age: each a lower bound of what they will be once those finish. Equal to `latencyMs`
   * when none is unfinished.
   */
  readonly ms: LatencySummary;
  /** Unfinished requests counted at their age: `inFlight` after warm-up, 0 during it. */
  readonly unfinished: number;
  /**
   * An upper bound of the same p99: what it would be if no unfinished request ever finished
   * (the p99's rank among the finished latencies alone); null when that rank falls among the
   * unfinished requests (no upper bound). When it is at most `ms.p99`, the unfinished requests
   * cannot move the p99 (to the histogram's resolution) and `ms.p99` is the figure, not only a
   * lower bound.
   */
  readonly p99AtMostMs: number | null;
}

export interface Totals extends Counts {
  /** Over the client requests that finished after warm-up (see `latencyWithUnfinished`). */
  readonly latencyMs: LatencySummary;
  /** The same, counting the requests still unfinished at their age. */
  readonly latencyWithUnfinished: LatencyWithUnfinished;
  /** Client requests still in flight when the totals were taken (at the end of the run). */
  readonly inFlight: number;
  /** Simulated time after warm-up spent in windows flagged `dbSaturated`. */
  readonly dbSaturatedMs: number;
  /** Largest DB queue seen after warm-up. */
  readonly dbQueuePeak: number;
}

/** Which cap a run passed (see run-limits.ts). */
export type RunStopLimit = 'client-in-flight' | 'db-queue' | 'event-queue' | 'cache-keys';

/**
 * Why a run ended before its duration: its backlog passed a cap (run-limits.ts). Deterministic:
 * the same scenario and seed stop at the same `atMs`.
 */
export interface RunStop {
  /** Simulated time the cap was passed; the run's last window ends here. */
  readonly atMs: number;
  readonly limit: RunStopLimit;
  /** The cap's value (requests, operations or events). */
  readonly cap: number;
  /** One sentence for people: what was passed, when, and what to change. */
  readonly message: string;
}

/** A knob change or fault, for marking chart time axes. */
export interface Marker {
  readonly tMs: number;
  readonly kind: 'knob' | 'fault';
  readonly label: string;
}

/** Live state for the topology view. */
export interface EngineView {
  readonly tMs: number;
  readonly cacheState: CacheNodeState;
  readonly cacheKeys: number;
  readonly cacheBytes: number;
  readonly capacityKeys: number | null;
  readonly capacityBytes: number | null;
  readonly dbInFlight: number;
  readonly dbQueue: number;
  readonly dbMaxConcurrent: number;
  readonly appInstances: readonly {
    readonly id: number;
    readonly paused: boolean;
    readonly inFlight: number;
  }[];
  readonly writeBehindBuffer: number;
  /** Request records in use: client requests in flight plus background refreshes and events. */
  readonly liveRecords?: number;
}

export interface Engine {
  readonly scenario: Scenario;
  /** Current simulated time. */
  readonly nowMs: number;
  /** True once `durationMs` is reached and no events remain before it, or the run was stopped. */
  readonly done: boolean;
  /** Set when the run ended early because its backlog passed a cap (then `done` is true). */
  readonly stopped: RunStop | null;
  /** Events processed so far (client arrivals included). */
  readonly eventsProcessed: number;
  /**
   * Process every event with time <= tMs (bounded by durationMs), or at most `maxEvents` of them
   * (a work budget: callers that must stay responsive run in slices). Returns true when it got
   * to `tMs` (or the run ended), false when the budget ran out first; the clock then stands at
   * the last event processed, and calling again continues exactly where it left off.
   */
  runUntil(tMs: number, maxEvents?: number): boolean;
  /**
   * Set-up work left before the first event (a warm start loading up to millions of keys): do at
   * most `maxUnits` units of it now (a unit costs about what an event does); true once none is
   * left. Optional; `runUntil` does it first within its budget, and stepping, live changes,
   * checkpoints and `inspectKeys` finish it at once. Until then `view()` shows the keys loaded
   * so far.
   */
  prepare?(maxUnits: number): boolean;
  /**
   * Process exactly one event; returns the trace events recorded since the previous step call or
   * `drainTrace` (trace must be on). The first call therefore also returns events recorded while
   * the engine was built (e.g. the warm-up job's `cache.warm` at time 0), and a call after
   * `applyPatch` / `injectFault` includes their `knob` / `fault` events. Step calls do not remove
   * events from the buffer: `drainTrace` still returns them.
   */
  stepEvent(): readonly TraceEvent[];
  /** Process events until the next client request finishes; returns events as `stepEvent`. */
  stepRequest(): readonly TraceEvent[];
  /**
   * Turn trace recording on or off from now on (e.g. off for a long fast-forward, on again for
   * stepping). Metrics are unaffected. Optional in the contract; the engine in engine.ts has it.
   */
  setTrace?(on: boolean): void;
  /**
   * A copy of the whole engine state now, to continue from later without replaying from zero
   * (optional in the contract; the engine in engine.ts has it, with `restoreEngine`).
   */
  checkpoint?(): EngineCheckpointHandle;
  /** Change knobs now (effective at nowMs); recorded as a marker. */
  applyPatch(patch: ScenarioPatch): void;
  /** Inject a fault now; recorded as a marker. */
  injectFault(fault: FaultSpec): void;
  /** Completed metric windows since the previous call. */
  drainWindows(): MetricWindow[];
  /** Trace events since the previous call (empty when trace is off). */
  drainTrace(): TraceEvent[];
  /**
   * Totals after warm-up so far. `latencyWithUnfinished` ages every request in flight: a scan of
   * the request records (about 20 ms with half a million in flight), once per call.
   */
  totals(): Totals;
  markers(): readonly Marker[];
  view(): EngineView;
  /** Cache contents and DB truth for the given keys (lessons' side panel). */
  inspectKeys(keys: readonly number[]): readonly {
    readonly key: number;
    readonly dbVersion: number;
    readonly cache: { readonly version: number; readonly ttlLeftMs: number | null } | null;
    /** With an in-process L1 (`app.l1`): each app instance's copy, by instance id. */
    readonly l1?: readonly ({
      readonly version: number;
      readonly ttlLeftMs: number | null;
    } | null)[];
  }[];
}

/** An engine checkpoint, opaque outside the engine apart from its simulated time. */
export interface EngineCheckpointHandle {
  readonly tMs: number;
}

export interface EngineOptions {
  /** Record per-event trace (for animation and lessons). Off for fast runs; see `setTrace`. */
  readonly trace?: boolean;
  /**
   * The key sequence of a trace replay (`workload.popularity.kind === 'trace'`): dense ids below
   * its `uniqueKeys`, `requests` of them. Required for such a scenario; ignored otherwise.
   */
  readonly traceKeys?: Int32Array;
}
