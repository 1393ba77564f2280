/**
 * The engine core: simulated time, the event queue ordered by (time, seq), request records and
 * per-key rows, app instances, and stepping records through the compiled pattern machines. It
 * knows no pattern by name: machines, their implementations and their lanes come from the pattern
 * registry; the DB pool, the cache client, the metrics ledger and the narrator live beside it.
 *
 * Hot-path rules: no closures created per event, no string building unless the trace is on,
 * numbers in typed arrays, no XState actors.
 */
import {
  bindMachine,
  compileMachine,
  type CompiledMachine,
  type MachineStepper,
} from '../patterns/machine-compiler';
import type { LatencyHistogram } from '../metrics/latency-histogram';
import { EV, PATTERN_EVENT_TYPES, type PatternEventId } from '../patterns/pattern-events';
import type { PatternHost, PatternImplementation } from '../patterns/pattern-host';
import {
  MACHINE_IDS,
  PATTERN_REGISTRY,
  readMachineId,
  writeMachineId,
} from '../patterns/pattern-registry';
import { createRng, RNG_STREAM, type Rng } from '../rng';
import { MAX_APP_INSTANCES, type Scenario } from '../scenario/scenario-schema';
import { createWorkload, type Workload } from '../workload/workload';
import { CacheClient } from './cache-client';
import { DbPool } from './db-pool';
import type { CacheNodeState, EngineOptions, RunStop, RunStopLimit } from './engine-types';
import { EventQueue } from './event-queue';
import { KeySpace } from './key-space';
import { Metrics } from './metrics-ledger';
import { F_CLIENT, F_STALE, OUT_ERROR, OUT_HIT, OUT_NONE, RequestRecords } from './records';
import { Narration } from './trace-narration';
import { MAX_CACHED_KEYS, MAX_CLIENT_IN_FLIGHT, MAX_QUEUED_EVENTS, runStop } from './run-limits';

// ---- event kinds in the queue ----
/** a = record, b = pattern event id */
export const EV_MACHINE = 2;
/** a = record, b = machine-local event id, c = record epoch at scheduling */
export const EV_TIMER = 3;
/** a = record */
export const EV_DB_DONE = 4;
/** a = fault index */
export const EV_FAULT = 5;
export const EV_FAULT_END = 6;
/** a, b = arguments, c = timer id (see PatternHost.timer) */
export const EV_CALL = 7;
/** a = record (a committed write's ack reaches the app) */
export const EV_DB_ACK = 8;
/** a = index into workload.script (a scripted client request arrives) */
export const EV_SCRIPT = 9;

const N_EVENTS = PATTERN_EVENT_TYPES.length;

export interface CoreOptions extends EngineOptions {
  readonly trackKeys?: readonly number[];
  readonly onRequest?: (key: number, write: boolean) => void;
}

export class EngineCore implements PatternHost {
  scenario: Scenario;
  readonly clock = {
    /** Simulated time, ms. */
    now: 0,
    /** Time of the next client arrival (kept outside the queue), or Infinity. */
    nextArrivalT: Infinity,
  };
  nextArrivalSeq = 0;
  readonly queue = new EventQueue(4096);
  readonly records = new RequestRecords();
  readonly keys: KeySpace;
  readonly keyColumns;
  private readonly rngs = new Map<number, Rng>();
  workload: Workload;
  /** A trace replay's key sequence (options.traceKeys), kept for workloads rebuilt by live changes. */
  private readonly traceKeys: Int32Array | undefined;
  /** Sees every client request's key as it arrives (options.onRequest), or null. */
  private readonly onRequest: ((key: number, write: boolean) => void) | null;
  readonly metrics: Metrics;
  readonly db: DbPool;
  readonly cache: CacheClient;
  readonly trace: Narration;
  /** Events processed so far. */
  processed = 0;
  /** Next trace job id: client requests and background jobs draw from one counter. */
  nextRequestId = 1;
  /** Client requests that arrived and have not finished; and how many finished. */
  clientInFlight = 0;
  requestsFinished = 0;
  /** Set when the backlog passed a cap (run-limits.ts): the run loop stops at once. */
  stop: RunStop | null = null;

