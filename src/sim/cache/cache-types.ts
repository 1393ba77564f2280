/**
 * Contract between the Redis-like cache store (src/sim/cache) and the engine.
 *
 * Keys are dense non-negative integers (workload key ids; lock keys and other internal keys are
 * mapped to ids by the engine). A cached value is represented by the DB `version` it copies, so
 * the engine can tell a fresh read from a stale one. Times are simulated milliseconds.
 */
import type { Rng } from '../rng';

/**
 * Every eviction policy a live run can use: Redis's names, then policies Redis does not have
 * (`fifo` and the research policies). Scenarios, the engine and the UI's pickers draw from this
 * list.
 */
export const POLICY_IDS = [
  'allkeys-lru',
  'allkeys-lfu',
  'allkeys-random',
  'volatile-lru',
  'volatile-lfu',
  'volatile-random',
  'volatile-ttl',
  'noeviction',
  'fifo',
  'clock',
  'sieve',
  's3fifo',
  'arc',
  '2q',
  'wtinylfu',
] as const;
/** A policy a scenario may name. */
export type PolicyId = (typeof POLICY_IDS)[number];

/**
 * Policies that need the whole future request sequence (Belady's `opt`): only a trace runner can
 * run them, so they are kept out of POLICY_IDS and thus out of scenarios and pickers.
 */
export const OFFLINE_POLICY_IDS = ['opt'] as const;

/** Every policy in the registry: POLICY_IDS, then OFFLINE_POLICY_IDS. */
export const ALL_POLICY_IDS = [...POLICY_IDS, ...OFFLINE_POLICY_IDS] as const;
/** Any policy in the registry, live or offline: what a store or a trace runner can be built with. */
export type AnyPolicyId = (typeof ALL_POLICY_IDS)[number];

export type EvictionMode =
  | { readonly mode: 'exact' }
  | {
      readonly mode: 'redis';
      /** `maxmemory-samples`, Redis default 5. */
      readonly samples: number;
      /** `lfu-log-factor`, Redis default 10. */
      readonly lfuLogFactor?: number;
      /**
       * Redis's `lfu-decay-time` (whole minutes, default 1) x 60000, in simulated ms. The LFU
       * counter loses one per that many minutes of Redis's minutes clock since the key's last
       * access, i.e. per minute boundary crossed (simulated time 0 is a boundary), not per 60 s
       * elapsed. A value that is not a whole number of minutes acts as a fractional number of
       * minutes (the counter still drops only at minute boundaries); 0 disables decay.
       */
      readonly lfuDecayTimeMs?: number;
      /**
       * Resolution of the LRU clock in simulated ms. Redis stamps keys with a clock of seconds
       * (LRU_CLOCK_RESOLUTION = 1000 ms), so keys touched within the same second look equally
       * idle; with a small cache and a high request rate sampled LRU then drifts toward random.
       * Default 1000, as in Redis; 1 gives millisecond stamps.
       */
      readonly lruClockResolutionMs?: number;
    };

export interface CacheConfig {
  /** Maximum number of keys, or null for unlimited. */
  readonly capacityKeys: number | null;
  /** Maximum bytes (sum of value sizes), or null for unlimited (Redis `maxmemory`). */
  readonly capacityBytes: number | null;
  readonly policy: AnyPolicyId;
  readonly eviction: EvictionMode;
  /**
   * The whole request sequence, for policies that need it (`opt`); a trace runner passes its
   * trace. Live runs leave it out.
   */
  readonly futureKeys?: Int32Array;
}

/** Redis's reply when `noeviction` (or a volatile-* policy with no candidates) cannot make room. */
export const OOM_ERROR_TEXT = "OOM command not allowed when used memory > 'maxmemory'.";

export interface CacheEntryView {
  readonly key: number;
  /** DB version the cached value copies. */
  readonly version: number;
  /** When the value was written into the cache. */
  readonly setAtMs: number;
  /** Absolute expiry time, or Infinity when the key has no TTL. */
  readonly expiresAtMs: number;
  readonly bytes: number;
}

