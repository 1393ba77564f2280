/**
 * The simulation engine: virtual time, an event queue ordered by (time, seq), Poisson clients,
 * app instances, the Redis-like cache, the DB with its connection pool, faults, live knob changes,
 * metric windows and an optional trace.
 *
 * Pattern logic lives only in the XState machines (src/sim/patterns). They are compiled once into
 * flat tables; requests are plain integer ids whose fields live in typed arrays, stepped through
 * those tables with the guard/action/delay implementations defined here. Actions never deliver
 * an event synchronously: they schedule it (possibly at delay 0), which keeps ordering by
 * (time, seq) and makes runs reproducible.
 *
 * Hot-path rules: no closures created per event, no string building unless the trace is on,
 * numbers in typed arrays, no XState actors.
 */
import { createCacheStore } from '../cache/cache-store';
import { SET_STATUS, type CacheStore } from '../cache/cache-types';
import { createLatencySampler, type LatencySampler } from '../db/db-latency';
import { DbTruth } from '../db/db-truth';
import { LatencyHistogram, latencyBucket } from '../metrics/latency-histogram';
import { bindMachine, compileMachine, type MachineStepper } from '../patterns/machine-compiler';
import { PATTERN_MACHINES } from '../patterns/pattern-registry';
import { createRng, RNG_STREAM } from '../rng';
import { applyScenarioPatch, type Scenario, type ScenarioPatch } from '../scenario/scenario-schema';
import { createWorkload, type Workload } from '../workload/workload';
import { EventQueue } from './event-queue';
import type {
  CacheNodeState,
  Counts,
  Engine,
  EngineOptions,
  EngineView,
  FaultSpec,
  Marker,
  MetricWindow,
  RequestOutcome,
  Totals,
  TraceEvent,
} from './engine-types';

// ---- event kinds in the queue ----
const EV_MACHINE = 2; // a = record, b = global event id
const EV_TIMER = 3; // a = record, b = machine-local event id, c = record epoch at scheduling
const EV_DB_DONE = 4; // a = record
const EV_FAULT = 5; // a = fault index
const EV_FAULT_END = 6; // a = fault index
const EV_PUBLISH = 7; // a = key, b = version (event-driven invalidation delivery)
const EV_DB_ACK = 8; // a = record (a committed write's ack reaches the app)
const EV_SCRIPT = 9; // a = index into workload.script (a scripted client request arrives)

/** Mean delay between a write's commit and its ack reaching the app (network + scheduling), ms. */
export const WRITE_ACK_DELAY_MS = 2;

// ---- global machine events (mapped to each machine's own ids) ----
const G = {
  readStart: 0,
  refreshStart: 1,
  l1Hit: 2,
  l1Miss: 3,
  cacheHit: 4,
  cacheMiss: 5,
  cacheDown: 6,
  cacheReply: 7,
  lockAcquired: 8,
  lockBusy: 9,
  dbReply: 10,
  flightDone: 11,
  writeStart: 12,
  batchEmpty: 13,
  eventDelivered: 14,
  faultDown: 15,
  faultRestart: 16,
} as const;
const GLOBAL_EVENT_NAMES = [
  'read.start',
  'refresh.start',
  'l1.hit',
  'l1.miss',
  'cache.hit',
  'cache.miss',
  'cache.down',
  'cache.reply',
  'lock.acquired',
  'lock.busy',
  'db.reply',
  'flight.done',
  'write.start',
  'batch.empty',
  'event.delivered',
  'fault.down',
  'fault.restart',
];

// ---- machines (index into steppers) ----
const M_READ = 0;
const M_INVALIDATE = 1;
const M_UPDATE = 2;
const M_WRITE_THROUGH = 3;
const M_WRITE_BEHIND = 4;
const M_WRITE_AROUND = 5;
const M_FLUSHER = 6;
const M_EVENT = 7;
const M_NODE = 8;
const MACHINE_IDS = [
  'cache-aside-read',
  'invalidate-write',
  'update-write',
  'write-through',
  'write-behind',
  'write-around',
  'write-behind-flusher',
  'event-invalidation',
  'cache-node',
] as const;
const WRITE_MACHINE: Readonly<Record<Scenario['pattern']['write'], number>> = {
  invalidate: M_INVALIDATE,
  update: M_UPDATE,
  'write-through': M_WRITE_THROUGH,
  'write-behind': M_WRITE_BEHIND,
  'write-around': M_WRITE_AROUND,
};

// ---- DB operations ----
const DB_READ = 0;
const DB_WRITE = 1;
const DB_BATCH = 2;

// ---- request outcomes ----
const OUT_NONE = 0;
const OUT_HIT = 1;
const OUT_MISS = 2;
const OUT_ERROR = 3;
const OUT_WRITE = 4;
const OUTCOME_NAMES: readonly RequestOutcome[] = ['miss', 'hit', 'miss', 'error', 'write'];

// ---- record flags ----
const F_CLIENT = 1; // a client request (counted, has latency)
const F_BACKGROUND = 2; // background refresh
const F_WAITED = 4; // waited for the rebuild lock at least once
const F_STALE = 8; // served a stale value
const F_LOOKED = 16; // a client read whose first lookup was answered (counted hit or miss)

/** Default durations per fault kind, in ms, when a fault's forMs is null/absent. */
export const FAULT_DEFAULTS = {
  'cache-down': 10_000,
  'cache-restart': 1_000,
  'db-slow': 10_000,
  'traffic-spike': 10_000,
  'expire-key': 0,
  'pause-app': 15_000,
} as const;
/** Default factors when a fault's factor is 0/absent. */
export const FAULT_FACTORS = { 'db-slow': 5, 'traffic-spike': 3 } as const;

interface ScheduledFault {
  readonly atMs: number;
  readonly spec: FaultSpec;
}

/** Per-window (and total) counters, folded from engine events. */
class Ledger {
  requests = 0;
  reads = 0;
  writes = 0;
  hits = 0;
  misses = 0;
  completed = 0;
  dbReads = 0;
  dbWrites = 0;
  staleReads = 0;
  maxStalenessMs = 0;
  lostWrites = 0;
  errors = 0;
  oomErrors = 0;
  lockWaits = 0;
  /** Operations handed to the DB pool, and operations it finished (saturation signal). */
  dbArrivals = 0;
  dbServed = 0;
  readonly latency = new LatencyHistogram();

  /** A client request arrives (counted at arrival, whether or not it ever finishes). */
  addArrival(isRead: boolean): void {
    this.requests++;
    if (!isRead) this.writes++;
  }

  /**
   * The cache answers a client read's first lookup: the read is a hit or a miss from this moment,
   * however long the rest of it takes (a miss may then queue at the DB past the end of the run).
   */
  addLookup(hit: boolean): void {
    this.reads++;
    if (hit) this.hits++;
    else this.misses++;
  }

  /** A client request finishes: its latency, and whether it failed or served a stale value. */
  addCompletion(
    stale: boolean,
    staleMs: number,
    error: boolean,
    bucket: number,
    latencyMs: number,
  ): void {
    this.completed++;
    if (stale) {
      this.staleReads++;
      if (staleMs > this.maxStalenessMs) this.maxStalenessMs = staleMs;
    }
    if (error) this.errors++;
    this.latency.addToBucket(bucket, latencyMs);
  }

  reset(): void {
    this.requests = 0;
    this.reads = 0;
    this.writes = 0;
    this.hits = 0;
    this.misses = 0;
    this.completed = 0;
    this.dbReads = 0;
    this.dbWrites = 0;
    this.staleReads = 0;
    this.maxStalenessMs = 0;
    this.lostWrites = 0;
    this.errors = 0;
    this.oomErrors = 0;
    this.lockWaits = 0;
    this.dbArrivals = 0;
    this.dbServed = 0;
    this.latency.reset();
  }

  counts(evictions: number, expirations: number): Counts {
    return {
      requests: this.requests,
      reads: this.reads,
      writes: this.writes,
      hits: this.hits,
      misses: this.misses,
      hitRatio: this.reads === 0 ? 0 : Math.round((this.hits / this.reads) * 1e6) / 1e6,
      completed: this.completed,
      dbReads: this.dbReads,
      dbWrites: this.dbWrites,
      staleReads: this.staleReads,
      maxStalenessMs: Math.round(this.maxStalenessMs * 1000) / 1000,
      lostWrites: this.lostWrites,
      evictions,
      expirations,
      errors: this.errors,
      oomErrors: this.oomErrors,
      lockWaits: this.lockWaits,
    };
  }
}

function growI32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
function growF64(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
function growU8(a: Uint8Array, n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}

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
  /** Events processed so far. */
  readonly eventsProcessed: number;
  setTrace(on: boolean): void;
}

/** Options beyond {@link EngineOptions}. */
export interface EngineExtOptions extends EngineOptions {
  /** Keys whose reads/hits are counted individually (see `keyStats`). */
  readonly trackKeys?: readonly number[];
}

/**
 * Create an engine for a normalised scenario (from `parseScenario`). Nothing runs until
 * `runUntil` / `stepEvent` is called; time starts at 0.
 */