  // ---- machines ----
  readonly compiled: CompiledMachine[];
  readonly impls: PatternImplementation[];
  steppers: MachineStepper[] = [];
  /** [machine * N_EVENTS + pattern event] -> the machine's local event id (-1 unknown). */
  private readonly evMap: Int32Array;
  private readonly maxStates: number;
  private readonly isFinal: Uint8Array;
  /** Whether each machine's records belong to an app instance (held while it is paused). */
  private readonly onApp: Uint8Array;
  private readonly machineIndex = new Map<string, number>();
  private readonly backgroundRecords = new Map<number, number>();
  readonly readMachine: number;
  writeMachine: number;

  // ---- app instances ----
  instances: number;
  readonly pausedUntil = new Float64Array(MAX_APP_INSTANCES);
  /** Whether any pause-app fault ever ran: until then every pausedUntil is 0 (skip lookups). */
  anyPause = false;
  readonly instInFlight = new Int32Array(MAX_APP_INSTANCES);
  rrNext = 0;
  rateFactor = 1;
  private readonly timers: ((a: number, b: number) => void)[] = [];
  readonly counts = {
    lost: (n: number): void => {
      const m = this.metrics;
      m.win.lostWrites += n;
      if (m.inTotals) m.tot.lostWrites += n;
    },
    lockWait: (): void => {
      const m = this.metrics;
      m.win.lockWaits++;
      if (m.inTotals) m.tot.lockWaits++;
    },
  };

  // ---- fast paths (see planFastPaths) ----
  private fastReadStart = -1;
  private fastHitFrom = -1;
  private fastHitTo = -1;
  private fastMissTo = -1;
  private fastGet: (r: number) => void = noop;
  private fastServeHit: (r: number) => void = noop;
  private fastOpenFlight: (r: number) => void = noop;
  private fastDbRead: (r: number) => void = noop;

  constructor(scenario: Scenario, options: CoreOptions) {
    this.scenario = scenario;
    this.onRequest = options.onRequest ?? null;
    this.traceKeys = options.traceKeys;
    const sc = scenario;
    this.keys = new KeySpace(
      Math.max(1, sc.workload.keys),
      sc.workload.popularity.kind === 'unique' || sc.workload.scan !== null,
    );
    this.keyColumns = this.keys.cols;
    this.workload = this.buildWorkload(sc);
    this.instances = sc.app.instances;
    this.compiled = MACHINE_IDS.map((id) => compileMachine(PATTERN_REGISTRY[id].machine));
    this.compiled.forEach((c, m) => this.machineIndex.set(c.id, m));
    this.trace = new Narration(options.trace === true, this.clock, this.records, {
      lanes: MACHINE_IDS.map((id) => PATTERN_REGISTRY[id].lane),
      keyed: MACHINE_IDS.map((id) => PATTERN_REGISTRY[id].keyed),
      states: this.compiled.map((c) => c.states),
    });
    this.metrics = new Metrics(
      sc,
      {
        evictions: () => this.cache.evictions(),
        expirations: () => this.cache.expirations(),
        nodeState: () => this.nodeState(),
        cacheKeys: () => this.cache.store.size,
        cacheBytes: () => this.cache.store.bytesUsed,
        dbQueue: () => this.db.length,
        dbPoolSize: () => this.scenario.db.maxConcurrent,
      },
      options.trackKeys ?? [],
    );
    this.db = new DbPool(this);
    this.cache = new CacheClient(this);

    // Machine tables: events by pattern-event id, final states, lanes.
    this.evMap = new Int32Array(this.compiled.length * N_EVENTS).fill(-1);
    this.maxStates = Math.max(...this.compiled.map((c) => c.states.length));
    this.isFinal = new Uint8Array(this.compiled.length * this.maxStates);
    this.onApp = new Uint8Array(this.compiled.length);
    const known = new Set<string>();
    this.compiled.forEach((c, m) => {
      for (const name of c.events) {
        if (name.startsWith('after.')) continue;
        const g = (EV as Record<string, number | undefined>)[name];
        if (g === undefined)
          throw new Error(`machine "${c.id}" uses event "${name}", which is not a pattern event`);
        this.evMap[m * N_EVENTS + g] = c.eventId(name);
        known.add(name);
      }
      this.isFinal.set(c.isFinal, m * this.maxStates);
      this.onApp[m] = PATTERN_REGISTRY[MACHINE_IDS[m] ?? 'cache-node'].lane === 'app' ? 1 : 0;
    });
    const unknown = PATTERN_EVENT_TYPES.filter((t) => !known.has(t));
    if (unknown.length > 0) throw new Error(`no machine knows the events ${unknown.join(', ')}`);
    this.readMachine = this.machineOf(readMachineId(sc.pattern.read));
    this.writeMachine = this.machineOf(writeMachineId(sc.pattern.write));

    // Implementations: each pattern's state and behaviour.
    this.impls = MACHINE_IDS.map((id) => PATTERN_REGISTRY[id].implementation(this));
    for (const impl of this.impls) {
      if (impl.onCacheDeath !== undefined)
        this.cache.deathListeners.push((n) => {
          impl.onCacheDeath?.(n);
        });
    }
    this.bindAll();
  }