export type GetResult =
  | {
      readonly hit: true;
      readonly version: number;
      readonly setAtMs: number;
      readonly expiresAtMs: number;
    }
  | {
      readonly hit: false;
      /** true when the key existed but had expired (counted as an expiration). */ readonly expired: boolean;
    };

export type SetResult =
  | {
      readonly ok: true;
      /** keys evicted to make room, in eviction order */ readonly evicted: readonly number[];
    }
  | { readonly ok: false; readonly error: typeof OOM_ERROR_TEXT }
  /** Only for `nx: true`: the key already existed (and was not expired). */
  | { readonly ok: false; readonly error: 'NX' };

export interface SetOptions {
  /** Relative TTL in ms (EX/PX); null or undefined = no TTL. */
  readonly ttlMs?: number | null;
  /** SET NX: only set when the key does not exist. */
  readonly nx?: boolean;
  /** Value size in bytes (defaults to 0 when capacity is by keys only). */
  readonly bytes?: number;
}

/** Counters the store keeps itself; the engine folds them into windows. */
export interface CacheCounters {
  evictions: number;
  expirations: number;
}

/** The Redis-like store. All methods are O(1) amortised in `exact` mode. */
export interface CacheStore {
  readonly config: CacheConfig;
  /** GET: never returns an expired key; an expired key found is removed and counted. */
  get(key: number, nowMs: number): GetResult;
  /** Read without touching recency/frequency (for views and staleness checks). */
  peek(key: number, nowMs: number): CacheEntryView | null;
  set(key: number, version: number, nowMs: number, options?: SetOptions): SetResult;
  /** DEL: true when a live key was removed. */
  del(key: number, nowMs: number): boolean;
  /** TTL in ms like Redis PTTL: -2 missing, -1 no expiry, else remaining ms. */
  pttl(key: number, nowMs: number): number;
  /** Number of live-or-not-yet-detected keys held, and their bytes. */
  readonly size: number;
  readonly bytesUsed: number;
  readonly counters: CacheCounters;
  /** FLUSHALL (used on cold restart). Does not reset counters. */
  clear(): void;
  /**
   * Make room in the store's arrays for `keys` keys at once (a warm start about to load them), so
   * they are not grown by doubling (copying everything each time) on the way. Changes no content.
   */
  reserve(keys: number): void;
  /** Snapshot of entries (for views/lessons; not for the hot path). */
  entries(nowMs: number): CacheEntryView[];

  // ---- Allocation-free hot-path variants (added; same semantics as get/set above) ----

  /**
   * GET without allocating: the cached version (>= 0) on a hit, -1 on a miss. After a hit,
   * `lastSetAtMs` / `lastExpiresAtMs` describe the entry; after a miss, `lastExpired` says whether
   * an expired key was found (and counted). Versions stored must be >= 0 for this to be unambiguous.
   */
  getVersion(key: number, nowMs: number): number;
  /** Set by `getVersion` (and `get`) on a hit: when the value was written. */
  readonly lastSetAtMs: number;
  /** Set by `getVersion` (and `get`) on a hit: absolute expiry, Infinity when none. */
  readonly lastExpiresAtMs: number;
  /** Set by `getVersion` (and `get`) on a miss: the key existed but had expired. */
  readonly lastExpired: boolean;
  /**
   * SET without allocating. `ttlMs` null = no TTL. Returns SET_OK, SET_OOM or SET_NX
   * (see SET_STATUS). Keys evicted by this call are in `lastEvicted` (reused, valid until the next
   * set).
   */
  setFast(
    key: number,
    version: number,
    nowMs: number,
    ttlMs: number | null,
    bytes: number,
    nx: boolean,
  ): SetStatus;
  /** Keys evicted by the latest set/setFast, in eviction order (reused array: copy to keep). */
  readonly lastEvicted: readonly number[];
  /** Versions of the keys in `lastEvicted`, same order (reused array: copy to keep). */
  readonly lastEvictedVersions: readonly number[];