export function createEngine(scenario: Scenario, options: EngineExtOptions = {}): EngineExt {
  let sc = scenario;
  /** Whether trace events are recorded (switchable with setTrace). */
  let traceOn = options.trace === true;
  const seed = sc.seed;

  // ---- randomness: one stream per purpose ----
  const rngArrivals = createRng(seed, RNG_STREAM.arrivals);
  const rngKeys = createRng(seed, RNG_STREAM.keys);
  const rngOps = createRng(seed, RNG_STREAM.ops);
  const rngJitter = createRng(seed, RNG_STREAM.ttlJitter);
  const rngXfetch = createRng(seed, RNG_STREAM.xfetch);
  const rngEviction = createRng(seed, RNG_STREAM.eviction);
  const rngDbLatency = createRng(seed, RNG_STREAM.dbLatency);

  // Hot mutable doubles live in an object, not in `let` bindings: V8 boxes a double held in a
  // closure variable afresh on every write (a heap allocation per event), while an object field
  // is updated in place.
  const clock = {
    /** Simulated time, ms. */
    now: 0,
    /** Time of the next client arrival (kept outside the queue), or Infinity. */
    nextArrivalT: Infinity,
  };

  // ---- derived configuration (refreshed by applyPatch) ----
  let workload: Workload = createWorkload(sc, rngKeys, rngOps);
  let dbLatency: LatencySampler = createLatencySampler(sc.db.latencyVariation, rngDbLatency);
  let cacheLatency = sc.cache.latencyMs;
  let jitterFrac = sc.cache.jitterPct / 100;
  let instances = sc.app.instances;
  let writeMachine = WRITE_MACHINE[sc.pattern.write];
  let lockCfg = sc.stampede.lock;
  let swrSoftMs = sc.stampede.staleWhileRevalidate?.softTtlMs ?? Infinity;
  let xfetchBeta = sc.stampede.earlyRefresh?.beta ?? -1;
  let coalescing = sc.stampede.coalescing;
  let eventInv = sc.pattern.eventInvalidation;
  let l1Cfg = sc.app.l1;
  /** Every value SET is version-checked (write-through with `versioned`). */
  let versionedSets = sc.pattern.write === 'write-through' && sc.pattern.writeThrough.versioned;

  const newStore = (): CacheStore =>
    createCacheStore(
      {
        capacityKeys: sc.cache.capacityKeys,
        capacityBytes: sc.cache.capacityBytes,
        policy: sc.cache.policy,
        eviction: sc.cache.eviction,
      },
      rngEviction,
    );
  let store = newStore();
  // Counters of stores replaced by live capacity/policy changes.
  let retiredEvictions = 0;
  let retiredExpirations = 0;
  let manualExpirations = 0;
  const newL1s = (): CacheStore[] => {
    const out: CacheStore[] = [];
    if (l1Cfg === null) return out;
    for (let i = 0; i < instances; i++) {
      out.push(
        createCacheStore(
          {
            capacityKeys: l1Cfg.capacityKeys,
            capacityBytes: null,
            policy: 'allkeys-lru',
            eviction: { mode: 'exact' },
          },
          rngEviction,
        ),
      );
    }
    return out;
  };
  let l1s = newL1s();

  const truth = new DbTruth(sc.workload.popularity.kind === 'unique' ? 1024 : sc.workload.keys);
  // Per-key engine state (grown with truth): lock expiry/token, refresh-in-flight, last rebuild ms.
  let keyCap = 0;
  let lockExpires = new Float64Array(0);
  let lockToken = new Int32Array(0);
  let refreshing = new Uint8Array(0);
  /** When a background refresh last stored the key (-1 never): one refresh per soft expiry. */
  let refreshedAt = new Float64Array(0);
  let rebuildMs = new Float64Array(0);
  const ensureKey = (key: number): void => {
    if (key < keyCap) return;
    truth.ensure(key);
    let cap = Math.max(16, keyCap);
    while (cap <= key) cap *= 2;
    lockExpires = growF64(lockExpires, cap);
    lockToken = growI32(lockToken, cap);
    refreshing = growU8(refreshing, cap);
    const ra = growF64(refreshedAt, cap);
    ra.fill(-1, keyCap);
    refreshedAt = ra;
    const r = growF64(rebuildMs, cap);
    r.fill(-1, keyCap);
    rebuildMs = r;
    keyCap = cap;
  };
  ensureKey(Math.max(0, sc.workload.keys - 1));
  let nextLockToken = 1;

  // ---- request records ----
  let recCap = 0;
  let rMachine = new Uint8Array(0);
  let rState = new Int16Array(0);
  let rEpoch = new Int32Array(0);
  let rKey = new Int32Array(0);
  let rInst = new Uint8Array(0);
  let rFlags = new Uint8Array(0);
  let rOutcome = new Uint8Array(0);
  let rDbOp = new Uint8Array(0);
  let rVersion = new Int32Array(0);
  let rLock = new Int32Array(0);
  let rNextWaiter = new Int32Array(0);
  let rStart = new Float64Array(0);
  let rSetAt = new Float64Array(0);
  let rExpAt = new Float64Array(0);
  let rWaitStart = new Float64Array(0);
  let rDbStart = new Float64Array(0);
  let rStaleMs = new Float64Array(0);
  /** Trace id of the job the record runs (client request or background job), -1 none. */
  let rId = new Float64Array(0);
  let recFree = new Int32Array(0);
  let recFreeTop = 0;
  let recUsed = 0;
  const growRecords = (): void => {
    const n = Math.max(256, recCap * 2);
    const i16 = new Int16Array(n);
    i16.set(rState);
    rState = i16;
    rMachine = growU8(rMachine, n);
    rEpoch = growI32(rEpoch, n);
    rKey = growI32(rKey, n);
    rInst = growU8(rInst, n);
    rFlags = growU8(rFlags, n);
    rOutcome = growU8(rOutcome, n);
    rDbOp = growU8(rDbOp, n);
    rVersion = growI32(rVersion, n);
    rLock = growI32(rLock, n);
    rNextWaiter = growI32(rNextWaiter, n);
    rStart = growF64(rStart, n);
    rSetAt = growF64(rSetAt, n);
    rExpAt = growF64(rExpAt, n);
    rWaitStart = growF64(rWaitStart, n);
    rDbStart = growF64(rDbStart, n);
    rStaleMs = growF64(rStaleMs, n);
    rId = growF64(rId, n);
    recFree = growI32(recFree, n);
    recCap = n;
  };
  const allocRecord = (machine: number, key: number, inst: number, flags: number): number => {
    let r: number;
    if (recFreeTop > 0) r = recFree[--recFreeTop] ?? 0;
    else {
      if (recUsed === recCap) growRecords();
      r = recUsed++;
    }
    rMachine[r] = machine;
    rState[r] = 0;
    rKey[r] = key;
    rInst[r] = inst;
    rFlags[r] = flags;
    rOutcome[r] = OUT_NONE;
    rVersion[r] = 0;
    rLock[r] = 0;
    rNextWaiter[r] = -1;
    rStart[r] = clock.now;
    rWaitStart[r] = -1;
    rStaleMs[r] = 0;
    rId[r] = -1;
    return r;
  };
  /**
   * Next trace request id: client requests and background jobs (refreshes, event deliveries)
   * draw from this one increasing counter, so every id in a trace is unique.
   */
  let nextRequestId = 1;
  /** Records in use (requests in flight plus background work), for views. */
  let liveRecords = 0;

  // ---- queue, clock, metrics ----
  const queue = new EventQueue(4096);
  let processed = 0;
  const durationMs = sc.durationMs;
  const warmupMs = sc.warmupMs;
  const windowMs = sc.windowMs;
  let windowStart = 0;
  const win = new Ledger();
  const tot = new Ledger();
  let inTotals = warmupMs <= 0;
  let evictionsAtWindowStart = 0;
  let expirationsAtWindowStart = 0;
  let evictionsAtWarmup = 0;
  let expirationsAtWarmup = 0;
  const pendingWindows: MetricWindow[] = [];
  const markerList: Marker[] = [];
  let dbQueuePeak = 0;
  /** DB queue length when the current window opened (saturation: did it grow?). */
  let dbQueueAtWindowStart = 0;
  /** Largest DB queue after warm-up, and time after warm-up in saturated windows. */
  let totQueuePeak = 0;
  let saturatedMs = 0;
  const tracked = new Map<number, { reads: number; hits: number; dbReads: number }>();
  for (const k of options.trackKeys ?? []) tracked.set(k, { reads: 0, hits: 0, dbReads: 0 });
  const trackAny = tracked.size > 0;

  const evictionsNow = (): number => retiredEvictions + store.counters.evictions;
  const expirationsNow = (): number =>
    retiredExpirations + store.counters.expirations + manualExpirations;

  // ---- trace ----
  const traceBuf: TraceEvent[] = [];
  let traceSeq = 0;
  let enteringState = -1;
  const lane = (r: number): string =>
    rMachine[r] === M_FLUSHER
      ? 'flusher'
      : rMachine[r] === M_EVENT
        ? 'bus'
        : `app:${rInst[r] ?? 0}`;
  const stateName = (r: number): string | undefined => {
    const m = steppers[rMachine[r] ?? 0];
    const s = enteringState >= 0 ? enteringState : (rState[r] ?? 0);
    return m?.machine.states[s];
  };
  function trace(
    type: string,
    r: number,
    actor: string,
    to: string | null,
    version: number | null,
    detail: string,
    outcome?: RequestOutcome,
    key?: number | null,
  ): void {
    const st = r >= 0 ? stateName(r) : undefined;
    const id = r >= 0 ? (rId[r] ?? -1) : -1;
    // The flusher and the cache node are long-lived records with no key of their own.
    const m = r >= 0 ? (rMachine[r] ?? 0) : -1;
    const ev: TraceEvent = {
      seq: traceSeq++,
      tMs: clock.now,
      type,
      requestId: id >= 0 ? id : null,
      actor,
      to,
      key:
        key !== undefined
          ? key
          : r < 0 || m === M_FLUSHER || m === M_NODE
            ? null
            : (rKey[r] ?? null),
      version,
      ...(outcome === undefined ? {} : { outcome }),
      ...(st === undefined ? {} : { state: st }),
      detail,
    };
    traceBuf.push(ev);
  }

  // ---- cache node (its record is stepped by the cache-node machine) ----
  let nodeRec = -1;
  let nodeUpState = 0;
  let pendingDownFor: number = FAULT_DEFAULTS['cache-down'];
  let pendingRestartFor = 0;
  const cacheUp = (): boolean => rState[nodeRec] === nodeUpState;

  // ---- DB pool ----
  let dbInFlight = 0;
  let dbQ = new Int32Array(1024);
  let dbQHead = 0;
  let dbQLen = 0;
  let dbSlowFactor = 1;

  // ---- write-behind buffer (lives in the cache node) ----
  let wbKeys = new Int32Array(1024);
  let wbVers = new Int32Array(1024);
  let wbHead = 0;
  let wbLen = 0;
  let flusherRec = -1;
  /** When the flusher started: its ticks fall at this time plus multiples of the interval. */
  let flusherStartMs = 0;
  let batchKeys = new Int32Array(0);
  let batchVers = new Int32Array(0);
  let batchLen = 0;

  // ---- coalescing flights: per instance, key -> leader record ----
  const flights: Map<number, number>[] = [];
  for (let i = 0; i < 64; i++) flights.push(new Map());

  // ---- app instances ----
  const pausedUntil = new Float64Array(64);
  /** Whether any pause-app fault ever ran: until then every pausedUntil is 0 (skip the lookups). */
  let anyPause = false;
  const instInFlight = new Int32Array(64);
  let rrNext = 0;

  // ---- arrivals ----
  let rateFactor = 1;
  let nextArrivalSeq = 0;

  const schedule = (t: number, kind: number, a: number, b: number, c: number): void => {
    queue.push(t, kind, a, b, c);
  };
  // Machine events go through the queue's FIFO lane: most are cache replies at now + latencyMs,
  // pushed in time order (the queue falls back to its heap for any that are not).
  const send = (r: number, g: number, delayMs: number): void => {
    queue.pushLane(clock.now + delayMs, EV_MACHINE, r, g, 0);
  };

  // ---- metrics helpers ----
  const countDbRead = (): void => {
    win.dbReads++;
    if (inTotals) tot.dbReads++;
  };
  const countDbWrite = (): void => {
    win.dbWrites++;
    if (inTotals) tot.dbWrites++;
  };
  const countOom = (): void => {
    win.oomErrors++;
    if (inTotals) tot.oomErrors++;
  };
  /**
   * The cache (or the in-process L1) answers a client read's first lookup: from now on the read is
   * a hit or a miss. Later lookups of the same read (lock re-checks) do not count again.
   */
  function countLookup(r: number, hit: boolean): void {
    const flags = rFlags[r] ?? 0;
    if ((flags & (F_CLIENT | F_LOOKED)) !== F_CLIENT) return;
    rFlags[r] = flags | F_LOOKED;
    win.addLookup(hit);
    if (inTotals) {
      tot.addLookup(hit);
      if (trackAny) trackRead(r, hit);
    }
  }
  const countLost = (n: number): void => {
    win.lostWrites += n;
    if (inTotals) tot.lostWrites += n;
  };

  function ttlWithJitter(key: number): number | null {
    const base = workload.ttlFor(key);
    if (base === null) return null;
    if (jitterFrac <= 0) return base;
    return Math.max(1, base * (1 + jitterFrac * (2 * rngJitter.next() - 1)));
  }

  // ---- DB ----
  function dbStart(r: number, op: number): void {
    rDbOp[r] = op;
    win.dbArrivals++;
    if (dbInFlight < sc.db.maxConcurrent) {
      dbBegin(r);
      return;
    }
    if (dbQLen === dbQ.length) {
      const bigger = new Int32Array(dbQ.length * 2);
      for (let i = 0; i < dbQLen; i++) bigger[i] = dbQ[(dbQHead + i) % dbQ.length] ?? 0;
      dbQ = bigger;
      dbQHead = 0;
    }
    dbQ[(dbQHead + dbQLen) % dbQ.length] = r;
    dbQLen++;
    if (dbQLen > dbQueuePeak) dbQueuePeak = dbQLen;
    if (inTotals && dbQLen > totQueuePeak) totQueuePeak = dbQLen;
    if (traceOn)
      trace(
        'db.queued',
        r,
        lane(r),
        'db',
        null,
        `all ${sc.db.maxConcurrent} connections busy; position ${dbQLen} in the queue`,
      );
  }

  /** A connection picks the operation up: reads take their snapshot and writes commit now. */
  function dbBegin(r: number): void {
    dbInFlight++;
    rDbStart[r] = clock.now;
    let mean: number;
    if (rDbOp[r] === DB_READ) {
      mean = sc.db.readLatencyMs;
      countDbRead();
      if ((trackAny && inTotals) || traceOn) noteDbRead(r);
    } else mean = beginDbWrite(r);
    schedule(clock.now + dbLatency.sample(mean) * dbSlowFactor, EV_DB_DONE, r, 0, 0);
  }

  // dbBegin's less frequent parts, out of line so that dbBegin stays small enough to inline.
  function noteDbRead(r: number): void {
    const key = rKey[r] ?? 0;
    if (trackAny && inTotals) {
      const t = tracked.get(key);
      if (t !== undefined) t.dbReads++;
    }
    if (traceOn)
      trace(
        'db.read',
        r,
        lane(r),
        sc.db.readsFromReplica ? 'replica' : 'db',
        null,
        `SELECT key ${key}${sc.db.readsFromReplica ? ' (on the replica)' : ''}`,
      );
  }

  /** A write or a write-behind batch starts: commit bookkeeping; returns the mean latency. */
  function beginDbWrite(r: number): number {
    const key = rKey[r] ?? 0;
    if (rDbOp[r] === DB_WRITE) {
      countDbWrite();
      if (traceOn) trace('db.write', r, lane(r), 'db', null, `UPDATE key ${key} sent`);
      return sc.db.writeLatencyMs;
    }
    for (let i = 0; i < batchLen; i++) {
      const k = batchKeys[i] ?? 0;
      const v = batchVers[i] ?? 0;
      if (v > (truth.db[k] ?? 0)) truth.db[k] = v;
      if (v > (truth.truth[k] ?? 0)) truth.truth[k] = v;
      publish(k, v);
    }
    countDbWrite();
    if (traceOn)
      trace(
        'flush.batch',
        r,
        'flusher',
        'db',
        null,
        `batch of ${batchLen} buffered writes committed`,
        undefined,
        batchLen === 1 ? (batchKeys[0] ?? null) : null,
      );
    return sc.db.writeLatencyMs;
  }

  /**
   * The DB finishes an operation: the connection is released, a read takes its snapshot and a
   * write commits now (end of service). A read's reply reaches the app at once; a write's ack
   * travels back with a small random delay (network + app scheduling), which is what lets two
   * concurrent writers' cache updates land in the opposite order to their commits.
   */
  function dbDone(r: number): void {
    dbInFlight--;
    win.dbServed++;
    if (dbQLen > 0) {
      const next = dbQ[dbQHead] ?? 0;
      dbQHead = (dbQHead + 1) % dbQ.length;
      dbQLen--;
      dbBegin(next);
    }
    if (rDbOp[r] !== DB_READ) {
      dbWriteDone(r);
      return;
    }
    const key = rKey[r] ?? 0;
    const replica = sc.db.readsFromReplica && sc.db.replica !== null;
    rVersion[r] = replica
      ? truth.replicaVersion(key, clock.now, sc.db.replica?.lagMs ?? 0)
      : (truth.db[key] ?? 0);
    if (traceOn) traceDbReply(r, replica);
    // The snapshot is taken now; a paused app instance gets the reply when it resumes.
    if (anyPause && isPaused(r)) hold(r, EV_MACHINE, G.dbReply, 0);
    else deliver(r, G.dbReply);
  }

  // dbDone's less frequent parts, out of line so that dbDone stays small enough to inline.
  function traceDbReply(r: number, replica: boolean): void {
    const key = rKey[r] ?? 0;
    trace(
      'db.reply',
      r,
      replica ? 'replica' : 'db',
      lane(r),
      rVersion[r] ?? 0,
      `key ${key} = version ${rVersion[r] ?? 0} after ${(clock.now - (rDbStart[r] ?? clock.now)).toFixed(1)} ms${replica ? ' (replica view)' : ''}`,
    );
  }

  function dbWriteDone(r: number): void {
    const key = rKey[r] ?? 0;
    if (rDbOp[r] === DB_WRITE) {
      const v = truth.bump(key, clock.now);
      truth.db[key] = v;
      rVersion[r] = v;
      if (traceOn) trace('db.commit', r, 'db', lane(r), v, `key ${key} committed as version ${v}`);
      publish(key, v);
      schedule(clock.now + dbLatency.sample(WRITE_ACK_DELAY_MS), EV_DB_ACK, r, 0, 0);
      return;
    }
    if (traceOn) trace('db.reply', r, 'db', 'flusher', null, 'batch acknowledged');
    deliver(r, G.dbReply);
  }

  /** Event-driven invalidation: the commit is published and delivered after the delay. */
  function publish(key: number, version: number): void {
    if (eventInv === null) return;
    schedule(clock.now + eventInv.delayMs, EV_PUBLISH, key, version, 0);
    if (traceOn)
      traceBuf.push({
        seq: traceSeq++,
        tMs: clock.now,
        type: 'event.publish',
        requestId: null,
        actor: 'db',
        to: 'bus',
        key,
        version,
        detail: `change event for key ${key} published`,
      });
  }

  // ---- serving a read ----
  /**
   * A read is answered. `storeL1`: keep a copy in the instance's L1 (not for an L1 hit, whose copy
   * must keep its original TTL; not for errors).
   */
  function finishRead(r: number, outcome: number, fromCache: boolean, storeL1 = true): void {
    rOutcome[r] = outcome;
    if (fromCache) {
      const key = rKey[r] ?? 0;
      const v = rVersion[r] ?? 0;
      if (v < (truth.truth[key] ?? 0)) {
        rFlags[r] = (rFlags[r] ?? 0) | F_STALE;
        rStaleMs[r] = truth.staleness(key, v, clock.now);
      }
    }
    if (l1Cfg !== null && storeL1 && outcome !== OUT_ERROR) {
      const l1 = l1s[rInst[r] ?? 0];
      if (l1 !== undefined)
        l1.setFast(rKey[r] ?? 0, rVersion[r] ?? 0, clock.now, l1Cfg.ttlMs, 0, false);
    }
  }

  /** Hand the leader's result (or failure) to every request that joined its flight. */
  function settleFlight(r: number, failed: boolean): void {
    let w = rNextWaiter[r] ?? -1;
    while (w >= 0) {
      rVersion[w] = failed ? -1 : (rVersion[r] ?? 0);
      send(w, G.flightDone, 0);
      w = rNextWaiter[w] ?? -1;
    }
    rNextWaiter[r] = -1;
  }

  // ---- machine implementations ----
  const readGuards = {
    isL1Enabled: (): boolean => l1Cfg !== null,
    isSoftExpired: (r: number): boolean => clock.now - (rSetAt[r] ?? 0) >= swrSoftMs,
    shouldRefreshEarly: (r: number): boolean => {
      if (xfetchBeta < 0) return false;
      const exp = rExpAt[r] ?? Infinity;
      if (exp === Infinity) return false;
      const key = rKey[r] ?? 0;
      const delta = (rebuildMs[key] ?? -1) >= 0 ? (rebuildMs[key] ?? 0) : sc.db.readLatencyMs;
      // XFetch: refresh when now - delta * beta * ln(rand) >= expiry.
      return clock.now - delta * xfetchBeta * Math.log(1 - rngXfetch.next()) >= exp;
    },
    hasFlightInInstance: (r: number): boolean =>
      coalescing && flights[rInst[r] ?? 0]?.has(rKey[r] ?? 0) === true,
    isLockEnabled: (): boolean => lockCfg !== null,
    hasGivenUp: (r: number): boolean =>
      lockCfg !== null &&
      (rWaitStart[r] ?? -1) >= 0 &&
      clock.now - (rWaitStart[r] ?? 0) >= lockCfg.maxWaitMs,
    hasGivenUpWithError: (r: number): boolean =>
      lockCfg !== null &&
      lockCfg.fallback === 'error' &&
      (rWaitStart[r] ?? -1) >= 0 &&
      clock.now - (rWaitStart[r] ?? 0) >= lockCfg.maxWaitMs,
    holdsLock: (r: number): boolean => rLock[r] !== 0,
  };

  const cacheGet = (r: number): void => {
    if (!cacheUp()) {
      countLookup(r, false);
      if (traceOn) traceCacheGet(r, -2);
      send(r, G.cacheDown, cacheLatency);
      return;
    }
    const key = rKey[r] ?? 0;
    const v = store.getVersion(key, clock.now);
    countLookup(r, v >= 0);
    if (v >= 0) {
      rVersion[r] = v;
      rSetAt[r] = store.lastSetAtMs;
      rExpAt[r] = store.lastExpiresAtMs;
      if (traceOn) traceCacheGet(r, v);
      send(r, G.cacheHit, cacheLatency);
    } else {
      if (traceOn) traceCacheGet(r, -1);
      send(r, G.cacheMiss, cacheLatency);
    }
  };
  /** cacheGet's trace (out of line, so cacheGet stays small): v = version, -1 miss, -2 down. */
  function traceCacheGet(r: number, v: number): void {
    const key = rKey[r] ?? 0;
    if (v === -2)
      trace('cache.get', r, lane(r), 'cache', null, 'GET fails: the cache node is unreachable');
    else if (v >= 0)
      trace('cache.hit', r, lane(r), 'cache', v, `GET key ${key}: hit, version ${v}`);
    else
      trace(
        'cache.miss',
        r,
        lane(r),
        'cache',
        null,
        store.lastExpired ? `GET key ${key}: expired (counted), miss` : `GET key ${key}: miss`,
      );
  }

  const cacheSet = (r: number): void => {
    if (!cacheUp()) return;
    const key = rKey[r] ?? 0;
    const v = rVersion[r] ?? 0;
    const rebuilt = clock.now - (rDbStart[r] ?? clock.now);
    rebuildMs[key] = rebuilt;
    if (versionedSets) {
      // Version-checked SET (one atomic cache step, as a Lua script would do it): a value never
      // replaces a newer one, so concurrent writers and racing read fills cannot go backwards.
      const cached = store.peek(key, clock.now);
      if (cached !== null && cached.version >= v) {
        if (traceOn)
          trace(
            'cache.set-skipped',
            r,
            lane(r),
            'cache',
            v,
            `SET key ${key} = version ${v} skipped: the cache already holds version ${cached.version}`,
          );
        return;
      }
    }
    const status = store.setFast(
      key,
      v,
      clock.now,
      ttlWithJitter(key),
      workload.bytesFor(key),
      false,
    );
    if (status === SET_STATUS.oom) countOom();
    if (traceOn) {
      if (status === SET_STATUS.oom)
        trace(
          'cache.oom',
          r,
          lane(r),
          'cache',
          v,
          `SET key ${key} refused: OOM command not allowed when used memory > 'maxmemory'.`,
        );
      else {
        trace(
          'cache.set',
          r,
          lane(r),
          'cache',
          v,
          `SET key ${key} = version ${v}${store.lastEvicted.length > 0 ? `; evicted ${store.lastEvicted.join(', ')}` : ''}`,
        );
        traceEvictions(r);
      }
    }
  };
  /** One `cache.evict` event per key the latest SET evicted (trace runs only). */
  function traceEvictions(r: number): void {
    const keys = store.lastEvicted;
    if (keys.length === 0) return;
    const versions = store.lastEvictedVersions;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] ?? 0;
      const ver = versions[i] ?? 0;
      trace(
        'cache.evict',
        r,
        'cache',
        null,
        ver,
        `key ${k} (version ${ver}) evicted by ${sc.cache.policy} to make room`,
        undefined,
        k,
      );
    }
  }

  /** Ends the coalesced flight `r` leads (if it still does) and settles its followers. */
  function closeFlight(r: number, failed: boolean): void {
    if (!coalescing) return;
    const m = flights[rInst[r] ?? 0];
    const key = rKey[r] ?? 0;
    if (m === undefined || m.get(key) !== r) return;
    m.delete(key);
    settleFlight(r, failed);
  }

  const readActions = {
    l1Get: (r: number): void => {
      const l1 = l1s[rInst[r] ?? 0];
      const v = l1 === undefined ? -1 : l1.getVersion(rKey[r] ?? 0, clock.now);
      if (v >= 0) {
        rVersion[r] = v;
        countLookup(r, true);
      }
      if (traceOn)
        trace(
          v >= 0 ? 'l1.hit' : 'l1.miss',
          r,
          lane(r),
          null,
          v >= 0 ? v : null,
          v >= 0 ? `in-process L1 hit, version ${v}` : 'in-process L1 miss',
        );
      send(r, v >= 0 ? G.l1Hit : G.l1Miss, 0);
    },
    serveFromL1: (r: number): void => {
      finishRead(r, OUT_HIT, true, false);
    },
    cacheGet,
    serveHit: (r: number): void => {
      finishRead(r, OUT_HIT, true);
    },
    serveStale: (r: number): void => {
      if (traceOn)
        trace(
          'swr.stale',
          r,
          lane(r),
          'client',
          rVersion[r] ?? 0,
          'soft TTL passed: serve the cached value now, refresh in the background',
        );
      finishRead(r, OUT_HIT, true);
    },
    startRefresh: (r: number): void => {
      const key = rKey[r] ?? 0;
      // One refresh per soft expiry: skip while one is in flight, and when one already stored a
      // newer copy than the entry this read looked at (its GET raced the refresh's SET).
      if (refreshing[key] === 1 || (refreshedAt[key] ?? -1) > (rSetAt[r] ?? 0)) return;
      refreshing[key] = 1;
      const b = allocRecord(M_READ, key, rInst[r] ?? 0, F_BACKGROUND);
      rId[b] = nextRequestId++;
      liveRecords++;
      if (traceOn)
        trace('refresh.start', b, lane(b), 'db', null, `background refresh of key ${key}`);
      send(b, G.refreshStart, 0);
    },
    joinFlight: (r: number): void => {
      const leader = flights[rInst[r] ?? 0]?.get(rKey[r] ?? 0) ?? -1;
      if (leader < 0) return;
      rNextWaiter[r] = rNextWaiter[leader] ?? -1;
      rNextWaiter[leader] = r;
      if (traceOn)
        trace(
          'flight.join',
          r,
          lane(r),
          null,
          null,
          `joins request ${rId[leader] ?? leader}'s DB read (coalesced)`,
        );
    },
    openFlight: (r: number): void => {
      if (!coalescing) return;
      const m = flights[rInst[r] ?? 0];
      const key = rKey[r] ?? 0;
      if (m !== undefined && !m.has(key)) m.set(key, r);
    },
    noteCacheDown: (r: number): void => {
      if (traceOn)
        trace('cache.down', r, lane(r), null, null, 'cache unreachable: fall back to the database');
    },
    lockSetNx: (r: number): void => {
      if (!cacheUp() || lockCfg === null) {
        send(r, G.cacheDown, cacheLatency);
        return;
      }
      const key = rKey[r] ?? 0;
      if ((lockExpires[key] ?? 0) > clock.now) {
        if (traceOn)
          trace(
            'lock.busy',
            r,
            lane(r),
            'cache',
            null,
            `SET lock:${key} NX EX: held by another request`,
          );
        send(r, G.lockBusy, cacheLatency);
        return;
      }
      const token = nextLockToken++;
      lockExpires[key] = clock.now + lockCfg.ttlMs;
      lockToken[key] = token;
      rLock[r] = token;
      if (traceOn)
        trace(
          'lock.acquired',
          r,
          lane(r),
          'cache',
          null,
          `SET lock:${key} ${token} NX EX ${lockCfg.ttlMs / 1000}s: acquired`,
        );
      send(r, G.lockAcquired, cacheLatency);
    },
    noteLockWait: (r: number): void => {
      if ((rWaitStart[r] ?? -1) < 0) {
        rWaitStart[r] = clock.now;
        rFlags[r] = (rFlags[r] ?? 0) | F_WAITED;
        win.lockWaits++;
        if (inTotals) tot.lockWaits++;
      }
      if (traceOn)
        trace(
          'lock.wait',
          r,
          lane(r),
          null,
          null,
          `wait ${lockCfg?.retryMs ?? 0} ms, then look in the cache again`,
        );
    },
    dbRead: (r: number): void => {
      dbStart(r, DB_READ);
    },
    cacheSet,
    releaseLock: (r: number): void => {
      const key = rKey[r] ?? 0;
      const mine = rLock[r] ?? 0;
      rLock[r] = 0;
      if (!cacheUp() || lockCfg === null) return;
      const owned = lockToken[key] === mine && (lockExpires[key] ?? 0) > clock.now;
      if (owned || !lockCfg.safeRelease) {
        lockExpires[key] = 0;
        lockToken[key] = 0;
      }
      if (traceOn) {
        if (owned) trace('lock.released', r, lane(r), 'cache', null, `DEL lock:${key}`);
        else if (lockCfg.safeRelease)
          trace(
            'lock.lost',
            r,
            lane(r),
            'cache',
            null,
            `lock:${key} expired during the rebuild; not ours any more, left alone`,
          );
        else
          trace(
            'lock.released-foreign',
            r,
            lane(r),
            'cache',
            null,
            `DEL lock:${key} without checking the token: deletes a lock that may belong to someone else`,
          );
      }
    },
    resolveFlight: (r: number): void => {
      closeFlight(r, false);
    },
    failFlight: (r: number): void => {
      closeFlight(r, true);
    },
    serveFromDb: (r: number): void => {
      finishRead(r, OUT_MISS, false);
    },
    serveFromFlight: (r: number): void => {
      if ((rVersion[r] ?? 0) < 0) finishRead(r, OUT_ERROR, false);
      else finishRead(r, OUT_MISS, false);
    },
    serveError: (r: number): void => {
      rOutcome[r] = OUT_ERROR;
      if (traceOn)
        trace(
          'lock.gave-up',
          r,
          lane(r),
          'client',
          null,
          'waited too long for the rebuild lock: error',
        );
    },
    endRefresh: (r: number): void => {
      const key = rKey[r] ?? 0;
      refreshing[key] = 0;
      if (cacheUp()) refreshedAt[key] = clock.now;
    },
  };

  const writeActions = {
    dbWrite: (r: number): void => {
      dbStart(r, DB_WRITE);
    },
    cacheDel: (r: number): void => {
      if (!cacheUp()) {
        send(r, G.cacheDown, cacheLatency);
        return;
      }
      const key = rKey[r] ?? 0;
      store.del(key, clock.now);
      if (traceOn) trace('cache.del', r, lane(r), 'cache', null, `DEL key ${key}`);
      send(r, G.cacheReply, cacheLatency);
    },
    cacheSetWritten: (r: number): void => {
      if (!cacheUp()) {
        send(r, G.cacheDown, cacheLatency);
        return;
      }
      cacheSet(r);
      send(r, G.cacheReply, cacheLatency);
    },
    cacheSetDirty: (r: number): void => {
      if (!cacheUp()) {
        send(r, G.cacheDown, cacheLatency);
        return;
      }
      const key = rKey[r] ?? 0;
      const v = (truth.truth[key] ?? 0) + 1;
      const status = store.setFast(
        key,
        v,
        clock.now,
        ttlWithJitter(key),
        workload.bytesFor(key),
        false,
      );
      if (status !== SET_STATUS.ok) {
        countOom();
        if (traceOn)
          trace(
            'cache.oom',
            r,
            lane(r),
            'cache',
            v,
            "OOM command not allowed when used memory > 'maxmemory'.",
          );
        send(r, G.cacheDown, cacheLatency);
        return;
      }
      truth.bump(key, clock.now);
      rVersion[r] = v;
      if (wbLen === wbKeys.length) {
        const n = wbKeys.length * 2;
        const k2 = new Int32Array(n);
        const v2 = new Int32Array(n);
        for (let i = 0; i < wbLen; i++) {
          const j = (wbHead + i) % wbKeys.length;
          k2[i] = wbKeys[j] ?? 0;
          v2[i] = wbVers[j] ?? 0;
        }
        wbKeys = k2;
        wbVers = v2;
        wbHead = 0;
      }
      const slot = (wbHead + wbLen) % wbKeys.length;
      wbKeys[slot] = key;
      wbVers[slot] = v;
      wbLen++;
      if (traceOn)
        trace(
          'writebehind.buffer',
          r,
          lane(r),
          'cache',
          v,
          `SET key ${key} = version ${v}; buffered for the flusher (${wbLen} waiting)`,
        );
      if (traceOn) traceEvictions(r);
      send(r, G.cacheReply, cacheLatency);
    },
    ackWrite: (r: number): void => {
      rOutcome[r] = OUT_WRITE;
    },
    failWrite: (r: number): void => {
      rOutcome[r] = OUT_ERROR;
      if (traceOn)
        trace('write.failed', r, lane(r), 'client', null, 'the write could not complete: error');
    },
    noteCacheDown: readActions.noteCacheDown,
  };

  const flusherActions = {
    flushBatch: (r: number): void => {
      if (wbLen === 0) {
        send(r, G.batchEmpty, 0);
        return;
      }
      const n = Math.min(wbLen, sc.pattern.writeBehind.batchSize);
      if (batchKeys.length < n) {
        batchKeys = new Int32Array(n);
        batchVers = new Int32Array(n);
      }
      for (let i = 0; i < n; i++) {
        const j = (wbHead + i) % wbKeys.length;
        batchKeys[i] = wbKeys[j] ?? 0;
        batchVers[i] = wbVers[j] ?? 0;
      }
      batchLen = n;
      wbHead = (wbHead + n) % wbKeys.length;
      wbLen -= n;
      dbStart(r, DB_BATCH);
    },
    commitBatch: (): void => {
      batchLen = 0;
    },
  };

  const eventActions = {
    cacheDel: writeActions.cacheDel,
    dbRead: readActions.dbRead,
    cacheSet,
  };

  const nodeActions = {
    loseMemory: (r: number): void => {
      if (wbLen > 0) {
        countLost(wbLen);
        if (traceOn)
          trace(
            'write.lost',
            r,
            'cache',
            null,
            null,
            `${wbLen} buffered writes never reached the DB: lost`,
          );
        for (let i = 0; i < wbLen; i++) truth.revert(wbKeys[(wbHead + i) % wbKeys.length] ?? 0);
        wbLen = 0;
      }
      store.clear();
      lockExpires.fill(0);
      lockToken.fill(0);
    },
    comeUp: (r: number): void => {
      if (traceOn)
        trace('cache.up', r, 'cache', null, null, 'cache node is up again (cold, empty)');
    },
  };

  const delayFns = {
    retryDelay: (): number => lockCfg?.retryMs ?? 100,
    // Fixed rate: the flusher wakes on ticks every interval from its start, however long a batch
    // took (a batch that overruns a tick skips it rather than drifting the schedule).
    flushInterval: (): number => {
      const every = sc.pattern.writeBehind.flushIntervalMs;
      const ticks = Math.floor((clock.now - flusherStartMs) / every) + 1;
      return flusherStartMs + ticks * every - clock.now;
    },
    downFor: (): number => pendingDownFor,
    restartFor: (): number => pendingRestartFor,
  };

  const scheduleAfter = (r: number, delayMs: number, eventId: number): void => {
    // The timer belongs to the state being entered (epoch + 1); a stale timer is ignored.
    queue.push(clock.now + delayMs, EV_TIMER, r, eventId, (rEpoch[r] ?? 0) + 1);
  };
  // Trace events emitted by entry actions name the state being entered (trace runs only: the
  // hook costs a call per transition).
  const onTransition = (_r: number, _from: number, to: number): void => {
    enteringState = to;
  };

  const implFor = (m: number) => {
    switch (m) {
      case M_READ:
        return { guards: readGuards, actions: readActions };
      case M_FLUSHER:
        return { guards: {}, actions: flusherActions };
      case M_EVENT:
        return {
          guards: { isRepopulate: (): boolean => eventInv?.repopulate === true },
          actions: eventActions,
        };
      case M_NODE:
        return { guards: {}, actions: nodeActions };
      default:
        return { guards: {}, actions: writeActions };
    }
  };

  /**
   * Guards whose value the current configuration fixes, for the compiler's constant folding. Each
   * is listed only where its implementation above returns that value for every request without
   * a side effect (e.g. shouldRefreshEarly draws a random number only when XFetch is on).
   * Configuration changes only in applyPatch, which binds the machines again.
   */
  const staticGuard = (name: string): boolean | undefined => {
    switch (name) {
      case 'isL1Enabled':
        return l1Cfg !== null;
      case 'isLockEnabled':
        return lockCfg !== null;
      case 'isSoftExpired': // now - setAt is finite, never >= Infinity
        return swrSoftMs === Infinity ? false : undefined;
      case 'shouldRefreshEarly':
        return xfetchBeta < 0 ? false : undefined;
      case 'hasFlightInInstance':
        return coalescing ? undefined : false;
      case 'hasGivenUp':
        return lockCfg === null ? false : undefined;
      case 'hasGivenUpWithError':
        return lockCfg === null || lockCfg.fallback !== 'error' ? false : undefined;
      case 'isRepopulate':
        return eventInv?.repopulate === true;
      default:
        return undefined;
    }
  };

  const compiled = MACHINE_IDS.map((id) => compileMachine(PATTERN_MACHINES[id]));
  const bindAll = (): MachineStepper[] =>
    compiled.map((machine, m) => {
      const impl = implFor(m);
      return bindMachine(machine, {
        guards: impl.guards,
        actions: impl.actions,
        delays: delayFns,
        scheduleAfter,
        staticGuard,
        ...(traceOn ? { onTransition } : {}),
      });
    });
  let steppers: MachineStepper[] = bindAll();

  /**
   * Fast paths for the two steps of a plain cache hit, derived from the read machine as bound now
   * (after constant folding), and used only when the compiled tables say the step is
   * unconditional and does exactly what the fast path does:
   * - a new read (state 0, `read.start`) goes to a non-final state whose only effect is the
   *   entry action `cacheGet` (no transition actions, no timers): `fastReadStart`;
   * - in that state, `cache.hit` goes to a final state with the single action `serveHit` and no
   *   entry actions or timers: `fastHitFrom` -> `fastHitTo`;
   * - in that state, `cache.miss` goes to a non-final state with the single action `openFlight`
   *   whose only effect is the entry action `dbRead` (no timers): `fastHitFrom` -> `fastMissTo`
   *   (no coalescing and no lock: their guards fold to false).
   * The fast code runs the same action implementations in the same order and then updates state,
   * epoch and (for the final state) finishes the record, as step() would; it skips only the table
   * walk. Trace runs keep the generic path (it names states while entering them). -1 = off.
   */
  let fastReadStart = -1;
  let fastHitFrom = -1;
  let fastHitTo = -1;
  let fastMissTo = -1;
  function planFastPaths(): void {
    fastReadStart = -1;
    fastHitFrom = -1;
    fastHitTo = -1;
    fastMissTo = -1;
    const read = steppers[M_READ];
    if (traceOn || read === undefined) return;
    const same = (a: readonly string[], b: readonly string[]): boolean =>
      a.length === b.length && a.every((x, i) => x === b[i]);
    const start = read.resolved(0, read.machine.eventId('read.start'));
    if (
      start === null ||
      start.target <= 0 ||
      read.machine.isFinal[start.target] === 1 ||
      start.actions.length > 0 ||
      !same(start.entry, ['cacheGet']) ||
      start.hasTimers
    )
      return;
    fastReadStart = start.target;
    const hit = read.resolved(start.target, read.machine.eventId('cache.hit'));
    if (
      hit === null ||
      hit.target < 0 ||
      read.machine.isFinal[hit.target] !== 1 ||
      !same(hit.actions, ['serveHit']) ||
      hit.entry.length > 0 ||
      hit.hasTimers
    )
      return;
    fastHitFrom = start.target;
    fastHitTo = hit.target;
    const miss = read.resolved(start.target, read.machine.eventId('cache.miss'));
    if (
      miss !== null &&
      miss.target >= 0 &&
      read.machine.isFinal[miss.target] !== 1 &&
      same(miss.actions, ['openFlight']) &&
      same(miss.entry, ['dbRead']) &&
      !miss.hasTimers
    )
      fastMissTo = miss.target;
  }
  planFastPaths();
  // Flat lookup tables: [machine * N_GLOBAL + global event] -> the machine's local event id (-1
  // when it has no such event); [machine * maxStates + state] -> 1 for a final state.
  const N_GLOBAL = GLOBAL_EVENT_NAMES.length;
  const evMap = new Int32Array(compiled.length * N_GLOBAL);
  const maxStates = Math.max(...compiled.map((c) => c.states.length));
  const isFinal = new Uint8Array(compiled.length * maxStates);
  compiled.forEach((c, m) => {
    GLOBAL_EVENT_NAMES.forEach((name, g) => (evMap[m * N_GLOBAL + g] = c.eventId(name)));
    isFinal.set(c.isFinal, m * maxStates);
  });

  /** Deliver a machine event to a record now. */
  function deliver(r: number, g: number): void {
    const m = rMachine[r] ?? 0;
    const local = evMap[m * N_GLOBAL + g] ?? -1;
    if (local < 0) return;
    step(r, m, local);
  }

  function step(r: number, m: number, local: number): void {
    const stepper = steppers[m];
    if (stepper === undefined) return;
    const from = rState[r] ?? 0;
    enteringState = -1;
    const to = stepper.send(r, from, local);
    enteringState = -1;
    if (to < 0 || to === from) return;
    rState[r] = to;
    rEpoch[r] = (rEpoch[r] ?? 0) + 1;
    if (isFinal[m * maxStates + to] === 1) finish(r);
  }

  function finish(r: number): void {
    const flags = rFlags[r] ?? 0;
    if ((flags & F_CLIENT) !== 0) {
      const outcome = rOutcome[r] ?? OUT_NONE;
      const latency = clock.now - (rStart[r] ?? clock.now);
      const inst = rInst[r] ?? 0;
      instInFlight[inst] = (instInFlight[inst] ?? 1) - 1;
      clientInFlight--;
      const stale = (flags & F_STALE) !== 0;
      const staleMs = rStaleMs[r] ?? 0;
      const error = outcome === OUT_ERROR;
      const bucket = bucketOf(latency);
      win.addCompletion(stale, staleMs, error, bucket, latency);
      if (inTotals) tot.addCompletion(stale, staleMs, error, bucket, latency);
      if (traceOn) traceDone(r, rMachine[r] === M_READ, outcome === OUT_HIT, stale, error, latency);
      requestsFinished++;
    }
    // Records are recycled; the flusher and the cache node never finish.
    recFree[recFreeTop++] = r;
    liveRecords--;
  }
  let requestsFinished = 0;
  /** Client requests that arrived and have not finished. */
  let clientInFlight = 0;
  const bucketMemo = { latency: -1, bucket: 0 };
  /**
   * latencyBucket(latency), remembering the last answer: most latencies repeat exactly (every
   * plain hit takes cache.latencyMs), so this skips the logarithm; same input, same bucket.
   */
  function bucketOf(latency: number): number {
    if (latency !== bucketMemo.latency) {
      bucketMemo.latency = latency;
      bucketMemo.bucket = latencyBucket(latency);
    }
    return bucketMemo.bucket;
  }

  // finish()'s rarely used parts, out of line so that finish stays small enough to inline.
  function trackRead(r: number, hit: boolean): void {
    const t = tracked.get(rKey[r] ?? 0);
    if (t !== undefined) {
      t.reads++;
      if (hit) t.hits++;
    }
  }
  function traceDone(
    r: number,
    isRead: boolean,
    hit: boolean,
    stale: boolean,
    error: boolean,
    latency: number,
  ): void {
    const name = isRead
      ? error
        ? 'error'
        : stale
          ? 'stale'
          : hit
            ? 'hit'
            : 'miss'
      : error
        ? 'error'
        : 'write';
    trace(
      'request.done',
      r,
      lane(r),
      'client',
      rVersion[r] ?? null,
      `${isRead ? 'read' : 'write'} of key ${rKey[r] ?? 0} done in ${latency.toFixed(2)} ms (${name})`,
      name,
    );
  }

  // ---- arrivals ----
  // The next client arrival is kept outside the heap (one per request saved a push and a pop);
  // its reserved seq keeps the (time, seq) order identical to a queued event.
  function scheduleArrival(): void {
    clock.nextArrivalT = Infinity;
    const rate = sc.workload.requestsPerSec * rateFactor;
    if (rate <= 0) return;
    const t = clock.now + rngArrivals.exponential(1000 / rate);
    if (t <= durationMs) {
      clock.nextArrivalT = t;
      nextArrivalSeq = queue.takeSeq();
    }
  }

  function arrive(): void {
    const key = workload.nextKey(clock.now);
    ensureKey(key);
    const write = workload.isWrite(key);
    const inst = rrNext;
    rrNext = (rrNext + 1) % instances;
    arriveAt(key, write, inst);
  }

  /** A scripted request arrives (workload.script[index]). */
  function arriveScripted(index: number): void {
    const q = sc0Script[index];
    if (q === undefined) return;
    ensureKey(q.key);
    let inst = q.instance ?? -1;
    if (inst < 0 || inst >= instances) {
      inst = rrNext;
      rrNext = (rrNext + 1) % instances;
    }
    arriveAt(q.key, q.op === 'write', inst);
  }

  function arriveAt(key: number, write: boolean, inst: number): void {
    instInFlight[inst] = (instInFlight[inst] ?? 0) + 1;
    clientInFlight++;
    win.addArrival(!write);
    if (inTotals) tot.addArrival(!write);
    const r = allocRecord(write ? writeMachine : M_READ, key, inst, F_CLIENT);
    rId[r] = nextRequestId++;
    liveRecords++;
    if (traceOn)
      trace(
        'request.start',
        r,
        'client',
        `app:${inst}`,
        null,
        `${write ? 'write' : 'read'} of key ${key} arrives at app:${inst}`,
      );
    if (anyPause && (pausedUntil[inst] ?? 0) > clock.now)
      hold(r, EV_MACHINE, write ? G.writeStart : G.readStart, 0);
    else if (!write && fastReadStart >= 0) {
      // Fast path, exactly what step() does for this resolved transition (see planFastPaths).
      readActions.cacheGet(r);
      rState[r] = fastReadStart;
      rEpoch[r] = (rEpoch[r] ?? 0) + 1;
    } else deliver(r, write ? G.writeStart : G.readStart);
  }

  // ---- faults ----
  const faults: ScheduledFault[] = [];
  function faultLabel(f: FaultSpec): string {
    switch (f.kind) {
      case 'db-slow':
        return `db-slow x${f.factor ?? FAULT_FACTORS['db-slow']} for ${f.forMs ?? FAULT_DEFAULTS['db-slow']} ms`;
      case 'traffic-spike':
        return `traffic-spike x${f.factor ?? FAULT_FACTORS['traffic-spike']} for ${f.forMs ?? FAULT_DEFAULTS['traffic-spike']} ms`;
      case 'expire-key':
        return `expire-key ${f.key ?? 0}`;
      case 'pause-app':
        return `pause-app ${f.instance ?? 0} for ${f.forMs ?? FAULT_DEFAULTS['pause-app']} ms`;
      default:
        return `${f.kind} for ${f.forMs ?? FAULT_DEFAULTS[f.kind]} ms`;
    }
  }

  function applyFault(index: number): void {
    const f = faults[index]?.spec;
    if (f === undefined) return;
    const forMs = f.forMs ?? FAULT_DEFAULTS[f.kind];
    markerList.push({ tMs: clock.now, kind: 'fault', label: faultLabel(f) });
    if (traceOn)
      traceBuf.push({
        seq: traceSeq++,
        tMs: clock.now,
        type: 'fault',
        requestId: null,
        actor: 'chaos',
        to: null,
        key: f.kind === 'expire-key' ? (f.key ?? 0) : null,
        version: null,
        detail: faultLabel(f),
      });
    switch (f.kind) {
      case 'cache-down':
        pendingDownFor = forMs;
        pendingRestartFor = 0;
        deliver(nodeRec, G.faultDown);
        break;
      case 'cache-restart':
        pendingRestartFor = forMs;
        deliver(nodeRec, G.faultRestart);
        break;
      case 'db-slow':
        dbSlowFactor *=
          f.factor !== undefined && f.factor > 0 ? f.factor : FAULT_FACTORS['db-slow'];
        schedule(clock.now + forMs, EV_FAULT_END, index, 0, 0);
        break;
      case 'traffic-spike':
        rateFactor *=
          f.factor !== undefined && f.factor > 0 ? f.factor : FAULT_FACTORS['traffic-spike'];
        restartArrivals();
        schedule(clock.now + forMs, EV_FAULT_END, index, 0, 0);
        break;
      case 'expire-key': {
        const key = f.key ?? 0;
        if (cacheUp() && store.del(key, clock.now)) manualExpirations++;
        for (const l1 of l1s) l1.del(key, clock.now);
        break;
      }
      case 'pause-app': {
        const inst = f.instance ?? 0;
        pausedUntil[inst] = Math.max(pausedUntil[inst] ?? 0, clock.now + forMs);
        anyPause = true;
        schedule(clock.now + forMs, EV_FAULT_END, index, 0, 0);
        break;
      }
    }
  }

  function endFault(index: number): void {
    const f = faults[index]?.spec;
    if (f === undefined) return;
    if (f.kind === 'db-slow')
      dbSlowFactor /= f.factor !== undefined && f.factor > 0 ? f.factor : FAULT_FACTORS['db-slow'];
    if (f.kind === 'traffic-spike') {
      rateFactor /=
        f.factor !== undefined && f.factor > 0 ? f.factor : FAULT_FACTORS['traffic-spike'];
      restartArrivals();
    }
    if (f.kind === 'pause-app' && traceOn) {
      const inst = f.instance ?? 0;
      // Only when no later pause extended it; held events follow (they were queued after this).
      if ((pausedUntil[inst] ?? 0) <= clock.now)
        traceBuf.push({
          seq: traceSeq++,
          tMs: clock.now,
          type: 'app.resume',
          requestId: null,
          actor: `app:${inst}`,
          to: null,
          key: null,
          version: null,
          detail: `app:${inst} resumes and handles what arrived while it was paused, in order`,
        });
    }
  }

  function restartArrivals(): void {
    scheduleArrival();
  }

  // ---- windows ----
  function closeWindow(end: number): void {
    const ev = evictionsNow();
    const ex = expirationsNow();
    const counts = win.counts(ev - evictionsAtWindowStart, ex - expirationsAtWindowStart);
    const node = nodeStateName();
    const widthMs = end - windowStart;
    const saturated =
      win.dbArrivals > win.dbServed &&
      dbQLen > dbQueueAtWindowStart &&
      dbQLen >= sc.db.maxConcurrent;
    if (saturated) saturatedMs += Math.max(0, end - Math.max(windowStart, warmupMs));
    pendingWindows.push({
      ...counts,
      tMs: windowStart,
      latencyMs: win.latency.summary(),
      dbQueue: dbQLen,
      dbQueuePeak,
      dbSaturated: saturated,
      dbQueueGrowthPerSec:
        widthMs > 0 ? Math.round(((dbQLen - dbQueueAtWindowStart) * 1e6) / widthMs) / 1e3 : 0,
      cacheKeys: node === 'up' ? store.size : 0,
      cacheBytes: node === 'up' ? store.bytesUsed : 0,
      cacheState: node,
    });
    win.reset();
    evictionsAtWindowStart = ev;
    expirationsAtWindowStart = ex;
    dbQueuePeak = dbQLen;
    dbQueueAtWindowStart = dbQLen;
    windowStart = end;
  }

  function advanceTo(t: number): void {
    while (t >= windowStart + windowMs && windowStart < durationMs)
      closeWindow(windowStart + windowMs);
    if (!inTotals && t >= warmupMs) {
      inTotals = true;
      totQueuePeak = dbQLen;
      evictionsAtWarmup = evictionsNow();
      expirationsAtWarmup = expirationsNow();
    }
    clock.now = t;
  }

  function nodeStateName(): CacheNodeState {
    const name = steppers[M_NODE]?.machine.states[rState[nodeRec] ?? 0];
    return name === 'down' ? 'down' : name === 'restarting' ? 'restarting' : 'up';
  }

  // ---- processing ----
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
    return at < qt || (at === qt && nextArrivalSeq < queue.peekSeq());
  }

  function processOne(): void {
    if (arrivalFirst()) processArrival();
    else processQueued();
  }

  /**
   * Run every event (arrivals and queued) at or before `target`: `while (nextTime() <= target)
   * processOne()` with the next event's time looked up once per event instead of twice.
   */
  function runLoop(target: number): void {
    for (;;) {
      const qt = queue.peekTime();
      const at = clock.nextArrivalT;
      // arrivalFirst(), with qt reused (at === qt === Infinity means nothing left at all).
      if (at < qt || (at === qt && at !== Infinity && nextArrivalSeq < queue.peekSeq())) {
        if (at > target) return;
        processArrival();
      } else {
        if (qt > target) return;
        processQueued();
      }
    }
  }

  function processArrival(): void {
    const t = clock.nextArrivalT;
    if (t >= windowStart + windowMs || !inTotals) advanceTo(t);
    else clock.now = t;
    processed++;
    scheduleArrival();
    arrive();
  }

  function processQueued(): void {
    queue.pop();
    const t = queue.time;
    const kind = queue.kind;
    const a = queue.a;
    const b = queue.b;
    const c = queue.c;
    if (t >= windowStart + windowMs || !inTotals) advanceTo(t);
    else clock.now = t;
    processed++;
    if (kind === EV_MACHINE) machineEvent(a, b);
    else if (kind === EV_DB_DONE) dbDone(a);
    else processOther(kind, a, b, c);
  }

  /** A machine event (`b`, a global event id) reaches record `a`. */
  function machineEvent(a: number, b: number): void {
    if (anyPause && pausedUntil[rInst[a] ?? 0] !== 0 && isPaused(a)) {
      hold(a, EV_MACHINE, b, 0);
      return;
    }
    if (rState[a] === fastHitFrom && rMachine[a] === M_READ) {
      // Fast paths for a plain hit or miss reply: exactly what step() does for these resolved
      // transitions (see planFastPaths).
      if (b === G.cacheHit) {
        readActions.serveHit(a);
        rState[a] = fastHitTo;
        rEpoch[a] = (rEpoch[a] ?? 0) + 1;
        finish(a);
        return;
      }
      if (b === G.cacheMiss && fastMissTo >= 0) {
        readActions.openFlight(a);
        readActions.dbRead(a);
        rState[a] = fastMissTo;
        rEpoch[a] = (rEpoch[a] ?? 0) + 1;
        return;
      }
    }
    deliver(a, b);
  }

  /**
   * The less frequent event kinds, kept out of processQueued so that stays small enough for V8 to
   * inline into the run loop.
   */
  function processOther(kind: number, a: number, b: number, c: number): void {
    switch (kind) {
      case EV_TIMER:
        if (rEpoch[a] !== c) return;
        if (anyPause && pausedUntil[rInst[a] ?? 0] !== 0 && isPaused(a)) {
          hold(a, EV_TIMER, b, c);
          return;
        }
        step(a, rMachine[a] ?? 0, b);
        return;
      case EV_DB_ACK:
        if (anyPause && isPaused(a)) {
          hold(a, EV_DB_ACK, 0, 0);
          return;
        }
        if (traceOn)
          trace(
            'db.reply',
            a,
            'db',
            lane(a),
            rVersion[a] ?? 0,
            `write of version ${rVersion[a] ?? 0} acknowledged`,
          );
        deliver(a, G.dbReply);
        return;
      case EV_FAULT:
        applyFault(a);
        return;
      case EV_FAULT_END:
        endFault(a);
        return;
      case EV_SCRIPT:
        arriveScripted(a);
        return;
      case EV_PUBLISH: {
        if (eventInv === null) return;
        const r = allocRecord(M_EVENT, a, 0, 0);
        liveRecords++;
        rVersion[r] = b;
        if (traceOn)
          trace(
            'event.deliver',
            r,
            'bus',
            'cache',
            b,
            `change event for key ${a} delivered${eventInv.repopulate ? ': re-read and SET (repopulate)' : ': DEL'}`,
          );
        deliver(r, G.eventDelivered);
        return;
      }
    }
  }

  /**
   * Hold an event addressed to a paused app instance until the instance resumes: it is queued
   * again at the resume time, after everything held before it, so held work continues in order.
   */
  function hold(r: number, kind: number, b: number, c: number): void {
    const until = pausedUntil[rInst[r] ?? 0] ?? clock.now;
    queue.push(until, kind, r, b, c);
    if (traceOn) traceHold(r, kind, b, until);
  }
  function traceHold(r: number, kind: number, b: number, until: number): void {
    const what =
      kind === EV_TIMER
        ? 'a timer'
        : kind === EV_DB_ACK
          ? 'the write acknowledgement'
          : b === G.readStart || b === G.writeStart
            ? 'the new request'
            : b === G.dbReply
              ? 'the database reply'
              : `the ${GLOBAL_EVENT_NAMES[b] ?? 'event'} message`;
    trace(
      'app.hold',
      r,
      lane(r),
      null,
      null,
      `${lane(r)} is paused: ${what} waits until ${until.toFixed(1)} ms`,
    );
  }

  function isPaused(r: number): boolean {
    const m = rMachine[r] ?? 0;
    if (m === M_FLUSHER || m === M_EVENT || m === M_NODE) return false;
    return (pausedUntil[rInst[r] ?? 0] ?? 0) > clock.now;
  }

  /** Enter a long-lived record's initial state (entry actions and timers run now). */
  function startRecord(r: number, m: number): void {
    const stepper = steppers[m];
    if (stepper === undefined) return;
    rState[r] = stepper.start(r);
    rEpoch[r] = (rEpoch[r] ?? 0) + 1;
  }

  // ---- start-up ----
  nodeRec = allocRecord(M_NODE, 0, 0, 0);
  nodeUpState = steppers[M_NODE]?.machine.stateId('up') ?? 0;
  startRecord(nodeRec, M_NODE);
  flusherRec = allocRecord(M_FLUSHER, 0, 0, 0);
  {
    const fl = steppers[M_FLUSHER];
    if (fl !== undefined && sc.pattern.write === 'write-behind') startRecord(flusherRec, M_FLUSHER);
  }
  let flusherStarted = sc.pattern.write === 'write-behind';
  if (sc.stampede.warmOnStart) warmCache();
  sc.faults.forEach((f) => {
    const spec: FaultSpec = {
      kind: f.kind,
      ...(f.forMs === null ? {} : { forMs: f.forMs }),
      ...(f.factor === 0 ? {} : { factor: f.factor }),
      key: f.key,
      instance: f.instance,
    };
    faults.push({ atMs: f.atMs, spec });
    if (f.atMs <= durationMs) schedule(f.atMs, EV_FAULT, faults.length - 1, 0, 0);
  });
  // Scripted requests (read once, here): queued in time order, ties in script order.
  const sc0Script = sc.workload.script;
  sc0Script
    .map((q, i) => ({ at: q.atMs, i }))
    .sort((x, y) => x.at - y.at || x.i - y.i)
    .forEach(({ at, i }) => {
      if (at <= durationMs) schedule(at, EV_SCRIPT, i, 0, 0);
    });
  scheduleArrival();

  /** warmOnStart: the most popular keys, up to capacity, with the scenario TTL and jitter. */
  function warmCache(): void {
    const keys = sc.workload.popularity.kind === 'unique' ? 0 : sc.workload.keys;
    let n = sc.cache.capacityKeys === null ? keys : Math.min(keys, sc.cache.capacityKeys);
    if (sc.cache.capacityBytes !== null)
      n = Math.min(n, Math.floor(sc.cache.capacityBytes / sc.workload.valueBytes));
    for (let k = 0; k < n; k++)
      store.setFast(k, truth.db[k] ?? 0, 0, ttlWithJitter(k), workload.bytesFor(k), false);
    if (traceOn)
      traceBuf.push({
        seq: traceSeq++,
        tMs: 0,
        type: 'cache.warm',
        requestId: null,
        actor: 'warmer',
        to: 'cache',
        key: null,
        version: null,
        detail: `warm-up job loaded the ${n} most popular keys`,
      });
  }

  // ---- live changes ----
  function applyPatchNow(patch: ScenarioPatch): void {
    const result = applyScenarioPatch(sc, patch);
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
    const prev = sc;
    const next = result.scenario;
    sc = next;
    const changed = (a: unknown, b: unknown): boolean => JSON.stringify(a) !== JSON.stringify(b);
    if (changed(prev.workload, next.workload)) workload = createWorkload(next, rngKeys, rngOps);
    else if (prev.cache.ttlMs !== next.cache.ttlMs) workload.setDefaultTtl(next.cache.ttlMs);
    if (prev.db.latencyVariation !== next.db.latencyVariation)
      dbLatency = createLatencySampler(next.db.latencyVariation, rngDbLatency);
    cacheLatency = next.cache.latencyMs;
    jitterFrac = next.cache.jitterPct / 100;
    writeMachine = WRITE_MACHINE[next.pattern.write];
    lockCfg = next.stampede.lock;
    swrSoftMs = next.stampede.staleWhileRevalidate?.softTtlMs ?? Infinity;
    xfetchBeta = next.stampede.earlyRefresh?.beta ?? -1;
    coalescing = next.stampede.coalescing;
    eventInv = next.pattern.eventInvalidation;
    versionedSets = next.pattern.write === 'write-through' && next.pattern.writeThrough.versioned;
    if (
      prev.cache.capacityKeys !== next.cache.capacityKeys ||
      prev.cache.capacityBytes !== next.cache.capacityBytes ||
      prev.cache.policy !== next.cache.policy ||
      changed(prev.cache.eviction, next.cache.eviction)
    ) {
      const old = store;
      retiredEvictions += old.counters.evictions;
      retiredExpirations += old.counters.expirations;
      store = newStore();
      // Keep what still fits (oldest first, so the newest survive evictions).
      const entries = old.entries(clock.now).sort((x, y) => x.setAtMs - y.setAtMs);
      for (const e of entries) {
        store.setFast(
          e.key,
          e.version,
          e.setAtMs,
          e.expiresAtMs === Infinity ? null : Math.max(1, e.expiresAtMs - clock.now),
          e.bytes,
          false,
        );
      }
      retiredEvictions -= store.counters.evictions;
    }
    if (prev.app.instances !== next.app.instances || changed(prev.app.l1, next.app.l1)) {
      instances = next.app.instances;
      l1Cfg = next.app.l1;
      l1s = newL1s();
      rrNext = rrNext % instances;
    }
    if (prev.workload.requestsPerSec !== next.workload.requestsPerSec) restartArrivals();
    if (next.pattern.write === 'write-behind' && !flusherStarted) {
      flusherStarted = true;
      flusherStartMs = clock.now;
      startRecord(flusherRec, M_FLUSHER);
    }
    // Re-fold the machines' constant guards for the new configuration.
    steppers = bindAll();
    planFastPaths();
    const label = describePatch(patch);
    markerList.push({ tMs: clock.now, kind: 'knob', label });
    if (traceOn)
      traceBuf.push({
        seq: traceSeq++,
        tMs: clock.now,
        type: 'knob',
        requestId: null,
        actor: 'user',
        to: null,
        key: null,
        version: null,
        detail: label,
      });
  }

  function runUntilNow(tMs: number): void {
    const target = Math.min(tMs, durationMs);
    runLoop(target);
    if (target > clock.now) advanceTo(target);
    if (target >= durationMs) finishRun();
  }

  /**
   * Index in traceBuf of the first event no step call has returned yet. Step calls return every
   * event since the previous step call (or drain), so the first one also returns what was recorded
   * while the engine was built (e.g. `cache.warm`) and knob/fault events recorded between steps.
   */
  let stepMark = 0;
  function takeStepped(): TraceEvent[] {
    const out = traceBuf.slice(stepMark);
    stepMark = traceBuf.length;
    return out;
  }

  let finished = false;
  function finishRun(): void {
    if (finished) return;
    finished = true;
    clock.now = durationMs;
    while (windowStart < durationMs) closeWindow(Math.min(durationMs, windowStart + windowMs));
  }

  const engine: EngineExt = {
    get scenario() {
      return sc;
    },
    get nowMs() {
      return clock.now;
    },
    get done() {
      return finished;
    },
    get eventsProcessed() {
      return processed;
    },
    runUntil: runUntilNow,
    runToEnd: () => {
      runUntilNow(durationMs);
    },
    stepEvent() {
      if (nextTime() <= durationMs) processOne();
      else runUntilNow(durationMs);
      return takeStepped();
    },
    stepRequest() {
      const target = requestsFinished + 1;
      while (requestsFinished < target && nextTime() <= durationMs) processOne();
      if (requestsFinished < target) runUntilNow(durationMs);
      return takeStepped();
    },
    setTrace(on: boolean) {
      if (on === traceOn) return;
      traceOn = on;
      // The trace hook and the fast paths depend on it: bind and plan again.
      steppers = bindAll();
      planFastPaths();
    },
    applyPatch: applyPatchNow,
    injectFault(fault) {
      faults.push({ atMs: clock.now, spec: fault });
      applyFault(faults.length - 1);
    },
    drainWindows() {
      return pendingWindows.splice(0, pendingWindows.length);
    },
    drainTrace() {
      stepMark = 0;
      return traceBuf.splice(0, traceBuf.length);
    },
    totals(): Totals {
      const ev = inTotals ? evictionsNow() - evictionsAtWarmup : 0;
      const ex = inTotals ? expirationsNow() - expirationsAtWarmup : 0;
      return {
        ...tot.counts(ev, ex),
        latencyMs: tot.latency.summary(),
        inFlight: clientInFlight,
        dbSaturatedMs: saturatedMs,
        dbQueuePeak: inTotals ? totQueuePeak : 0,
      };
    },
    markers() {
      return markerList;
    },
    view(): EngineView {
      const node = nodeStateName();
      const apps = [];
      for (let i = 0; i < instances; i++)
        apps.push({
          id: i,
          paused: (pausedUntil[i] ?? 0) > clock.now,
          inFlight: instInFlight[i] ?? 0,
        });
      return {
        tMs: clock.now,
        cacheState: node,
        cacheKeys: node === 'up' ? store.size : 0,
        cacheBytes: node === 'up' ? store.bytesUsed : 0,
        capacityKeys: sc.cache.capacityKeys,
        capacityBytes: sc.cache.capacityBytes,
        dbInFlight,
        dbQueue: dbQLen,
        dbMaxConcurrent: sc.db.maxConcurrent,
        appInstances: apps,
        writeBehindBuffer: wbLen,
        liveRecords,
      };
    },
    inspectKeys(keys) {
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
        const e = cacheUp() ? store.peek(key, clock.now) : null;
        const base = {
          key,
          dbVersion: key < keyCap ? (truth.db[key] ?? 0) : 0,
          cache: copy(e),
        };
        if (l1Cfg === null) return base;
        return { ...base, l1: l1s.map((l1) => copy(l1.peek(key, clock.now))) };
      });
    },
    keyStats(key) {
      const t = tracked.get(key);
      return { reads: t?.reads ?? 0, hits: t?.hits ?? 0, dbReads: t?.dbReads ?? 0 };
    },
  };
  return engine;
}

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

/** Outcome names by internal code (exported for tests). */
export const OUTCOMES = OUTCOME_NAMES;
