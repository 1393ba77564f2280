/**
 * The version-1 scenario: one JSON document that fully describes a run (with its seed).
 *
 * Every boundary (URL, presets, lessons, compare lanes, CLI, files) validates through
 * {@link parseScenario}. Missing fields take defaults; unknown fields and out-of-range values are
 * rejected with a message that names the field (dot path) and the allowed range or values.
 * Field names in ARCHITECTURE.md are a fixed contract: add fields, never rename.
 * All times are simulated milliseconds; sizes are bytes.
 */
import * as v from 'valibot';
import { POLICY_IDS } from '../cache/cache-types';

/** The only scenario format version this build reads. */
export const SCENARIO_VERSION = 1;

/** Longest run the model accepts (about 11.6 simulated days). */
export const MAX_DURATION_MS = 1_000_000_000;
/** Most app-server instances a scenario may have. */
export const MAX_APP_INSTANCES = 64;
/** Upper bound on the number of series windows (`durationMs / windowMs`), to bound memory. */
export const MAX_WINDOWS = 100_000;
/**
 * Most distinct keys a workload may have. Every key has a row of engine state (~66 bytes) from
 * the start and, cached, ~140 bytes more: two million keys all cached (warm on start with no
 * capacity limit) take about 420 MB, which a browser tab holds; ten million took 2 GB and 17 s
 * to build.
 */
export const MAX_KEYS = 2_000_000;
/** Longest TTL accepted (about 115 days). */
export const MAX_TTL_MS = 10_000_000_000;

export const POPULARITY_KINDS = ['zipf', 'uniform', 'unique', 'hotspot', 'trace'] as const;
/** Longest trace name a scenario keeps. */
export const MAX_TRACE_NAME = 200;
export const WRITE_PATTERNS = [
  'invalidate',
  'update',
  'write-through',
  'write-behind',
  'write-around',
] as const;
export type WritePatternId = (typeof WRITE_PATTERNS)[number];
export const FAULT_KINDS = [
  'cache-down',
  'cache-restart',
  'db-slow',
  'traffic-spike',
  'expire-key',
  'pause-app',
] as const;
export const LOCK_FALLBACKS = ['db', 'error'] as const;

// ---------------------------------------------------------------------------------------------
// Small builders so every message states the allowed range. The field path is prefixed later.

function fmt(n: number): string {
  return Number.isInteger(n) && Math.abs(n) >= 10_000
    ? n.toExponential().replace('e+', 'e')
    : String(n);
}

function intIn(min: number, max: number) {
  const msg = `must be an integer from ${fmt(min)} to ${fmt(max)}`;
  return v.pipe(v.number(msg), v.integer(msg), v.minValue(min, msg), v.maxValue(max, msg));
}

function numIn(min: number, max: number, unit = '') {
  const msg = `must be a number from ${fmt(min)} to ${fmt(max)}${unit}`;
  return v.pipe(v.number(msg), v.minValue(min, msg), v.maxValue(max, msg));
}

function nullableIntIn(min: number, max: number, what: string) {
  const msg = `must be an integer from ${fmt(min)} to ${fmt(max)}, or null for ${what}`;
  return v.nullable(
    v.pipe(v.number(msg), v.integer(msg), v.minValue(min, msg), v.maxValue(max, msg)),
  );
}

function bool() {
  return v.boolean('must be true or false');
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return v.picklist(values, `must be one of: ${values.join(', ')}`);
}

/** What a field's schema says of a missing value, e.g. `an integer from 0 to 1e7`. */
function requirement(schema: v.GenericSchema): string {
  const r = v.safeParse(schema, undefined);
  const message = r.success ? '' : r.issues[0].message;
  return message.startsWith('must be ') ? ` (${message.slice('must be '.length)})` : '';
}

/**
 * A strict object: unknown keys are reported with the list of allowed keys, a missing required
 * key as required (with what it must be).
 */