  /**
   * A deterministic sweep: examines up to `budget` slots round-robin and removes expired keys,
   * counting each as an expiration. Returns how many it removed. (Not Redis's algorithm: see
   * `activeExpireCycle` for that.)
   */
  sweepExpired(nowMs: number, budget: number): number;
  /**
   * One run of Redis's active expire cycle, for the engine to call every
   * `ACTIVE_EXPIRE_INTERVAL_MS`: picks `ACTIVE_EXPIRE_KEYS_PER_LOOP` keys that have a TTL
   * uniformly at random (from the store's own seeded stream), removes the expired ones (each
   * counted in `counters.expirations`, like a lazy expiry) and repeats while more than
   * `ACTIVE_EXPIRE_REPEAT_ABOVE_PCT` percent of the picks were expired, at most
   * `ACTIVE_EXPIRE_MAX_LOOPS_PER_CYCLE` times. Returns the number of keys it expired (and, when
   * `expiredKeys` is given, appends their ids to it, in removal order).
   */
  activeExpireCycle(nowMs: number, expiredKeys?: number[]): number;
  /**
   * The policy's number for a live key (LFU: access count in exact mode, the 8-bit counter in
   * redis mode; redis-mode LRU: last access ms), or null when the key is absent/expired or the
   * policy keeps none. Does not touch recency/frequency.
   */
  policyValue(key: number, nowMs: number): number | null;
  /**
   * Number of held keys that have a TTL: the volatile-* candidate set, and what the active
   * expire cycle samples from (expired keys not yet removed included). When 0, a cycle would
   * do nothing and the engine may skip it.
   */
  readonly ttlKeyCount: number;
  /** GET hits / misses since creation (get + getVersion); not reset by clear(). */
  readonly hits: number;
  readonly misses: number;

  /**
   * An independent deep copy (entries, key index, TTL index, counters, policy state), for
   * checkpoints: given the same calls, it answers exactly as this store would, and neither
   * affects the other afterwards.
   * @param rng the copy's eviction stream: a clone, taken now, of the generator this store draws
   *   from (one clone shared by every store copied from stores that shared one generator).
   * @param activeExpireRng the copy's active expiry stream; by default a clone of this store's.
   */
  clone(rng: Rng, activeExpireRng?: Rng): CacheStore;
}

// Redis's active expiry, as `CacheStore.activeExpireCycle` runs it. Redis documents the cycle as:
// 10 times a second, test 20 random keys with a TTL, delete the expired ones, and start again at
// once if more than 25% of them were expired. (Redis 6+ scans the expires table with a cursor
// instead of random picks and repeats above 10% at the default `active-expire-effort`; the
// documented algorithm is the one modelled here.)

/** How often the engine runs a cycle: Redis's serverCron at the default `hz 10`. */
export const ACTIVE_EXPIRE_INTERVAL_MS = 100;
/** Keys with a TTL picked per loop of a cycle (ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP). */
export const ACTIVE_EXPIRE_KEYS_PER_LOOP = 20;
/** A loop is repeated while strictly more than this percentage of its picks had expired. */
export const ACTIVE_EXPIRE_REPEAT_ABOVE_PCT = 25;
/**
 * Bound on the loops of one cycle, standing in for Redis's per-cycle time limit (25% of the
 * 100 ms period = 25 ms of CPU, checked every 16 loops, plus 1 ms "fast" cycles in between).
 * Measured on redis-server 7.0.15 with a backlog of 2M expired keys: about 130,000 keys expired
 * per second, ~2 us each. 640 loops (40 checks of 16) x 20 keys = 12,800 keys per 100 ms cycle,
 * about 128,000 per second: a large backlog drains at Redis's pace. The limit is a share of the
 * node's CPU, and the model's node serves whatever write rate the scenario asks for, so a cycle
 * may also run enough loops to pick five times as many keys as were given a TTL since the last
 * one (at that budget the 25% rule, not the budget, ends a cycle: a budget of one pick per key
 * would settle with about half the TTL keys expired)
 * (otherwise a million fresh keys a second would outrun expiry and memory would grow without
 * bound).
 */
export const ACTIVE_EXPIRE_MAX_LOOPS_PER_CYCLE = 640;

/** Status codes of `setFast`. */
export const SET_STATUS = { ok: 0, oom: 1, nx: 2 } as const;
export type SetStatus = (typeof SET_STATUS)[keyof typeof SET_STATUS];