  /** The workload for `sc`, drawing on this engine's streams. */
  buildWorkload(sc: Scenario): Workload {
    return createWorkload(sc, this.rng(RNG_STREAM.keys), this.rng(RNG_STREAM.ops), {
      scanRng: sc.workload.scan === null ? undefined : this.rng(RNG_STREAM.scan),
      traceKeys: this.traceKeys,
    });
  }

  // ---- PatternHost ----
  rng(stream: number): Rng {
    let r = this.rngs.get(stream);
    if (r === undefined) {
      r = createRng(this.scenario.seed, stream);
      this.rngs.set(stream, r);
    }
    return r;
  }

  machineOf(id: string): number {
    const m = this.machineIndex.get(id);
    if (m === undefined) throw new Error(`no machine "${id}" in the pattern registry`);
    return m;
  }

  rowOf(key: number): number {
    return this.keys.rowOf(key);
  }

  stateOf(r: number): string {
    return (
      this.compiled[this.records.machine.a[r] ?? 0]?.states[this.records.state.a[r] ?? 0] ?? ''
    );
  }

  timer(fn: (a: number, b: number) => void): number {
    return this.timers.push(fn) - 1;
  }

  after(id: number, delayMs: number, a: number, b: number): void {
    this.queue.push(this.clock.now + delayMs, EV_CALL, a, b, id);
  }

  /**
   * Machine events go through the queue's FIFO lane: most are cache replies at now + latencyMs,
   * pushed in time order (the queue falls back to its heap for any that are not).
   */
  send(r: number, event: PatternEventId, delayMs: number): void {
    this.queue.pushLane(this.clock.now + delayMs, EV_MACHINE, r, event, 0);
  }

  scheduleDbDone(t: number, r: number): void {
    this.queue.push(t, EV_DB_DONE, r, 0, 0);
  }

  scheduleDbAck(t: number, r: number): void {
    this.queue.push(t, EV_DB_ACK, r, 0, 0);
  }

  spawn(machine: string, key: number, row: number, inst: number, flags: number, withId = true) {
    const m = this.machineOf(machine);
    const r = this.alloc(m, key, row, inst, flags);
    if (withId) this.records.id.a[r] = this.nextRequestId++;
    this.impls[m]?.onSpawn?.(r);
    return r;
  }