function fields<const E extends v.ObjectEntries>(entries: E) {
  const allowed = Object.keys(entries).join(', ');
  return v.strictObject(entries, (issue) => {
    if (issue.expected === 'never') return `is not a known field (allowed here: ${allowed})`;
    // A missing key is reported with its own path; a wrong type for the object has none.
    const key: unknown = issue.path?.[0]?.key;
    const entry = typeof key === 'string' ? entries[key] : undefined;
    if (entry !== undefined) return `is required${requirement(entry)}`;
    return `must be an object with fields: ${allowed}`;
  });
}

const NOT_AN_ARRAY = 'must be an object, got an array';

/**
 * Put in front of any schema that expects an object. Valibot's object schemas accept arrays (an
 * array is `typeof 'object'`), so `"lock": []` would otherwise pass as an empty object and take
 * every default.
 */
function noArray<S extends v.GenericSchema>(schema: S) {
  return v.pipe(
    v.custom<v.InferInput<S>>((input) => !Array.isArray(input), NOT_AN_ARRAY),
    schema,
  );
}

/** A strict object that is not an array. */
function obj<const E extends v.ObjectEntries>(entries: E) {
  return noArray(fields(entries));
}

/** An optional feature: null (the default) when off, else an object of these fields. */
function optionalFeature<const E extends v.ObjectEntries>(entries: E) {
  return v.optional(v.nullable(obj(entries)), null);
}

// ---------------------------------------------------------------------------------------------
// Schema

const PopularitySchema = noArray(
  v.variant(
    'kind',
    [
      fields({ kind: v.literal('zipf'), alpha: v.optional(numIn(0, 5), 0.9) }),
      fields({ kind: v.literal('uniform') }),
      fields({ kind: v.literal('unique') }),
      fields({
        kind: v.literal('hotspot'),
        /** Fraction of the key space that is hot (YCSB hotspot: 0.2). */
        hotKeyFraction: v.optional(numIn(0.000001, 1), 0.2),
        /** Fraction of requests that go to the hot set (YCSB: 0.8). */
        hotRequestFraction: v.optional(numIn(0, 1), 0.8),
      }),
      /**
       * A trace replay: requests take their keys from a loaded trace's sequence (dense ids), in
       * order. The sequence itself is not part of the scenario (it reaches the engine beside it);
       * these fields record which trace it was. Key ids are below `uniqueKeys`.
       */
      fields({
        kind: v.literal('trace'),
        name: v.pipe(
          v.string(`must be the trace's name (1-${MAX_TRACE_NAME} characters)`),
          v.minLength(1, `must be the trace's name (1-${MAX_TRACE_NAME} characters)`),
          v.maxLength(MAX_TRACE_NAME, `must be the trace's name (1-${MAX_TRACE_NAME} characters)`),
        ),
        requests: intIn(1, 1_000_000_000),
        uniqueKeys: intIn(1, 10_000_000),
      }),
    ],
    `must be an object whose kind is one of: ${POPULARITY_KINDS.join(', ')}`,
  ),
);

/** A data type with its own TTL (the TTL-by-data-type table). Classes take key-id ranges in order. */
const KeyClassSchema = obj({
  /** Short label shown in charts, e.g. `config`, `profile`, `price`. */
  name: v.pipe(
    v.string('must be a short name (1-32 letters, digits or dashes)'),
    v.regex(/^[a-z0-9-]{1,32}$/i, 'must be a short name (1-32 letters, digits or dashes)'),
  ),
  /** Share of the key space (0-1]; classes take consecutive key ranges, hottest keys first. */
  keyShare: numIn(0.000001, 1),
  /** TTL for keys of this class; null = no TTL. */
  ttlMs: nullableIntIn(1, MAX_TTL_MS, 'no TTL'),
  /** Write fraction for this class; null = workload.writeFraction. */
  writeFraction: v.optional(v.nullable(numIn(0, 1, ', or null to inherit')), null),
  /** Value size for this class; null = workload.valueBytes. */
  valueBytes: v.optional(nullableIntIn(1, 100_000_000, 'workload.valueBytes'), null),
});

