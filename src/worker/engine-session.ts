/**
 * One live simulation run, as the worker drives it: playback clock, seek by replay, live knobs
 * and faults, frames for the UI. Free of worker globals (timers, clock and `postMessage` are
 * injected), so it runs under Node in unit tests with a fake engine.
 *
 * Determinism makes seek simple. Every live change is journaled with the simulated time it took
 * effect; a seek restores the latest engine checkpoint at or before the target (taken at fixed
 * simulated times on the way forward; also ahead of the engine, when an earlier pass went there
 * with the same journal) and replays from there, or re-creates the engine from the run's starting
 * scenario when there is none. A backward seek drops the changes after the target: the run
 * continues from there as if they had not happened yet, and the controls show the scenario in
 * effect at that moment; checkpoints and chart windows that depended on them are dropped too.
 */
import type {
  Engine,
  EngineCheckpointHandle,
  EngineOptions,
  FaultSpec,
  MetricWindow,
  RunStop,
  TraceEvent,
} from '../sim/engine/engine-types';
import {
  applyScenarioPatch,
  type Scenario,
  type ScenarioPatch,
} from '../sim/scenario/scenario-schema';
import {
  MAX_CHART_WINDOWS,
  MAX_STEP_COUNT,
  MAX_STEPPED_EVENTS,
  clampSpeed,
  type PlaybackStatus,
  type TheorySegment,
  type TickFrame,
  type WorkerCommand,
  type WorkerEvent,
} from './engine-protocol';
import { recordSession } from '../sim/scenario/recorded-changes';
import { createMarkSampler, type MarkSampler } from './mark-sampler';
import { createTheoryCache } from './theory-prediction';

export type EngineFactory = (scenario: Scenario, options: EngineOptions) => Engine;