  startBackground(machine: string): number {
    const m = this.machineOf(machine);
    const existing = this.backgroundRecords.get(m);
    if (existing !== undefined) return existing;
    const r = this.alloc(m, 0, 0, 0, 0);
    this.backgroundRecords.set(m, r);
    this.impls[m]?.onSpawn?.(r);
    this.startRecord(r, m);
    return r;
  }

  background(machine: string): number {
    return this.backgroundRecords.get(this.machineOf(machine)) ?? -1;
  }

  deliverNow(r: number, event: PatternEventId): void {
    this.deliver(r, event);
  }

  /** Deliver now, or hold it until the record's app instance resumes. */
  deliverToApp(r: number, event: PatternEventId): void {
    if (this.anyPause && this.isPaused(r)) this.hold(r, EV_MACHINE, event, 0);
    else this.deliver(r, event);
  }

  // ---- records ----
  alloc(m: number, key: number, row: number, inst: number, flags: number): number {
    const r = this.records.alloc(m, key, row, inst, flags, this.clock.now);
    this.impls[m]?.initRecord?.(r);
    return r;
  }

  /** Enter a long-lived record's initial state (entry actions and timers run now). */
  startRecord(r: number, m: number): void {
    const stepper = this.steppers[m];
    if (stepper === undefined) return;
    this.records.state.a[r] = stepper.start(r);
    this.records.epoch.a[r] = (this.records.epoch.a[r] ?? 0) + 1;
  }

  // ---- binding ----
  /** Bind every machine to its implementation (again after a live change or a trace switch). */
  bindAll(): void {
    const onTransition = (_r: number, _from: number, to: number): void => {
      this.trace.enteringState = to;
    };
    const scheduleAfter = (r: number, delayMs: number, eventId: number): void => {
      // The timer belongs to the state being entered (epoch + 1); a stale timer is ignored.
      this.queue.push(
        this.clock.now + delayMs,
        EV_TIMER,
        r,
        eventId,
        (this.records.epoch.a[r] ?? 0) + 1,
      );
    };
    this.steppers = this.compiled.map((machine, m) => {
      const impl = this.impls[m];
      if (impl === undefined) throw new Error(`machine "${machine.id}" has no implementation`);
      return bindMachine(machine, {
        guards: impl.guards ?? {},
        actions: impl.actions,
        delays: impl.delays ?? {},
        scheduleAfter,
        ...(impl.staticGuard === undefined
          ? {}
          : { staticGuard: (n: string) => impl.staticGuard?.(n) }),
        ...(this.trace.on ? { onTransition } : {}),
      });
    });
    this.planFastPaths();
  }