/** Longest request script accepted (lessons and tests use a handful). */
export const MAX_SCRIPTED_REQUESTS = 10_000;

/** One scripted client request (lessons, tests): exactly this operation at exactly this time. */
const ScriptedRequestSchema = obj({
  /** When the request arrives at its app instance. */
  atMs: numIn(0, MAX_DURATION_MS, ' ms'),
  op: oneOf(['read', 'write']),
  /** Which key (must be less than workload.keys). */
  key: intIn(0, 10_000_000),
  /** Which app instance serves it; null = the next one round-robin. */
  instance: v.optional(v.nullable(intIn(0, 63)), null),
});

const WorkloadSchema = obj({
  /** Mean client arrival rate (Poisson), requests per simulated second. */
  requestsPerSec: v.optional(numIn(0, 10_000_000), 1000),
  /** Probability that a request is a write. */
  writeFraction: v.optional(numIn(0, 1), 0.05),
  /** Number of distinct keys (key 0 is the most popular). */
  keys: v.optional(intIn(1, MAX_KEYS), 10_000),
  popularity: v.optional(PopularitySchema, { kind: 'zipf', alpha: 0.9 }),
  /** Size of each cached value in bytes. */
  valueBytes: v.optional(intIn(1, 100_000_000), 1024),
  /**
   * A key that suddenly goes viral: from `atMs`, `requestFraction` of all requests go to `key`
   * (default: the coldest key). Shows LFU evicting new content before it can get hot.
   */
  viral: optionalFeature({
    atMs: v.optional(intIn(0, MAX_DURATION_MS), 20_000),
    key: v.optional(v.nullable(intIn(0, 10_000_000)), null),
    requestFraction: v.optional(numIn(0, 1), 0.01),
  }),
  /**
   * Periodic sequential scans (a batch job, a crawler, a backup): from `everyMs` on, every
   * `everyMs` a scan of `lengthKeys` fresh keys begins, read in order; while a scan is unfinished,
   * `requestFraction` of requests go to it. Scan keys are ids past the key space, each read once
   * (one-hit wonders). Shows LRU letting a scan push its hot keys out.
   */
  scan: optionalFeature({
    everyMs: v.optional(intIn(1, MAX_DURATION_MS), 10_000),
    lengthKeys: v.optional(intIn(1, 10_000_000), 2_000),
    requestFraction: v.optional(numIn(0.000001, 1), 0.5),
  }),
  /**
   * Shifting popularity: every `everyMs` the popularity ranking moves `keyFraction` of the key
   * space along (key k takes the place of key k - shift, wrapping), so the hot set lands on keys
   * that were cold. Shows LFU holding on to yesterday's favourites.
   */
  shift: optionalFeature({
    everyMs: v.optional(intIn(1, MAX_DURATION_MS), 30_000),
    keyFraction: v.optional(numIn(0.000001, 0.999999), 0.5),
  }),
  keyClasses: v.optional(
    v.pipe(
      v.array(KeyClassSchema, 'must be a list of key classes'),
      v.maxLength(16, 'must have at most 16 key classes'),
    ),
    [],
  ),
  /**
   * Scripted requests, in addition to the Poisson arrivals (set `requestsPerSec` to 0 for only
   * these). Read when the engine is created: live patches to it have no effect on a running engine.
   */
  script: v.optional(
    v.pipe(
      v.array(ScriptedRequestSchema, 'must be a list of scripted requests'),
      v.maxLength(
        MAX_SCRIPTED_REQUESTS,
        `must have at most ${MAX_SCRIPTED_REQUESTS} scripted requests`,
      ),
    ),
    [],
  ),
});

