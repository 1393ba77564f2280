/**
 * A fast-check arbitrary for valid scenarios (tests only): every field drawn over its whole
 * allowed range, with the cross-field rules of `parseScenario` satisfied by construction
 * (warm-up shorter than the run, enough window width, key classes sharing at most the key space,
 * script keys and instances inside the workload and the app). Values are normalised through
 * `parseScenario`, so what a test gets is exactly what the app would hold.
 */
import { fc } from '@fast-check/vitest';
import { POLICY_IDS } from '../cache/cache-types';
import {
  FAULT_KINDS,
  LOCK_FALLBACKS,
  MAX_APP_INSTANCES,
  MAX_DURATION_MS,
  MAX_KEYS,
  MAX_TTL_MS,
  MAX_WINDOWS,
  WRITE_PATTERNS,
  parseScenario,
  scenarioOrThrow,
  type Scenario,
} from './scenario-schema';

function num(min: number, max: number): fc.Arbitrary<number> {
  const double = fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  // Whole numbers too (most real settings are), when the range holds any.
  return Math.ceil(min) <= Math.floor(max)
    ? fc.oneof(double, fc.integer({ min: Math.ceil(min), max: Math.floor(max) }))
    : double;
}

function int(min: number, max: number): fc.Arbitrary<number> {
  return fc.integer({ min, max });
}

function orNull<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.option(arb, { nil: null });
}

const popularity = fc.oneof(
  fc.record({ kind: fc.constant('zipf' as const), alpha: num(0, 5) }),
  fc.record({ kind: fc.constant('uniform' as const) }),
  fc.record({ kind: fc.constant('unique' as const) }),
  fc.record({
    kind: fc.constant('hotspot' as const),
    hotKeyFraction: num(0.000001, 1),
    hotRequestFraction: num(0, 1),
  }),
);

const eviction = fc.oneof(
  fc.record({ mode: fc.constant('exact' as const) }),
  fc.record({
    mode: fc.constant('redis' as const),
    samples: int(1, 64),
    lfuLogFactor: int(0, 255),
    lfuDecayTimeMs: int(0, MAX_TTL_MS),
  }),
);

/** A fault's fields besides its time (scheduled faults and recorded ones share them). */
const faultFields = fc.record({
  kind: fc.constantFrom(...FAULT_KINDS),
  forMs: orNull(num(0, MAX_DURATION_MS)),
  factor: num(0, 1000),
  key: int(0, 100_000_000),
  instance: int(0, MAX_APP_INSTANCES - 1),
});

/** Timing: warm-up before the end, at most MAX_WINDOWS windows. */
const timing = int(1, MAX_DURATION_MS).chain((durationMs) =>
  fc.record({
    durationMs: fc.constant(durationMs),
    warmupMs: int(0, durationMs - 1),
    windowMs: int(Math.ceil(durationMs / MAX_WINDOWS), MAX_DURATION_MS),
  }),
);