  /**
   * Fast paths for the two steps of a plain cache hit, derived from the read machine as bound now
   * (after constant folding), and used only when the compiled tables say the step is
   * unconditional and does exactly what the fast path does:
   * - a new read (state 0, `read.start`) goes to a non-final state whose only effect is the
   *   entry action `cacheGet` (no transition actions, no timers): `fastReadStart`;
   * - in that state, `cache.hit` goes to a final state with the single action `serveHit` and no
   *   entry actions or timers: `fastHitFrom` -> `fastHitTo`;
   * - in that state, `cache.miss` goes to a non-final state with the single action `openFlight`
   *   whose only effect is the entry action `dbRead` (no timers): `fastHitFrom` -> `fastMissTo`.
   * The fast code runs the same action implementations in the same order and then updates state,
   * epoch and (for the final state) finishes the record, as step() would; it skips only the table
   * walk. Trace runs keep the generic path (it names states while entering them). -1 = off.
   */
  private planFastPaths(): void {
    this.fastReadStart = -1;
    this.fastHitFrom = -1;
    this.fastHitTo = -1;
    this.fastMissTo = -1;
    const read = this.steppers[this.readMachine];
    const impl = this.impls[this.readMachine];
    if (this.trace.on || read === undefined || impl === undefined) return;
    const fn = (name: string): ((r: number) => void) | undefined => impl.actions[name];
    const same = (a: readonly string[], b: readonly string[]): boolean =>
      a.length === b.length && a.every((x, i) => x === b[i]);
    const start = read.resolved(0, read.machine.eventId('read.start'));
    const get = fn('cacheGet');
    if (
      start === null ||
      get === undefined ||
      start.target <= 0 ||
      read.machine.isFinal[start.target] === 1 ||
      start.actions.length > 0 ||
      !same(start.entry, ['cacheGet']) ||
      start.hasTimers
    )
      return;
    this.fastGet = get;
    this.fastReadStart = start.target;
    const hit = read.resolved(start.target, read.machine.eventId('cache.hit'));
    const serveHit = fn('serveHit');
    if (
      hit === null ||
      serveHit === undefined ||
      hit.target < 0 ||
      read.machine.isFinal[hit.target] !== 1 ||
      !same(hit.actions, ['serveHit']) ||
      hit.entry.length > 0 ||
      hit.hasTimers
    )
      return;
    this.fastServeHit = serveHit;
    this.fastHitFrom = start.target;
    this.fastHitTo = hit.target;
    const miss = read.resolved(start.target, read.machine.eventId('cache.miss'));
    const openFlight = fn('openFlight');
    const dbRead = fn('dbRead');
    if (
      miss !== null &&
      openFlight !== undefined &&
      dbRead !== undefined &&
      miss.target >= 0 &&
      read.machine.isFinal[miss.target] !== 1 &&
      same(miss.actions, ['openFlight']) &&
      same(miss.entry, ['dbRead']) &&
      !miss.hasTimers
    ) {
      this.fastOpenFlight = openFlight;
      this.fastDbRead = dbRead;
      this.fastMissTo = miss.target;
    }
  }

  // ---- stepping ----
  /** Deliver a pattern event to a record now; a machine that does not know it is a bug. */
  deliver(r: number, g: number): void {
    const m = this.records.machine.a[r] ?? 0;
    const local = this.evMap[m * N_EVENTS + g] ?? -1;
    if (local < 0)
      throw new Error(
        `machine "${this.compiled[m]?.id ?? m}" does not know the event "${PATTERN_EVENT_TYPES[g] ?? g}"`,
      );
    this.step(r, m, local);
  }

  step(r: number, m: number, local: number): void {
    const stepper = this.steppers[m];
    if (stepper === undefined) return;
    const rec = this.records;
    const from = rec.state.a[r] ?? 0;
    this.trace.enteringState = -1;
    const to = stepper.send(r, from, local);
    this.trace.enteringState = -1;
    if (to < 0 || to === from) return;
    rec.state.a[r] = to;
    rec.epoch.a[r] = (rec.epoch.a[r] ?? 0) + 1;
    if (this.isFinal[m * this.maxStates + to] === 1) this.finish(r);
  }

  finish(r: number): void {
    const rec = this.records;
    const flags = rec.flags.a[r] ?? 0;
    if ((flags & F_CLIENT) !== 0) {
      const now = this.clock.now;
      const outcome = rec.outcome.a[r] ?? OUT_NONE;
      const latency = now - (rec.start.a[r] ?? now);
      const inst = rec.inst.a[r] ?? 0;
      this.instInFlight[inst] = (this.instInFlight[inst] ?? 1) - 1;
      this.clientInFlight--;
      const stale = (flags & F_STALE) !== 0;
      const staleMs = rec.staleMs.a[r] ?? 0;
      const error = outcome === OUT_ERROR;
      const m = this.metrics;
      const bucket = m.bucketOf(latency);
      m.win.addCompletion(stale, staleMs, error, bucket, latency);
      if (m.inTotals) m.tot.addCompletion(stale, staleMs, error, bucket, latency);
      if (this.trace.on) this.traceDone(r, outcome, stale, error, latency);
      this.requestsFinished++;
    }
    // Records are recycled; long-lived ones (the flusher, the cache node) never finish.
    rec.release(r);
  }