const EvictionSchema = noArray(
  v.variant(
    'mode',
    [
      fields({ mode: v.literal('exact') }),
      fields({
        mode: v.literal('redis'),
        /** `maxmemory-samples`. */
        samples: v.optional(intIn(1, 64), 5),
        /** `lfu-log-factor`. */
        lfuLogFactor: v.optional(intIn(0, 255), 10),
        /** `lfu-decay-time`, in ms (Redis counts minutes; default 1 min). */
        lfuDecayTimeMs: v.optional(intIn(0, MAX_TTL_MS), 60_000),
      }),
    ],
    'must be { "mode": "exact" } or { "mode": "redis", "samples": 1-64 }',
  ),
);

const CacheSchema = obj({
  capacityKeys: v.optional(nullableIntIn(1, 100_000_000, 'unlimited'), 1000),
  /** Redis `maxmemory` (sum of value sizes); null = unlimited. */
  capacityBytes: v.optional(nullableIntIn(1, 1e12, 'unlimited'), null),
  policy: v.optional(oneOf(POLICY_IDS), 'allkeys-lru'),
  eviction: v.optional(EvictionSchema, { mode: 'exact' }),
  /** TTL set on every cache write (per-class TTLs override); null = no TTL. */
  ttlMs: v.optional(nullableIntIn(1, MAX_TTL_MS, 'no TTL'), 300_000),
  /** Uniform random jitter, +/- this percentage of the TTL. */
  jitterPct: v.optional(numIn(0, 100, ' (percent)'), 10),
  /** One cache round trip (network + Redis). */
  latencyMs: v.optional(numIn(0, 10_000, ' ms'), 0.5),
});

const ReplicaSchema = obj({
  /** Replication lag: a commit becomes visible on the replica this long after the primary. */
  lagMs: v.optional(numIn(0, 600_000, ' ms'), 1000),
});

const DbSchema = obj({
  readLatencyMs: v.optional(numIn(0, 60_000, ' ms'), 50),
  writeLatencyMs: v.optional(numIn(0, 60_000, ' ms'), 20),
  latencyVariation: v.optional(oneOf(['lognormal', 'fixed']), 'lognormal'),
  /** Connection-pool size; further queries wait in a FIFO queue. */
  maxConcurrent: v.optional(intIn(1, 100_000), 50),
  replica: v.optional(v.nullable(ReplicaSchema), null),
  /** Cache-miss reads go to the replica (stale by up to lagMs) instead of the primary. */
  readsFromReplica: v.optional(bool(), false),
});

const L1Schema = obj({
  /** Keys per app instance (exact LRU). */
  capacityKeys: v.optional(intIn(1, 1_000_000), 100),
  /** TTL of the in-process copy. */
  ttlMs: v.optional(intIn(1, MAX_TTL_MS), 5_000),
});

const AppSchema = obj({
  /** App-server instances; requests are spread round-robin. */
  instances: v.optional(intIn(1, MAX_APP_INSTANCES), 1),
  /** Optional in-process L1 cache in each instance, in front of the shared cache. */
  l1: v.optional(v.nullable(L1Schema), null),
});

const WriteBehindSchema = obj({
  /** The flusher wakes this often and writes buffered changes to the DB. */
  flushIntervalMs: v.optional(intIn(1, 600_000), 1000),
  /** Maximum writes per DB batch; the rest wait for the next flush. */
  batchSize: v.optional(intIn(1, 100_000), 100),
});

const WriteThroughSchema = obj({
  /**
   * Version-checked SET: the cache stores a value only when it is newer than the cached one, in one
   * atomic cache step (as a Lua script comparing versions would). Concurrent writers can then no
   * longer leave an older value cached. Off: DB then plain SET, which races like `update`.
   */
  versioned: v.optional(bool(), false),
});

const EventInvalidationSchema = obj({
  /** Delivery delay between the DB commit and the consumer's DEL. */
  delayMs: v.optional(numIn(0, 600_000, ' ms'), 100),
  /** The anti-pattern: the consumer re-reads the value (from the replica when reads use it) and SETs it. */
  repopulate: v.optional(bool(), false),
});