export interface SessionDeps {
  readonly createEngine: EngineFactory;
  /** Continue from an engine checkpoint (without it, backward seeks replay from zero). */
  readonly restoreEngine?: (checkpoint: EngineCheckpointHandle, options: EngineOptions) => Engine;
  readonly post: (event: WorkerEvent) => void;
  /** Wall clock in ms (performance.now in the worker). */
  readonly now: () => number;
  readonly setTimer: (fn: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
}

/** Wall time between playback slices: about one display frame. */
export const SLICE_INTERVAL_MS = 16;
/** Wall time between frames posted to the UI: charts update five times a second. */
export const FRAME_INTERVAL_MS = 200;
/** Wall time one playback slice may spend in the engine, so commands are never kept waiting. */
export const PLAY_BUDGET_MS = 30;
/** Wall time one seek slice may spend before yielding to queued commands. */
export const SEEK_BUDGET_MS = 60;
/**
 * Most engine events one slice may process, whatever the wall clock says. Slices are bounded by
 * work, not by simulated time: one simulated millisecond of a traffic spike can hold ten million
 * arrivals, so a slice that asked for "the next 5 ms" could run for minutes. At the engine's
 * 2-4 M events per wall second this is 50-100 ms on a slow machine.
 */
export const SLICE_MAX_EVENTS = 200_000;
/** Events between looks at the wall clock within a slice (1-10 ms of work, traced or not). */
export const SLICE_CHUNK_EVENTS = 4_000;
/** What one slice may still spend: events left, and the wall time by which it must yield. */
interface SliceBudget {
  events: number;
  readonly deadline: number;
}

/** A background tab delivers timers late; never try to catch up more than this much wall time. */
const MAX_WALL_STEP_MS = 100;
/**
 * A seek expected to process more requests than this runs with the trace off (untraced is about
 * three times faster than traced); it is switched back on when the seek ends. Measured: ~700k requests per second
 * untraced, ~230k traced, so this is about two seconds of traced work.
 */
export const LONG_SEEK_REQUESTS = 400_000;

/** Checkpoints are taken at least this far apart in simulated time... */
export const MIN_CHECKPOINT_EVERY_MS = 5_000;
/** ...and at most this many per run (longer runs space them out)... */
export const MAX_CHECKPOINTS = 120;
/** ...and together they may hold at most this many bytes (else every other one is dropped). */
export const CHECKPOINT_BUDGET_BYTES = 64 * 1024 * 1024;

interface SessionCheckpoint {
  readonly tMs: number;
  readonly engine: EngineCheckpointHandle;
  /** Journal entries already applied, scenario in effect, windows so far, theory timeline. */
  readonly applied: number;
  readonly scenario: Scenario;
  readonly seriesLength: number;
  readonly theory: TheorySegment[];
  readonly bytes: number;
}

type JournalEntry =
  | { readonly atMs: number; readonly kind: 'knob'; readonly patch: ScenarioPatch }
  | { readonly atMs: number; readonly kind: 'fault'; readonly fault: FaultSpec };

export class EngineSession {
  private readonly deps: SessionDeps;
  private readonly theory = createTheoryCache();
  private readonly sampler: MarkSampler = createMarkSampler();
  /** The scenario at t = 0 of the current run. */
  private base: Scenario;
  /** The scenario in effect now (base + journaled knobs up to `applied`). */
  private scenario: Scenario;
  private journal: JournalEntry[] = [];
  /** Journal entries [0, applied) are in the current engine. */
  private applied = 0;
  private engine: Engine;
  private engineTraced: boolean;
  private series: MetricWindow[] = [];
  private pending: MetricWindow[] = [];
  private replaceNext = true;
  private status: PlaybackStatus = 'paused';
  private speed = 1;
  private animate = true;
  /** Fractional simulated time the playback clock has reached. */
  private clock = 0;
  private lastWall = 0;
  private lastFrameWall = Number.NEGATIVE_INFINITY;
  /** Simulated ms per wall ms actually achieved while playing (moving average). */
  private achieved = 0;
  /**
   * The last slice ran out of budget part-way: the engine's clock stands at the last event it
   * processed, and events at that same time may still be waiting.
   */
  private partial = false;
  private timer: unknown = null;
  private seekTarget: number | null = null;
  private seekFrom = 0;
  /** Whether playback continues once the seek lands. */
  private resumeAfterSeek = false;
  /** Commands that arrived during a seek and must apply at its end, in order. */
  private deferred: WorkerCommand[] = [];
  private doneSent = false;
  private scenarioSeq = 0;
  /** Highest `seq` of any command applied (echoed in every frame). */
  private commandSeq = 0;
  private theoryTimeline: TheorySegment[] = [];
  private checkpoints: SessionCheckpoint[] = [];
  private checkpointEveryMs = MIN_CHECKPOINT_EVERY_MS;
  /**
   * The longest series computed along the current journal: the windows a forward jump to a
   * checkpoint ahead of the engine gets back (a prefix of it equals `series`).
   */
  private known: MetricWindow[] = [];

  /**
   * The key sequence of a trace replay, as the last `load` that carried one sent it. Kept across
   * loads and resets (the UI transfers it once per worker) and given to every engine built.
   */
  private traceKeys: Int32Array | undefined;

  constructor(deps: SessionDeps, scenario: Scenario, traceKeys?: Int32Array) {
    this.deps = deps;
    this.base = scenario;
    this.scenario = scenario;
    this.traceKeys = traceKeys;
    this.engineTraced = this.animate;
    this.engine = deps.createEngine(scenario, this.engineOptions(this.engineTraced));
    this.theoryTimeline = [{ fromMs: 0, hitRatio: this.theory(scenario)?.hitRatio ?? null }];
    this.resetCheckpoints();
  }