  /**
   * Add the age (now minus arrival, ms) of every client request in flight to `h`: how long each
   * has taken so far, a lower bound of its latency should it ever finish.
   */
  addClientAges(h: LatencyHistogram): void {
    if (this.clientInFlight === 0) return;
    const rec = this.records;
    const now = this.clock.now;
    const { mask, count } = rec.inUseMask();
    const flags = rec.flags.a;
    const start = rec.start.a;
    for (let r = 0; r < count; r++)
      if (mask[r] === 1 && ((flags[r] ?? 0) & F_CLIENT) !== 0) h.add(now - (start[r] ?? now));
  }

  private traceDone(r: number, outcome: number, stale: boolean, error: boolean, latency: number) {
    const rec = this.records;
    const isRead = (rec.machine.a[r] ?? 0) === this.readMachine;
    const name = error
      ? 'error'
      : isRead
        ? stale
          ? 'stale'
          : outcome === OUT_HIT
            ? 'hit'
            : 'miss'
        : 'write';
    this.trace.emit(
      'request.done',
      r,
      this.trace.lane(r),
      'client',
      rec.version.a[r] ?? null,
      `${isRead ? 'read' : 'write'} of key ${rec.key.a[r] ?? 0} done in ${latency.toFixed(2)} ms (${name})`,
      name,
    );
  }

  // ---- app instances ----
  isPaused(r: number): boolean {
    if (this.onApp[this.records.machine.a[r] ?? 0] !== 1) return false;
    return (this.pausedUntil[this.records.inst.a[r] ?? 0] ?? 0) > this.clock.now;
  }

  isHeld(r: number): boolean {
    return this.anyPause && this.isPaused(r);
  }

  holdAck(r: number): void {
    this.hold(r, EV_DB_ACK, 0, 0);
  }

  /**
   * Hold an event addressed to a paused app instance until the instance resumes: it is queued
   * again at the resume time, after everything held before it, so held work continues in order.
   */
  hold(r: number, kind: number, b: number, c: number): void {
    const until = this.pausedUntil[this.records.inst.a[r] ?? 0] ?? this.clock.now;
    this.queue.push(until, kind, r, b, c);
    if (this.trace.on) this.traceHold(r, kind, b, until);
  }

  private traceHold(r: number, kind: number, b: number, until: number): void {
    const what =
      kind === EV_TIMER
        ? 'a timer'
        : kind === EV_DB_ACK
          ? 'the write acknowledgement'
          : b === EV['read.start'] || b === EV['write.start']
            ? 'the new request'
            : b === EV['db.reply']
              ? 'the database reply'
              : `the ${PATTERN_EVENT_TYPES[b] ?? 'event'} message`;
    const lane = this.trace.lane(r);
    this.trace.emit(
      'app.hold',
      r,
      lane,
      null,
      null,
      `${lane} is paused: ${what} waits until ${until.toFixed(1)} ms`,
    );
  }

  // ---- arrivals ----
  /** End the run now: the backlog passed `limit` (the first cap passed is the one reported). */
  halt(limit: RunStopLimit): void {
    if (this.stop === null) this.stop = runStop(limit, this.clock.now);
  }