const PatternSchema = obj({
  read: v.optional(oneOf(['cache-aside']), 'cache-aside'),
  write: v.optional(oneOf(WRITE_PATTERNS), 'invalidate'),
  writeBehind: v.optional(WriteBehindSchema, {}),
  writeThrough: v.optional(WriteThroughSchema, {}),
  /** Event-driven invalidation: every DB commit publishes an event; a consumer DELs the key later. */
  eventInvalidation: v.optional(v.nullable(EventInvalidationSchema), null),
});

const LockSchema = obj({
  /** Lock expiry (SET lock:key token NX EX ttl). Shorter than the rebuild lets a second rebuilder in. */
  ttlMs: v.optional(intIn(1, 600_000), 10_000),
  /** Waiters re-check the cache this often. */
  retryMs: v.optional(intIn(1, 60_000), 100),
  /** Release only if still the owner (token compare); false shows the unsafe release. */
  safeRelease: v.optional(bool(), true),
  /** A waiter gives up after this long and takes `fallback`. */
  maxWaitMs: v.optional(intIn(0, 600_000), 5_000),
  fallback: v.optional(oneOf(LOCK_FALLBACKS), 'db'),
});

const StampedeSchema = obj({
  lock: v.optional(v.nullable(LockSchema), null),
  staleWhileRevalidate: v.optional(
    v.nullable(
      obj({
        /** After this age a hit is served stale and refreshed once in the background. */
        softTtlMs: v.optional(intIn(1, MAX_TTL_MS), 30_000),
      }),
    ),
    null,
  ),
  warmOnStart: v.optional(bool(), false),
  /** Probabilistic early refresh (XFetch): refresh when now - delta*beta*ln(rand) >= expiry. */
  earlyRefresh: v.optional(v.nullable(obj({ beta: v.optional(numIn(0, 10), 1) })), null),
  /** Per-instance request coalescing: concurrent misses for one key share one DB read. */
  coalescing: v.optional(bool(), false),
});

const FAULT_FIELDS = {
  kind: oneOf(FAULT_KINDS),
  /**
   * How long the fault lasts; null = the kind's default (see FAULT_DEFAULTS in the engine):
   * cache-down 10 s, cache-restart 1 s (cold start), db-slow / traffic-spike 10 s, pause-app 15 s.
   */
  forMs: v.optional(
    v.nullable(numIn(0, MAX_DURATION_MS, " ms, or null for the kind's default")),
    null,
  ),
  /** db-slow: latency multiplier; traffic-spike: arrival-rate multiplier. 0 = kind default. */
  factor: v.optional(numIn(0, 1000), 0),
  /** expire-key: which key. */
  key: v.optional(intIn(0, 100_000_000), 0),
  /** pause-app: which instance. */
  instance: v.optional(intIn(0, 63), 0),
};

const FaultSchema = obj({ atMs: numIn(0, MAX_DURATION_MS, ' ms'), ...FAULT_FIELDS });

/** The scenario sections a live change may patch (identity and timing fields are fixed). */
export const LIVE_SECTIONS = ['workload', 'app', 'cache', 'db', 'pattern', 'stampede'] as const;
/** Most recorded changes a scenario may hold. */
export const MAX_CHANGES = 1000;

/**
 * A live change as plain data: an object over {@link LIVE_SECTIONS}. Its fields are checked when
 * the timeline is replayed over the scenario (see `changeIssues`), where each one is validated
 * against the scenario in effect at its time.
 */