  /** Handle one command from the UI. Errors become an `error` event; the session stays usable. */
  handle(command: WorkerCommand): void {
    try {
      this.dispatch(command);
    } catch (err) {
      this.deps.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Stop timers (worker shutdown, tests). */
  dispose(): void {
    this.stopTimer();
  }

  private dispatch(command: WorkerCommand): void {
    if (this.status === 'seeking' && isDeferredDuringSeek(command)) {
      this.deferred.push(command);
      return;
    }
    const seq = 'seq' in command ? command.seq : undefined;
    if (seq !== undefined) {
      this.commandSeq = Math.max(this.commandSeq, seq);
      if (command.type === 'load' || command.type === 'reset' || command.type === 'knob')
        this.scenarioSeq = Math.max(this.scenarioSeq, seq);
    }
    switch (command.type) {
      case 'load':
        if (command.traceKeys !== undefined) this.traceKeys = command.traceKeys;
        this.restart(command.scenario);
        break;
      case 'reset':
        // The settings in effect now, as a new run: the timeline that led to them is not replayed.
        this.restart({ ...this.scenario, changes: [] });
        break;
      case 'play':
        this.play();
        break;
      case 'pause':
        this.pause();
        break;
      case 'speed':
        this.speed = clampSpeed(command.speed);
        this.postFrame();
        break;
      case 'step':
        this.step(command.unit, command.count ?? 1);
        break;
      case 'seek':
        this.seek(command.tMs);
        break;
      case 'knob':
        this.knob(command.patch);
        break;
      case 'fault':
        this.fault(command.fault);
        break;
      case 'animate':
        this.animate = command.on;
        if (!command.on) this.sampler.clear();
        // Before anything has run, switching costs nothing: match the engine to the setting.
        if (this.engine.nowMs === 0 && this.journal.length === 0) this.rebuild(command.on);
        this.postFrame(true);
        if (this.timer === null) this.prepareWhilePaused();
        break;
      case 'series':
        this.deps.post({
          type: 'series',
          requestId: command.requestId,
          windows: this.series.slice(),
          markers: this.engine.markers().slice(),
        });
        break;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Run lifecycle

  private restart(scenario: Scenario): void {
    this.stopTimer();
    this.base = scenario;
    this.resetCheckpoints();
    this.scenario = scenario;
    this.journal = [];
    this.applied = 0;
    this.seekTarget = null;
    this.deferred = [];
    this.rebuild(this.animate);
    this.status = 'paused';
    // At once, even right after another frame: the UI waits for the new run's first one.
    this.postFrame(true);
    this.postRecorded();
    this.prepareWhilePaused();
  }

  /**
   * A new engine may still have set-up work (a warm start loading up to 2 M keys, ~0.5 s): done
   * in slices while paused, so the commands after a load or Reset are answered between them
   * (playing does it in its own slices, within their budget).
   */
  private prepareWhilePaused(): void {
    if (this.status !== 'paused' || this.engine.prepare?.(0) !== false) return;
    this.schedule(() => {
      this.prepareSlice();
    }, 0);
  }

  private prepareSlice(): void {
    this.timer = null;
    if (this.status !== 'paused' || this.engine.prepare === undefined) return;
    const deadline = this.deps.now() + PLAY_BUDGET_MS;
    let ready = this.engine.prepare(SLICE_CHUNK_EVENTS);
    while (!ready && this.deps.now() < deadline) ready = this.engine.prepare(SLICE_CHUNK_EVENTS);
    if (ready) {
      // The loaded cache as it stands at t = 0.
      this.postFrame(true);
      return;
    }
    this.maybePostFrame();
    this.schedule(() => {
      this.prepareSlice();
    }, 0);
  }

  /**
   * Turns the engine's trace on or off in place, without a replay (the engine's metrics do not
   * depend on tracing). Returns false when the engine cannot, so the caller rebuilds instead.
   */
  private setTraced(on: boolean): boolean {
    if (this.engineTraced === on) return true;
    if (this.engine.setTrace === undefined) return false;
    this.engine.setTrace(on);
    this.engineTraced = on;
    return true;
  }

  /** Options for every engine this session builds or restores. */
  private engineOptions(traced: boolean): EngineOptions {
    return this.traceKeys === undefined
      ? { trace: traced }
      : { trace: traced, traceKeys: this.traceKeys };
  }

  /** A fresh engine at t = 0 of the current base scenario; the journal is replayed by `advance`. */
  private rebuild(traced: boolean): void {
    this.engineTraced = traced;
    this.engine = this.deps.createEngine(this.base, this.engineOptions(traced));
    this.scenario = this.base;
    this.theoryTimeline = [{ fromMs: 0, hitRatio: this.theory(this.base)?.hitRatio ?? null }];
    this.applied = 0;
    this.clock = 0;
    this.partial = false;
    this.series = [];
    this.pending = [];
    this.replaceNext = true;
    this.doneSent = false;
    this.sampler.clear();
  }

  private get durationMs(): number {
    return this.base.durationMs;
  }

  private isFinished(): boolean {
    return this.engine.done || this.engine.nowMs >= this.durationMs;
  }

  /** A fresh slice budget: {@link SLICE_MAX_EVENTS} events and `wallMs` of wall time. */
  private budget(wallMs: number): SliceBudget {
    return { events: SLICE_MAX_EVENTS, deadline: this.deps.now() + wallMs };
  }

  /**
   * Run the engine to `tMs` within `budget`, applying journaled changes at their times on the
   * way, and taking a checkpoint at each checkpoint time it passes. Returns false when the budget
   * ran out first (the next slice continues from there).
   */
  private advance(tMs: number, budget: SliceBudget = unlimited()): boolean {
    const target = Math.min(tMs, this.durationMs);
    let reached = true;
    if (this.canCheckpoint()) {
      for (let at = this.nextCheckpointAt(); at <= target && at < this.durationMs;) {
        reached = this.advanceTo(at, budget);
        // A run stopped at a backlog cap never gets to `at`: nothing more to checkpoint.
        if (!reached || this.isFinished()) break;
        this.takeCheckpoint();
        at = this.nextCheckpointAt();
      }
    }
    if (reached) reached = this.advanceTo(target, budget);
    if (this.series.length > this.known.length) this.known = this.series;
    return reached;
  }

  /**
   * Run the engine to `target`, applying journaled changes at their times on the way. Every change
   * applies after all events at or before its time, exactly as it did live.
   */
  private advanceTo(target: number, budget: SliceBudget): boolean {
    let reached = true;
    for (let next = this.journal[this.applied]; next !== undefined && next.atMs <= target;) {
      if (next.atMs > this.engine.nowMs || this.partial)
        reached = this.runEngine(next.atMs, budget);
      if (!reached || this.isFinished()) break;
      this.applyEntry(next);
      this.applied += 1;
      next = this.journal[this.applied];
    }
    if (reached && (target > this.engine.nowMs || this.partial))
      reached = this.runEngine(target, budget);
    this.collect();
    return reached;
  }

  /**
   * The engine toward `target` in chunks of {@link SLICE_CHUNK_EVENTS}, until it gets there or the
   * budget's events or wall time run out (at least one chunk runs, so every slice makes progress).
   */
  private runEngine(target: number, budget: SliceBudget): boolean {
    for (;;) {
      const before = this.engine.eventsProcessed;
      const reached = this.engine.runUntil(
        target,
        Math.max(1, Math.min(SLICE_CHUNK_EVENTS, budget.events)),
      );
      budget.events -= this.engine.eventsProcessed - before;
      this.partial = !reached;
      if (reached) return true;
      if (budget.events <= 0 || this.deps.now() >= budget.deadline) return false;
    }
  }

  /**
   * A live change applies after every event at its time. When the last slice stopped part-way
   * through a simulated moment, or the user stepped one of several events at the same time, finish
   * that moment first (a handful of events at one exact time), so the change lands where a replay
   * of the journal will put it.
   */
  private settle(): void {
    if (this.isFinished()) return;
    this.engine.runUntil(this.engine.nowMs);
    this.partial = false;
    this.collect();
  }

  private applyEntry(entry: JournalEntry): void {
    if (entry.kind === 'fault') {
      this.engine.injectFault(entry.fault);
      return;
    }
    const next = applyScenarioPatch(this.scenario, entry.patch);
    if (!next.ok) throw new Error(next.issues.map((i) => i.message).join('; '));
    this.scenario = next.scenario;
    this.engine.applyPatch(entry.patch);
    const hitRatio = this.theory(this.scenario)?.hitRatio ?? null;
    if (this.theoryTimeline.at(-1)?.hitRatio !== hitRatio) {
      this.theoryTimeline.push({ fromMs: entry.atMs, hitRatio });
    }
  }

  /** Move finished windows and trace out of the engine. */
  private collect(): void {
    // The engine applies the base scenario's recorded changes itself: the controls follow them.
    if (this.base.changes.length > 0) this.scenario = this.engine.scenario;
    const windows = this.engine.drainWindows();
    for (const w of windows) {
      this.series.push(w);
      this.pending.push(w);
    }
    if (this.pending.length > MAX_CHART_WINDOWS) {
      this.pending = this.pending.slice(-MAX_CHART_WINDOWS);
      this.replaceNext = true;
    }
    if (this.engineTraced) {
      const trace = this.engine.drainTrace();
      if (this.animate && this.status !== 'seeking') this.sampler.feed(trace, this.deps.now());
    }
  }

  // -------------------------------------------------------------------------------------------
  // Playback

  private play(): void {
    if (this.status === 'playing' || this.isFinished()) return;
    this.status = 'playing';
    this.clock = this.engine.nowMs;
    this.lastWall = this.deps.now();
    this.postFrame();
    this.schedule(() => {
      this.playSlice();
    }, SLICE_INTERVAL_MS);
  }

  private pause(): void {
    if (this.status === 'seeking') {
      // Pausing a long fast-forward stops it where it is.
      this.seekTarget = null;
      this.status = 'paused';
      this.flushDeferred();
    }
    if (this.status === 'playing') this.status = 'paused';
    this.stopTimer();
    this.postFrame(true);
    this.prepareWhilePaused();
  }

  private playSlice(): void {
    this.timer = null;
    if (this.status !== 'playing') return;
    const wall = this.deps.now();
    const dt = Math.min(MAX_WALL_STEP_MS, Math.max(0, wall - this.lastWall));
    this.lastWall = wall;
    const from = this.engine.nowMs;
    this.clock = Math.min(this.clock + dt * this.speed, this.durationMs);
    // The slice's budget bounds the work; when the engine cannot keep up, the run falls behind
    // the requested speed (and says so) instead of freezing the worker.
    if (!this.advance(this.clock, this.budget(PLAY_BUDGET_MS))) this.clock = this.engine.nowMs;
    if (dt > 0) this.achieved = this.achieved * 0.9 + ((this.engine.nowMs - from) / dt) * 0.1;
    if (this.isFinished()) {
      this.finish();
      return;
    }
    this.maybePostFrame();
    this.schedule(() => {
      this.playSlice();
    }, SLICE_INTERVAL_MS);
  }

  private step(unit: 'event' | 'request', count: number): void {
    if (this.isFinished()) return;
    if (this.status === 'playing') {
      this.status = 'paused';
      this.stopTimer();
    }
    if (!this.engineTraced && this.setTraced(true)) {
      // Tracing is back on in place; metrics never depended on it.
    } else if (!this.engineTraced) {
      // An engine without setTrace: replay to this moment with tracing on, then step.
      const at = this.engine.nowMs;
      this.rebuild(true);
      this.seek(at, true);
      this.deferred.push({ type: 'step', unit, count });
      return;
    }
    let events: TraceEvent[] = [];
    const n = Math.min(Math.max(1, Math.floor(count)), MAX_STEP_COUNT);
    for (let i = 0; i < n && !this.isFinished(); i++) {
      const stepped = unit === 'event' ? this.engine.stepEvent() : this.engine.stepRequest();
      events = events.concat(stepped).slice(-MAX_STEPPED_EVENTS);
    }
    this.clock = this.engine.nowMs;
    // The step's own events go to the step log; the trace buffer holds the same ones again.
    const windows = this.engine.drainWindows();
    for (const w of windows) {
      this.series.push(w);
      this.pending.push(w);
    }
    this.engine.drainTrace();
    if (this.animate) this.sampler.feed(events, this.deps.now());
    this.deps.post({ type: 'stepped', unit, events });
    if (this.isFinished()) this.finish();
    else this.postFrame(true);
  }

  // -------------------------------------------------------------------------------------------
  // Checkpoints

  private resetCheckpoints(): void {
    this.checkpoints = [];
    this.known = [];
    this.checkpointEveryMs = Math.max(
      MIN_CHECKPOINT_EVERY_MS,
      Math.ceil(this.base.durationMs / MAX_CHECKPOINTS),
    );
  }

  private canCheckpoint(): boolean {
    return this.deps.restoreEngine !== undefined && this.engine.checkpoint !== undefined;
  }

  /** Checkpoints fall on multiples of the interval: the next one after the engine's time. */
  private nextCheckpointAt(): number {
    return (Math.floor(this.engine.nowMs / this.checkpointEveryMs) + 1) * this.checkpointEveryMs;
  }

  private takeCheckpoint(): void {
    const at = this.engine.nowMs;
    // An earlier pass along the same journal took this one already (runs are deterministic).
    if (this.checkpoints.some((c) => c.tMs === at)) return;
    const engine = this.engine.checkpoint?.();
    if (engine === undefined) return;
    const bytes = approxBytes(engine);
    const i = this.checkpoints.findIndex((c) => c.tMs > at);
    this.checkpoints.splice(i < 0 ? this.checkpoints.length : i, 0, {
      tMs: this.engine.nowMs,
      engine,
      applied: this.applied,
      scenario: this.scenario,
      seriesLength: this.series.length,
      theory: this.theoryTimeline.slice(),
      bytes,
    });
    let total = 0;
    for (const c of this.checkpoints) total += c.bytes;
    if (total > CHECKPOINT_BUDGET_BYTES && this.checkpoints.length > 1) {
      // Over budget: space checkpoints twice as far apart, keeping those on the new spacing.
      this.checkpointEveryMs *= 2;
      this.checkpoints = this.checkpoints.filter((c) => c.tMs % this.checkpointEveryMs === 0);
    }
  }

  /**
   * The journal changes after `fromMs` (entries dropped by a backward seek, or a new live change):
   * checkpoints and known windows after that moment no longer describe this run.
   */
  private forgetAfter(fromMs: number, keepAtFromMs = true): void {
    // A checkpoint exactly at a new change was taken before it (restoring it replays the change);
    // one at a dropped entry's time already had that entry applied.
    this.checkpoints = this.checkpoints.filter((c) =>
      keepAtFromMs ? c.tMs <= fromMs : c.tMs < fromMs,
    );
    const windowMs = this.base.windowMs;
    let n = 0;
    while (n < this.known.length && (this.known[n]?.tMs ?? 0) + windowMs <= fromMs) n++;
    this.known = this.known.slice(0, n);
  }

  /**
   * Continue from the latest checkpoint at or before `target` (and after `after`); false when
   * there is none.
   */
  private restoreBefore(target: number, traced: boolean, after = -1): boolean {
    const restore = this.deps.restoreEngine;
    const cp = this.checkpoints.filter((c) => c.tMs <= target).at(-1);
    if (restore === undefined || cp === undefined || cp.tMs <= after) return false;
    const windows = this.known.length >= cp.seriesLength ? this.known : this.series;
    if (windows.length < cp.seriesLength) return false;
    this.engineTraced = traced;
    this.engine = restore(cp.engine, this.engineOptions(traced));
    this.scenario = cp.scenario;
    this.applied = cp.applied;
    this.theoryTimeline = cp.theory.slice();
    this.series = windows.slice(0, cp.seriesLength);
    this.pending = [];
    this.replaceNext = true;
    this.doneSent = false;
    this.clock = cp.tMs;
    this.sampler.clear();
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // Seek (also "run to end")

  private seek(tMs: number, keepTrace = false): void {
    const target = Math.max(0, Math.min(tMs, this.durationMs));
    const wasPlaying =
      this.status === 'playing' || (this.status === 'seeking' && this.resumeAfterSeek);
    this.stopTimer();
    const backwards = target < this.engine.nowMs;
    if (backwards) {
      // Changes after the target did not happen yet, nor did what followed from them.
      const dropped = this.journal.filter((e) => e.atMs > target);
      if (dropped.length > 0) this.forgetAfter(Math.min(...dropped.map((e) => e.atMs)), false);
      this.journal = this.journal.filter((e) => e.atMs <= target);
      if (dropped.length > 0) this.postRecorded();
    }
    const cpAt = this.checkpoints.filter((c) => c.tMs <= target).at(-1)?.tMs ?? 0;
    const from = backwards ? cpAt : Math.max(cpAt, this.engine.nowMs);
    const expectedRequests = ((target - from) * this.scenario.workload.requestsPerSec) / 1000;
    const dropTrace = !keepTrace && this.engineTraced && expectedRequests > LONG_SEEK_REQUESTS;
    if (
      !backwards &&
      this.restoreBefore(target, this.engineTraced && !dropTrace, this.engine.nowMs)
    ) {
      // Jump ahead to a checkpoint an earlier pass left beyond the engine's time.
    } else if (!backwards && dropTrace && this.setTraced(false)) {
      // Fast-forward untraced from here; no replay needed.
    } else if (backwards && this.restoreBefore(target, this.engineTraced && !dropTrace)) {
      // Continue from the checkpoint; the journal after it is replayed by `advance`.
    } else if (backwards || dropTrace) {
      this.rebuild(this.engineTraced && !dropTrace);
    }
    this.seekTarget = target;
    this.seekFrom = this.engine.nowMs;
    this.status = 'seeking';
    this.resumeAfterSeek = wasPlaying;
    this.postFrame(true);
    this.schedule(() => {
      this.seekSlice();
    }, 0);
  }

  private seekSlice(): void {
    this.timer = null;
    const target = this.seekTarget;
    if (this.status !== 'seeking' || target === null) return;
    const reached = this.advance(target, this.budget(SEEK_BUDGET_MS));
    if (reached || this.isFinished()) {
      this.seekTarget = null;
      this.clock = this.engine.nowMs;
      this.status = 'paused';
      this.flushDeferred();
      if (this.isFinished()) {
        this.finish();
        return;
      }
      // A long seek ran untraced; moving requests come back from here on.
      if (this.animate && !this.engineTraced) this.setTraced(true);
      if (this.resumeAfterSeek) {
        this.play();
        return;
      }
      this.postFrame(true);
      return;
    }
    this.maybePostFrame();
    this.schedule(() => {
      this.seekSlice();
    }, 0);
  }

  private flushDeferred(): void {
    const queued = this.deferred;
    this.deferred = [];
    for (const command of queued) this.handle(command);
  }

  // -------------------------------------------------------------------------------------------
  // Live changes

  private knob(patch: ScenarioPatch): void {
    const next = applyScenarioPatch(this.scenario, patch);
    if (!next.ok) {
      this.deps.post({ type: 'error', message: next.issues.map((i) => i.message).join('; ') });
      return;
    }
    if (this.engine.nowMs === 0 && this.journal.length === 0) {
      // Nothing has run yet: start over with the new settings rather than mark a change at 0.
      this.base = next.scenario;
      this.resetCheckpoints();
      this.rebuild(this.animate);
      this.postFrame(true);
      this.postRecorded();
      this.prepareWhilePaused();
      return;
    }
    if (this.isFinished()) {
      // The run is over; the change applies to the next run (reset).
      this.scenario = next.scenario;
      this.postFrame(true);
      return;
    }
    this.record({ atMs: this.engine.nowMs, kind: 'knob', patch });
  }

  private fault(fault: FaultSpec): void {
    if (this.isFinished()) return;
    this.record({ atMs: this.engine.nowMs, kind: 'fault', fault });
  }

  private record(entry: JournalEntry): void {
    this.settle();
    // Anything journaled after this moment was dropped by a backward seek already; checkpoints
    // and windows ahead of it (from an earlier pass) did not have this change.
    this.forgetAfter(entry.atMs);
    this.journal.push(entry);
    this.applyEntry(entry);
    this.applied = this.journal.length;
    this.postFrame(true);
    this.postRecorded();
  }

  /** The run so far as a scenario that replays it: the base plus the journal as `changes`. */
  private postRecorded(): void {
    const live = this.journal.map((e) =>
      e.kind === 'knob' ? { atMs: e.atMs, patch: e.patch } : { atMs: e.atMs, fault: e.fault },
    );
    const recorded = recordSession(this.base, live);
    if (recorded.ok)
      this.deps.post({ type: 'recorded', scenario: recorded.scenario, seq: this.scenarioSeq });
    else
      this.deps.post({
        type: 'error',
        message: `This session cannot be recorded: ${recorded.issues.map((i) => i.message).join('; ')}`,
      });
  }

  // -------------------------------------------------------------------------------------------
  // Output

  private finish(): void {
    this.stopTimer();
    this.status = 'done';
    this.postFrame(true);
    if (this.doneSent) return;
    this.doneSent = true;
    this.deps.post({
      type: 'done',
      totals: this.engine.totals(),
      windows: this.series.slice(),
      markers: this.engine.markers().slice(),
      scenario: this.scenario,
      ...stoppedField(this.engine.stopped),
    });
  }

  private maybePostFrame(): void {
    if (this.deps.now() - this.lastFrameWall >= FRAME_INTERVAL_MS) this.postFrame();
  }

  private postFrame(force = false): void {
    const wall = this.deps.now();
    if (!force && wall - this.lastFrameWall < FRAME_INTERVAL_MS) return;
    this.lastFrameWall = wall;
    const seeking = this.status === 'seeking' && this.seekTarget !== null;
    // While seeking, windows pile up and are sent once as a replacement at the end.
    const windows = seeking
      ? []
      : this.replaceNext
        ? this.series.slice(-MAX_CHART_WINDOWS)
        : this.pending;
    const replace = !seeking && this.replaceNext;
    if (!seeking) {
      this.pending = [];
      this.replaceNext = false;
    }
    const frame: TickFrame = {
      tMs: this.engine.nowMs,
      durationMs: this.durationMs,
      status: this.status,
      speed: this.speed,
      achievedSpeed: this.status === 'playing' ? this.achieved : 0,
      windows,
      replace,
      totals: this.engine.totals(),
      view: this.engine.view(),
      markers: this.engine.markers().slice(),
      scenario: this.scenario,
      scenarioSeq: this.scenarioSeq,
      commandSeq: this.commandSeq,
      theory: this.theoryTimeline.slice(),
      marks: this.sampler.drain(),
      marksAvailable: this.engineTraced && this.animate,
      progress:
        seeking && this.seekTarget !== null && this.seekTarget > this.seekFrom
          ? (this.engine.nowMs - this.seekFrom) / (this.seekTarget - this.seekFrom)
          : null,
      ...stoppedField(this.engine.stopped),
    };
    this.deps.post({ type: 'frame', frame });
  }

  private schedule(fn: () => void, ms: number): void {
    this.stopTimer();
    this.timer = this.deps.setTimer(fn, ms);
  }

  private stopTimer(): void {
    if (this.timer !== null) {
      this.deps.clearTimer(this.timer);
      this.timer = null;
    }
  }
}

/** `{ stopped }` when the run passed a backlog cap, else nothing (the field is optional). */
function stoppedField(stop: RunStop | null): { stopped?: RunStop } {
  return stop === null ? {} : { stopped: stop };
}

/** No budget: the whole way in one go (checkpoint replays in tests and tools). */
function unlimited(): SliceBudget {
  return { events: Number.POSITIVE_INFINITY, deadline: Number.POSITIVE_INFINITY };
}

/** During a seek, these wait for it to finish; load, reset, pause and another seek act at once. */
function isDeferredDuringSeek(command: WorkerCommand): boolean {
  return (
    command.type === 'knob' ||
    command.type === 'fault' ||
    command.type === 'step' ||
    command.type === 'play'
  );
}

/** Rough size of a checkpoint: the bytes of every typed array in it (the bulk of its memory). */
function approxBytes(value: unknown): number {
  let bytes = 0;
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      bytes += v.byteLength;
      return;
    }
    if (v instanceof Map) {
      bytes += v.size * 16;
      for (const x of v.values()) walk(x);
      return;
    }
    for (const x of Object.values(v)) walk(x);
  };
  walk(value);
  return bytes;
}