  /**
   * A client request arrives at instance `inst`. When the backlog is at a cap, the run stops
   * here instead (the request is not counted: it never entered the system).
   */
  arriveAt(key: number, write: boolean, inst: number): void {
    if (this.clientInFlight >= MAX_CLIENT_IN_FLIGHT) {
      this.halt('client-in-flight');
      return;
    }
    if (this.queue.size >= MAX_QUEUED_EVENTS) {
      this.halt('event-queue');
      return;
    }
    if (this.cache.store.size >= MAX_CACHED_KEYS) {
      this.halt('cache-keys');
      return;
    }
    if (this.onRequest !== null) this.onRequest(key, write);
    this.instInFlight[inst] = (this.instInFlight[inst] ?? 0) + 1;
    this.clientInFlight++;
    const m = this.metrics;
    m.win.addArrival(!write);
    if (m.inTotals) m.tot.addArrival(!write);
    const rec = this.records;
    const r = this.alloc(
      write ? this.writeMachine : this.readMachine,
      key,
      this.keys.rowOf(key),
      inst,
      F_CLIENT,
    );
    rec.id.a[r] = this.nextRequestId++;
    if (this.trace.on)
      this.trace.emit(
        'request.start',
        r,
        'client',
        `app:${inst}`,
        null,
        `${write ? 'write' : 'read'} of key ${key} arrives at app:${inst}`,
      );
    const start = write ? EV['write.start'] : EV['read.start'];
    if (this.anyPause && (this.pausedUntil[inst] ?? 0) > this.clock.now)
      this.hold(r, EV_MACHINE, start, 0);
    else if (!write && this.fastReadStart >= 0) {
      // Fast path, exactly what step() does for this resolved transition (see planFastPaths).
      this.fastGet(r);
      rec.state.a[r] = this.fastReadStart;
      rec.epoch.a[r] = (rec.epoch.a[r] ?? 0) + 1;
    } else this.deliver(r, start);
  }

  /** The next instance in round-robin order. */
  nextInstance(): number {
    const inst = this.rrNext;
    this.rrNext = (this.rrNext + 1) % this.instances;
    return inst;
  }

  /** A machine event (`g`) reaches record `a` from the queue. */
  machineEvent(a: number, g: number): void {
    const rec = this.records;
    if (this.anyPause && this.pausedUntil[rec.inst.a[a] ?? 0] !== 0 && this.isPaused(a)) {
      this.hold(a, EV_MACHINE, g, 0);
      return;
    }
    if (rec.state.a[a] === this.fastHitFrom && rec.machine.a[a] === this.readMachine) {
      // Fast paths for a plain hit or miss reply: exactly what step() does for these resolved
      // transitions (see planFastPaths).
      if (g === EV['cache.hit']) {
        this.fastServeHit(a);
        rec.state.a[a] = this.fastHitTo;
        rec.epoch.a[a] = (rec.epoch.a[a] ?? 0) + 1;
        this.finish(a);
        return;
      }
      if (g === EV['cache.miss'] && this.fastMissTo >= 0) {
        this.fastOpenFlight(a);
        this.fastDbRead(a);
        rec.state.a[a] = this.fastMissTo;
        rec.epoch.a[a] = (rec.epoch.a[a] ?? 0) + 1;
        return;
      }
    }
    this.deliver(a, g);
  }

  /** A machine's `after` timer fires (ignored when the record left that state). */
  timerEvent(a: number, local: number, epoch: number): void {
    const rec = this.records;
    if (rec.epoch.a[a] !== epoch) return;
    if (this.anyPause && this.pausedUntil[rec.inst.a[a] ?? 0] !== 0 && this.isPaused(a)) {
      this.hold(a, EV_TIMER, local, epoch);
      return;
    }
    this.step(a, rec.machine.a[a] ?? 0, local);
  }

  callTimer(id: number, a: number, b: number): void {
    this.timers[id]?.(a, b);
  }

  /** Writes acknowledged but not yet in the DB (write-behind's buffer), for views. */
  pendingWrites(): number {
    let n = 0;
    for (const impl of this.impls) n += impl.bufferedWrites?.() ?? 0;
    return n;
  }

  /** Long-lived records (the cache node, the flusher). */
  backgroundCount(): number {
    return this.backgroundRecords.size;
  }