const PatchSchema = v.pipe(
  // Typed as plain JSON here (ScenarioPatch is derived from the scenario's own type).
  v.custom<Record<string, unknown>>(
    (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
    `must be an object over the live-changeable sections: ${LIVE_SECTIONS.join(', ')}`,
  ),
  v.transform((p) => structuredClone(p)),
);

/**
 * One recorded change: at `atMs` (after every event at or before that time, as a change made live
 * takes effect), either knobs change (`patch`) or a fault strikes (`fault`, as injected live).
 */
const ChangeSchema = obj({
  atMs: numIn(0, MAX_DURATION_MS, ' ms'),
  patch: v.optional(PatchSchema),
  fault: v.optional(obj(FAULT_FIELDS)),
});

const ScenarioSchema = obj({
  version: v.optional(v.literal(SCENARIO_VERSION, 'must be 1 (the only scenario version)'), 1),
  seed: v.optional(intIn(0, 4294967295), 42),
  durationMs: v.optional(intIn(1, MAX_DURATION_MS), 60_000),
  warmupMs: v.optional(intIn(0, MAX_DURATION_MS), 10_000),
  windowMs: v.optional(intIn(1, MAX_DURATION_MS), 1000),
  workload: v.optional(WorkloadSchema, {}),
  app: v.optional(AppSchema, {}),
  cache: v.optional(CacheSchema, {}),
  db: v.optional(DbSchema, {}),
  pattern: v.optional(PatternSchema, {}),
  stampede: v.optional(StampedeSchema, {}),
  faults: v.optional(
    v.pipe(
      v.array(FaultSchema, 'must be a list of faults'),
      v.maxLength(100, 'must have at most 100 faults'),
    ),
    [],
  ),
  /**
   * What was changed live, in time order: knob changes and faults injected while the run played,
   * so the scenario replays exactly what was seen (see src/sim/README.md, "Recorded changes").
   */
  changes: v.optional(
    v.pipe(
      v.array(ChangeSchema, 'must be a list of changes'),
      v.maxLength(MAX_CHANGES, `must have at most ${MAX_CHANGES} changes`),
    ),
    [],
  ),
});

/** A normalised scenario: every field present, defaults filled in. */
export type Scenario = v.InferOutput<typeof ScenarioSchema>;
/** What a user may write: any subset of the fields. */
export type ScenarioInput = v.InferInput<typeof ScenarioSchema>;
export type Popularity = Scenario['workload']['popularity'];
export type KeyClass = Scenario['workload']['keyClasses'][number];
export type ScenarioFault = Scenario['faults'][number];
export type ScriptedRequest = Scenario['workload']['script'][number];
export type ScenarioChange = Scenario['changes'][number];

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * Knobs that may change while a run is live (everything except identity and timing fields).
 * Objects merge deeply; arrays and variant objects (a new `kind`/`mode`) replace.
 */
export type ScenarioPatch = DeepPartial<
  Pick<Scenario, 'workload' | 'app' | 'cache' | 'db' | 'pattern' | 'stampede'>
>;

/** One validation problem. `message` names the field and what is allowed. */
export interface ScenarioIssue {
  /** Dot path, e.g. `cache.ttlMs` or `faults.0.kind`; empty for the document itself. */
  readonly path: string;
  /** Full sentence naming the field, e.g. `cache.ttlMs must be an integer from 1 to 1e10, or null for no TTL`. */
  readonly message: string;
  /** The requirement alone, e.g. `must be an integer from 1 to 1e10, or null for no TTL`. */
  readonly expected: string;
  /**
   * For a rule over several fields: the other fields it compares with (dot paths), so a caller
   * that set one of them (the URL codec) knows which value to take back.
   */
  readonly related?: readonly string[];
}

export type ParseResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

function issue(path: string, expected: string, related?: readonly string[]): ScenarioIssue {
  const message = `${path === '' ? 'scenario' : path} ${expected}`;
  return related === undefined ? { path, expected, message } : { path, expected, message, related };
}

/** Checks that need more than one field. */
function crossFieldIssues(s: Scenario): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  if (s.warmupMs >= s.durationMs) {
    out.push(issue('warmupMs', `must be less than durationMs (${s.durationMs})`, ['durationMs']));
  }
  if (s.durationMs / s.windowMs > MAX_WINDOWS) {
    out.push(
      issue(
        'windowMs',
        `must be at least durationMs / ${MAX_WINDOWS} (${Math.ceil(s.durationMs / MAX_WINDOWS)})`,
        ['durationMs'],
      ),
    );
  }
  const shares = s.workload.keyClasses.reduce((sum, c) => sum + c.keyShare, 0);
  if (shares > 1 + 1e-9) {
    out.push(
      issue(
        'workload.keyClasses',
        `keyShare values must add up to at most 1 (they add up to ${shares})`,
      ),
    );
  }
  if (s.db.readsFromReplica && s.db.replica === null) {
    out.push(
      issue('db.readsFromReplica', 'can only be true when db.replica is set', ['db.replica']),
    );
  }
  const swr = s.stampede.staleWhileRevalidate;
  if (swr !== null && s.cache.ttlMs !== null && swr.softTtlMs >= s.cache.ttlMs) {
    out.push(
      issue(
        'stampede.staleWhileRevalidate.softTtlMs',
        `must be less than cache.ttlMs (${s.cache.ttlMs})`,
        ['cache.ttlMs'],
      ),
    );
  }
  if (s.workload.popularity.kind === 'unique') {
    if (s.workload.scan !== null)
      out.push(
        issue(
          'workload.scan',
          'must be null when workload.popularity is unique (every request is already a fresh key)',
        ),
      );
    if (s.workload.shift !== null)
      out.push(
        issue(
          'workload.shift',
          'must be null when workload.popularity is unique (fresh keys have no ranking to shift)',
        ),
      );
  }
  const pop = s.workload.popularity;
  if (pop.kind === 'trace') {
    if (s.workload.keys !== pop.uniqueKeys)
      out.push(
        issue(
          'workload.keys',
          `must equal workload.popularity.uniqueKeys (${pop.uniqueKeys}) for a trace replay`,
        ),
      );
    for (const field of ['scan', 'shift', 'viral'] as const)
      if (s.workload[field] !== null)
        out.push(
          issue(`workload.${field}`, 'must be null for a trace replay (the trace gives every key)'),
        );
    if (s.stampede.warmOnStart)
      out.push(
        issue(
          'stampede.warmOnStart',
          'must be false for a trace replay (the trace does not say which keys are hottest)',
        ),
      );
  }
  const viral = s.workload.viral;
  if (viral?.key != null && viral.key >= s.workload.keys) {
    out.push(
      issue('workload.viral.key', `must be less than workload.keys (${s.workload.keys})`, [
        'workload.keys',
      ]),
    );
  }
  s.workload.script.forEach((q, i) => {
    if (q.key >= s.workload.keys) {
      out.push(
        issue(`workload.script.${i}.key`, `must be less than workload.keys (${s.workload.keys})`, [
          'workload.keys',
        ]),
      );
    }
    if (q.instance !== null && q.instance >= s.app.instances) {
      out.push(
        issue(
          `workload.script.${i}.instance`,
          `must be less than app.instances (${s.app.instances}), or null for round-robin`,
          ['app.instances'],
        ),
      );
    }
  });
  out.push(...changeIssues(s));
  s.faults.forEach((f, i) => {
    if (f.kind === 'pause-app' && f.instance >= s.app.instances) {
      out.push(
        issue(`faults.${i}.instance`, `must be less than app.instances (${s.app.instances})`, [
          'app.instances',
        ]),
      );
    }
  });
  return out;
}