const rawScenario = fc.record({
  seed: int(0, 4294967295),
  timing,
  instances: int(1, MAX_APP_INSTANCES),
  keys: int(1, MAX_KEYS),
  workload: fc.record({
    requestsPerSec: num(0, 10_000_000),
    writeFraction: num(0, 1),
    popularity,
    valueBytes: int(1, 100_000_000),
    viral: orNull(
      fc.record({
        atMs: int(0, MAX_DURATION_MS),
        key: orNull(int(0, MAX_KEYS)),
        requestFraction: num(0, 1),
      }),
    ),
    scan: orNull(
      fc.record({
        everyMs: int(1, MAX_DURATION_MS),
        lengthKeys: int(1, 10_000_000),
        requestFraction: num(0.000001, 1),
      }),
    ),
    shift: orNull(
      fc.record({ everyMs: int(1, MAX_DURATION_MS), keyFraction: num(0.000001, 0.999999) }),
    ),
    keyClasses: fc.array(
      fc.record({
        name: fc.stringMatching(/^[a-z0-9-]{1,32}$/),
        // Four classes at most a quarter each: the shares never add up to more than 1.
        keyShare: num(0.000001, 0.25),
        ttlMs: orNull(int(1, MAX_TTL_MS)),
        writeFraction: orNull(num(0, 1)),
        valueBytes: orNull(int(1, 100_000_000)),
      }),
      { maxLength: 4 },
    ),
    script: fc.array(
      fc.record({
        atMs: num(0, MAX_DURATION_MS),
        op: fc.constantFrom('read' as const, 'write' as const),
        key: int(0, MAX_KEYS),
        instance: orNull(int(0, MAX_APP_INSTANCES - 1)),
      }),
      { maxLength: 4 },
    ),
  }),
  l1: orNull(fc.record({ capacityKeys: int(1, 1_000_000), ttlMs: int(1, MAX_TTL_MS) })),
  cache: fc.record({
    capacityKeys: orNull(int(1, 100_000_000)),
    capacityBytes: orNull(int(1, 1e12)),
    policy: fc.constantFrom(...POLICY_IDS),
    eviction,
    ttlMs: orNull(int(2, MAX_TTL_MS)),
    jitterPct: num(0, 100),
    latencyMs: num(0, 10_000),
  }),
  db: fc.record({
    readLatencyMs: num(0, 60_000),
    writeLatencyMs: num(0, 60_000),
    latencyVariation: fc.constantFrom('lognormal' as const, 'fixed' as const),
    maxConcurrent: int(1, 100_000),
    replica: orNull(fc.record({ lagMs: num(0, 600_000) })),
    readsFromReplica: fc.boolean(),
  }),
  pattern: fc.record({
    write: fc.constantFrom(...WRITE_PATTERNS),
    writeBehind: fc.record({ flushIntervalMs: int(1, 600_000), batchSize: int(1, 100_000) }),
    writeThrough: fc.record({ versioned: fc.boolean() }),
    eventInvalidation: orNull(fc.record({ delayMs: num(0, 600_000), repopulate: fc.boolean() })),
  }),
  stampede: fc.record({
    lock: orNull(
      fc.record({
        ttlMs: int(1, 600_000),
        retryMs: int(1, 60_000),
        safeRelease: fc.boolean(),
        maxWaitMs: int(0, 600_000),
        fallback: fc.constantFrom(...LOCK_FALLBACKS),
      }),
    ),
    /** As a share of the TTL, so it stays below it. */
    swrShare: orNull(fc.double({ min: 0, max: 0.99, noNaN: true })),
    warmOnStart: fc.boolean(),
    earlyRefresh: orNull(fc.record({ beta: num(0, 10) })),
    coalescing: fc.boolean(),
  }),
  faults: fc.array(
    fc.tuple(num(0, MAX_DURATION_MS), faultFields).map(([atMs, f]) => ({ atMs, ...f })),
    { maxLength: 4 },
  ),
  changes: fc.array(
    fc.record({
      /** When, as a share of the run. */
      share: fc.double({ min: 0, max: 1, noNaN: true }),
      patch: fc.option(
        fc.oneof(
          fc.record({ cache: fc.record({ ttlMs: orNull(int(1, MAX_TTL_MS)) }) }),
          fc.record({ workload: fc.record({ requestsPerSec: num(0, 10_000_000) }) }),
          fc.record({ db: fc.record({ maxConcurrent: int(1, 100_000) }) }),
          fc.record({ stampede: fc.record({ lock: fc.constant(null), coalescing: fc.boolean() }) }),
        ),
        { nil: undefined },
      ),
      fault: faultFields,
    }),
    { maxLength: 3 },
  ),
});

type Raw = typeof rawScenario extends fc.Arbitrary<infer T> ? T : never;

/** Bring the raw draw inside the cross-field rules, then normalise it. */
function toScenario(r: Raw): Scenario {
  const { keys, instances } = r;
  const { swrShare, ...stampede } = r.stampede;
  const ttl = r.cache.ttlMs;
  const softTtlMs =
    swrShare === null ? null : Math.max(1, Math.floor((ttl ?? MAX_TTL_MS) * swrShare));
  const durationMs = r.timing.durationMs;
  const changes = r.changes
    .map((c) => ({
      atMs: Math.min(durationMs, c.share * durationMs),
      ...(c.patch === undefined
        ? { fault: { ...c.fault, instance: c.fault.instance % instances } }
        : { patch: c.patch }),
    }))
    .sort((a, b) => a.atMs - b.atMs);
  const input = {
    seed: r.seed,
    ...r.timing,
    workload: {
      ...r.workload,
      keys,
      // Fresh keys have no ranking to shift and are already one-hit wonders.
      scan: r.workload.popularity.kind === 'unique' ? null : r.workload.scan,
      shift: r.workload.popularity.kind === 'unique' ? null : r.workload.shift,
      viral:
        r.workload.viral === null
          ? null
          : {
              ...r.workload.viral,
              key: r.workload.viral.key === null ? null : r.workload.viral.key % keys,
            },
      script: r.workload.script.map((q) => ({
        ...q,
        key: q.key % keys,
        instance: q.instance === null ? null : q.instance % instances,
      })),
    },
    app: { instances, l1: r.l1 },
    cache: r.cache,
    db: { ...r.db, readsFromReplica: r.db.readsFromReplica && r.db.replica !== null },
    pattern: r.pattern,
    stampede: {
      ...stampede,
      staleWhileRevalidate:
        softTtlMs === null || (ttl !== null && softTtlMs >= ttl) ? null : { softTtlMs },
    },
    faults: r.faults.map((f) => ({ ...f, instance: f.instance % instances })),
  };
  // A drawn change may not fit the scenario it lands in (a TTL below the soft TTL): drop them then.
  const withChanges = parseScenario({ ...input, changes });
  return withChanges.ok ? withChanges.scenario : scenarioOrThrow(input);
}

/** Valid, normalised scenarios over the whole schema. */
export const validScenario: fc.Arbitrary<Scenario> = rawScenario.map(toScenario);