  /**
   * Everything that changes while the engine runs, copied (checkpoints). What the scenario
   * determines (machines, bindings, configuration) is rebuilt by constructing an engine for the
   * scenario in effect, then {@link load}ing this into it.
   */
  save(): CoreState {
    return {
      scenario: this.scenario,
      now: this.clock.now,
      nextArrivalT: this.clock.nextArrivalT,
      nextArrivalSeq: this.nextArrivalSeq,
      queue: this.queue.save(),
      records: this.records.save(),
      keys: this.keys.cols.save(),
      rngs: [...this.rngs].map(([k, r]) => [k, r.getState()]),
      workload: this.workload.position(),
      sampler: this.db.sampler.save?.() ?? null,
      processed: this.processed,
      nextRequestId: this.nextRequestId,
      clientInFlight: this.clientInFlight,
      requestsFinished: this.requestsFinished,
      stop: this.stop,
      instances: this.instances,
      pausedUntil: this.pausedUntil.slice(),
      anyPause: this.anyPause,
      instInFlight: this.instInFlight.slice(),
      rrNext: this.rrNext,
      rateFactor: this.rateFactor,
      writeMachine: this.writeMachine,
      background: [...this.backgroundRecords],
      metrics: this.metrics.save(),
      db: this.db.save(),
      cache: this.cache.save(),
      trace: this.trace.save(),
      impls: this.impls.map((impl) => impl.save?.() ?? null),
    };
  }

  /** Restore {@link save}d state into an engine built for `state.scenario`. */
  load(s: CoreState): void {
    this.clock.now = s.now;
    this.clock.nextArrivalT = s.nextArrivalT;
    this.nextArrivalSeq = s.nextArrivalSeq;
    this.queue.load(s.queue);
    this.records.load(s.records);
    this.keys.cols.load(s.keys);
    for (const [k, state] of s.rngs) this.rng(k).setState(state);
    this.workload.seek(s.workload);
    if (s.sampler !== null) this.db.sampler.load?.(s.sampler);
    this.processed = s.processed;
    this.nextRequestId = s.nextRequestId;
    this.clientInFlight = s.clientInFlight;
    this.requestsFinished = s.requestsFinished;
    this.stop = s.stop;
    this.instances = s.instances;
    this.pausedUntil.set(s.pausedUntil);
    this.anyPause = s.anyPause;
    this.instInFlight.set(s.instInFlight);
    this.rrNext = s.rrNext;
    this.rateFactor = s.rateFactor;
    this.writeMachine = s.writeMachine;
    this.backgroundRecords.clear();
    for (const [m, r] of s.background) this.backgroundRecords.set(m, r);
    this.metrics.load(s.metrics);
    this.db.load(s.db);
    this.cache.load(s.cache);
    this.trace.load(s.trace);
    s.impls.forEach((saved, i) => {
      if (saved !== null) this.impls[i]?.load?.(saved);
    });
  }

  nodeState(): CacheNodeState {
    const node = this.background('cache-node');
    const name = node < 0 ? 'up' : this.stateOf(node);
    return name === 'down' ? 'down' : name === 'restarting' ? 'restarting' : 'up';
  }
}

function noop(): void {
  return undefined;
}

/** See {@link EngineCore.save}. */
export interface CoreState {
  readonly scenario: Scenario;
  readonly now: number;
  readonly nextArrivalT: number;
  readonly nextArrivalSeq: number;
  readonly queue: Record<string, unknown>;
  readonly records: ReturnType<RequestRecords['save']>;
  readonly keys: ReturnType<KeySpace['cols']['save']>;
  readonly rngs: [number, number][];
  readonly workload: number;
  readonly sampler: { spare: number; hasSpare: boolean } | null;
  readonly processed: number;
  readonly nextRequestId: number;
  readonly clientInFlight: number;
  readonly requestsFinished: number;
  readonly stop: RunStop | null;
  readonly instances: number;
  readonly pausedUntil: Float64Array;
  readonly anyPause: boolean;
  readonly instInFlight: Int32Array;
  readonly rrNext: number;
  readonly rateFactor: number;
  readonly writeMachine: number;
  readonly background: [number, number][];
  readonly metrics: Record<string, unknown>;
  readonly db: Record<string, unknown>;
  readonly cache: ReturnType<CacheClient['save']>;
  readonly trace: ReturnType<Narration['save']>;
  readonly impls: unknown[];
}