/**
 * The recorded changes, replayed over the scenario in time order: each must fall within the run,
 * after the previous one, be exactly a patch or a fault, patch only live-changeable fields, and
 * leave a valid scenario in effect at its time (a fault's instance must exist then).
 */
function changeIssues(s: Scenario): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  let current: Scenario = { ...s, changes: [] };
  let previousMs = 0;
  s.changes.forEach((c, i) => {
    const at = `changes.${i}`;
    if (c.atMs > s.durationMs) {
      out.push(
        issue(`${at}.atMs`, `must be within the run (at most durationMs, ${s.durationMs})`, [
          'durationMs',
        ]),
      );
    } else if (c.atMs < previousMs) {
      out.push(issue(`${at}.atMs`, `must not be before the previous change (${previousMs})`));
    }
    previousMs = Math.max(previousMs, c.atMs);
    if ((c.patch === undefined) === (c.fault === undefined)) {
      out.push(
        issue(at, 'must have exactly one of patch (knobs to change) or fault (a fault to inject)'),
      );
      return;
    }
    if (c.fault !== undefined) {
      if (c.fault.kind === 'pause-app' && c.fault.instance >= current.app.instances) {
        out.push(
          issue(
            `${at}.fault.instance`,
            `must be less than app.instances (${current.app.instances}) at that time`,
            ['app.instances'],
          ),
        );
      }
      return;
    }
    const problemsBefore = out.length;
    const patch = c.patch as Record<string, unknown>;
    const fixed = Object.keys(patch).filter(
      (k) => !(LIVE_SECTIONS as readonly string[]).includes(k),
    );
    for (const key of fixed) {
      out.push(
        issue(
          `${at}.patch.${key}`,
          `cannot change during a run (live-changeable: ${LIVE_SECTIONS.join(', ')})`,
        ),
      );
    }
    const workload = patch['workload'];
    if (typeof workload === 'object' && workload !== null && 'script' in workload) {
      out.push(
        issue(
          `${at}.patch.workload.script`,
          'cannot change during a run (the script is read when the run starts)',
        ),
      );
    }
    if (out.length > problemsBefore) return;
    const next = applyScenarioPatch(current, c.patch ?? {});
    if (!next.ok) {
      for (const i2 of next.issues) out.push(issue(`${at}.patch.${i2.path}`, i2.expected));
      return;
    }
    current = next.scenario;
  });
  return out;
}

/**
 * Validate and normalise a scenario. Never throws.
 * @param input parsed JSON (or any value)
 */
export function parseScenario(input: unknown): ParseResult {
  const result = v.safeParse(ScenarioSchema, input);
  if (!result.success) {
    const seen = new Set<string>();
    const issues: ScenarioIssue[] = [];
    for (const raw of result.issues) {
      const path = v.getDotPath(raw) ?? '';
      const expected =
        path === '' && raw.expected !== 'never' && raw.message !== NOT_AN_ARRAY
          ? 'must be a JSON object'
          : raw.message;
      const key = `${path}|${expected}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push(issue(path, expected));
    }
    return { ok: false, issues };
  }
  const cross = crossFieldIssues(result.output);
  if (cross.length > 0) return { ok: false, issues: cross };
  return { ok: true, scenario: result.output };
}

/** Like {@link parseScenario} but throws an Error listing every problem (for presets and tests). */
export function scenarioOrThrow(input: unknown): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.scenario;
}

/** Every default, as one normalised scenario. */
export const DEFAULT_SCENARIO: Scenario = scenarioOrThrow({});

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Deep-merge `patch` over `base` (plain data). Arrays replace; an object whose `kind` or `mode`
 * differs from the base's replaces it whole (a different variant has different fields).
 */
export function mergeScenarioInput(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch) || !isPlainObject(base)) return patch;
  const switchesVariant = (['kind', 'mode'] as const).some(
    (tag) => tag in patch && patch[tag] !== base[tag],
  );
  if (switchesVariant) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    out[k] = mergeScenarioInput(base[k], value);
  }
  return out;
}

/**
 * Apply a live patch to a scenario and re-validate the result. The scenario's recorded `changes`
 * are carried over as they are (they were checked with the scenario; a patch cannot touch them).
 */
export function applyScenarioPatch(scenario: Scenario, patch: ScenarioPatch): ParseResult {
  const result = parseScenario(mergeScenarioInput({ ...scenario, changes: [] }, patch));
  if (!result.ok || scenario.changes.length === 0) return result;
  return { ok: true, scenario: { ...result.scenario, changes: scenario.changes } };
}
