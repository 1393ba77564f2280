/**
 * The Redis-like store behind CacheStore (cache-types.ts).
 *
 * Layout: each cached key occupies a *slot*, an index into parallel typed arrays (version, set
 * time, expiry, bytes, key id). Freed slots go on a free list, so steady-state traffic allocates
 * nothing. Key ids map to slots through KeyIndex. The eviction policy (policies/) keeps its own
 * per-slot metadata and is told about every insert, access, expiry change and removal.
 *
 * Expiry follows Redis: an expired key is never returned; it is removed, and counted as an
 * expiration, when an access (GET, SET, DEL, PTTL), an eviction pass, `sweepExpired` or the active
 * expire cycle finds it. A key is expired once `nowMs >= expiresAtMs`, so a TTL of T ms covers
 * [setAt, setAt + T). The slots of keys with a TTL are also kept in a dense set (`ttlIndex`) so
 * the active expire cycle can pick one uniformly at random in O(1), as Redis picks from its
 * `expires` table.
 */
import { createRng, RNG_STREAM, type Rng } from '../rng';
import {
  ACTIVE_EXPIRE_KEYS_PER_LOOP,
  ACTIVE_EXPIRE_MAX_LOOPS_PER_CYCLE,
  ACTIVE_EXPIRE_REPEAT_ABOVE_PCT,
  OOM_ERROR_TEXT,
  SET_STATUS,
  type CacheConfig,
  type CacheCounters,
  type CacheEntryView,
  type CacheStore,
  type GetResult,
  type SetOptions,
  type SetResult,
  type SetStatus,
} from './cache-types';
import { KeyIndex } from './key-index';
import { CandidateSet } from './policies/candidate-set';
import { getPolicy } from './policies/policy-registry';
import {
  growFloat64,
  growInt32,
  growUint8,
  type EvictionPolicy,
  type SlotTable,
} from './policies/policy-types';

/** Slots allocated up front when capacity is unlimited or very large; the arrays double on demand. */
const INITIAL_SLOTS_MAX = 1 << 16;
const MIN_SLOTS = 16;

interface MutableSlotTable extends SlotTable {
  expiresAtMs: Float64Array;
  keyOf: Int32Array;
  live: Uint8Array;
}

class RedisLikeStore implements CacheStore {
  readonly counters: CacheCounters;
  size = 0;
  bytesUsed = 0;
  hits = 0;
  misses = 0;
  lastSetAtMs = 0;
  lastExpiresAtMs = Infinity;
  lastExpired = false;
  /** Keys evicted by the latest set: `evictedBuf[0, evictedCount)` (see the `lastEvicted` getter). */
  private readonly evictedBuf: number[];
  /** Versions of the keys in `evictedBuf`, same order. */
  private readonly evictedVerBuf: number[];
  private evictedCount = 0;

  private readonly index: KeyIndex;
  private readonly policy: EvictionPolicy;
  private readonly table: MutableSlotTable;
  private readonly capacityKeys: number;
  private readonly capacityBytes: number;
  /** Slots of the held keys that have a TTL (expired ones not yet removed included). */
  private readonly ttlIndex: CandidateSet;
  /** Sum of bytes of keys with a TTL: what volatile-* policies can free at most. */
  private ttlBytes = 0;
  // Slot arrays (the table's arrays are the same objects; these are shortcuts for the hot path).
  private version: Float64Array;
  private setAtMs: Float64Array;
  private bytes: Float64Array;
  private expiresAtMs: Float64Array;
  private keyOf: Int32Array;
  private live: Uint8Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  /** Slots [0, highWater) have been handed out at least once. */
  private highWater = 0;
  private sweepCursor = 0;
  /** Keys given a TTL since the last active expire cycle (its budget keeps pace with them). */
  private ttlSetsSinceCycle = 0;

  /** An empty store, or (with `from`) an independent deep copy of `from` (see `clone`). */
  constructor(
    readonly config: CacheConfig,
    rng: Rng,
    private readonly activeExpireRng: Rng,
    from?: RedisLikeStore,
  ) {
    this.capacityKeys = config.capacityKeys ?? Infinity;
    this.capacityBytes = config.capacityBytes ?? Infinity;
    const n = from
      ? from.live.length
      : Math.max(MIN_SLOTS, Math.min(config.capacityKeys ?? INITIAL_SLOTS_MAX, INITIAL_SLOTS_MAX));
    this.version = from ? from.version.slice() : new Float64Array(n);
    this.setAtMs = from ? from.setAtMs.slice() : new Float64Array(n);
    this.bytes = from ? from.bytes.slice() : new Float64Array(n);
    this.expiresAtMs = from ? from.expiresAtMs.slice() : new Float64Array(n);
    this.keyOf = from ? from.keyOf.slice() : new Int32Array(n);
    this.live = from ? from.live.slice() : new Uint8Array(n);
    this.freeSlots = from ? from.freeSlots.slice() : new Int32Array(n);
    this.ttlIndex = from ? from.ttlIndex.clone() : new CandidateSet(n);
    this.index = from ? from.index.clone() : new KeyIndex();
    this.counters = { evictions: 0, expirations: 0, ...from?.counters };
    this.evictedBuf = from ? from.evictedBuf.slice() : [];
    this.evictedVerBuf = from ? from.evictedVerBuf.slice() : [];
    this.table = { expiresAtMs: this.expiresAtMs, keyOf: this.keyOf, live: this.live };
    const ctx = {
      table: this.table,
      rng,
      mode: config.eviction,
      initialSlots: n,
      capacityKeys: config.capacityKeys,
      ...(config.futureKeys === undefined ? {} : { futureKeys: config.futureKeys }),
    };
    this.policy = from ? from.policy.clone(ctx) : getPolicy(config.policy).create(ctx);
    if (from) {
      this.size = from.size;
      this.bytesUsed = from.bytesUsed;
      this.hits = from.hits;
      this.misses = from.misses;
      this.lastSetAtMs = from.lastSetAtMs;
      this.lastExpiresAtMs = from.lastExpiresAtMs;
      this.lastExpired = from.lastExpired;
      this.evictedCount = from.evictedCount;
      this.ttlBytes = from.ttlBytes;
      this.freeCount = from.freeCount;
      this.highWater = from.highWater;
      this.sweepCursor = from.sweepCursor;
      this.ttlSetsSinceCycle = from.ttlSetsSinceCycle;
    }
  }

  clone(rng: Rng, activeExpireRng: Rng = this.activeExpireRng.clone()): CacheStore {
    return new RedisLikeStore(this.config, rng, activeExpireRng, this);
  }

  get ttlKeyCount(): number {
    return this.ttlIndex.size;
  }

  /**
   * Keys evicted by the latest set. The buffer is trimmed here, when read, not on every set:
   * truncating an array's length is a runtime call, and most sets are never asked.
   */
  get lastEvicted(): readonly number[] {
    if (this.evictedBuf.length !== this.evictedCount) this.evictedBuf.length = this.evictedCount;
    return this.evictedBuf;
  }

  /** Versions of the keys in `lastEvicted`, same order (trimmed when read, like lastEvicted). */
  get lastEvictedVersions(): readonly number[] {
    if (this.evictedVerBuf.length !== this.evictedCount)
      this.evictedVerBuf.length = this.evictedCount;
    return this.evictedVerBuf;
  }

  // ---- reads ----

  getVersion(key: number, nowMs: number): number {
    const slot = this.index.get(key);
    if (slot < 0) {
      this.lastExpired = false;
      this.misses++;
      return -1;
    }
    const exp = this.expiresAtMs[slot] ?? Infinity;
    if (nowMs >= exp) {
      this.expire(slot);
      this.lastExpired = true;
      this.misses++;
      return -1;
    }
    this.policy.onAccess(slot, nowMs);
    this.lastSetAtMs = this.setAtMs[slot] ?? 0;
    this.lastExpiresAtMs = exp;
    this.hits++;
    return this.version[slot] ?? 0;
  }

  get(key: number, nowMs: number): GetResult {
    const version = this.getVersion(key, nowMs);
    return version < 0
      ? { hit: false, expired: this.lastExpired }
      : { hit: true, version, setAtMs: this.lastSetAtMs, expiresAtMs: this.lastExpiresAtMs };
  }

  peek(key: number, nowMs: number): CacheEntryView | null {
    const slot = this.index.get(key);
    if (slot < 0 || nowMs >= (this.expiresAtMs[slot] ?? Infinity)) return null;
    return this.view(slot);
  }

  pttl(key: number, nowMs: number): number {
    const slot = this.liveSlot(key, nowMs);
    if (slot < 0) return -2;
    const exp = this.expiresAtMs[slot] ?? Infinity;
    return exp === Infinity ? -1 : exp - nowMs;
  }

  policyValue(key: number, nowMs: number): number | null {
    const slot = this.index.get(key);
    if (slot < 0 || nowMs >= (this.expiresAtMs[slot] ?? Infinity) || !this.policy.inspect)
      return null;
    return this.policy.inspect(slot, nowMs);
  }

  entries(nowMs: number): CacheEntryView[] {
    const out: CacheEntryView[] = [];
    for (let slot = 0; slot < this.highWater; slot++) {
      if (this.live[slot] === 1 && nowMs < (this.expiresAtMs[slot] ?? Infinity))
        out.push(this.view(slot));
    }
    return out;
  }

  // ---- writes ----

  setFast(
    key: number,
    version: number,
    nowMs: number,
    ttlMs: number | null,
    bytes: number,
    nx: boolean,
  ): SetStatus {
    this.evictedCount = 0;
    let slot = this.liveSlot(key, nowMs);
    if (nx && slot >= 0) return SET_STATUS.nx;
    if (slot < 0) this.policy.beforeInsert?.(key, nowMs);
    slot = this.makeRoom(slot, bytes, nowMs);
    if (slot === OOM) return SET_STATUS.oom;
    const exp = ttlMs === null ? Infinity : nowMs + ttlMs;
    if (ttlMs !== null) this.ttlSetsSinceCycle++;
    if (slot >= 0) {
      this.overwrite(slot, version, nowMs, exp, bytes);
      return SET_STATUS.ok;
    }
    slot = this.allocSlot();
    this.version[slot] = version;
    this.setAtMs[slot] = nowMs;
    this.bytes[slot] = bytes;
    this.expiresAtMs[slot] = exp;
    this.keyOf[slot] = key;
    this.live[slot] = 1;
    this.index.set(key, slot);
    this.size++;
    this.bytesUsed += bytes;
    if (exp !== Infinity) {
      this.ttlIndex.add(slot);
      this.ttlBytes += bytes;
    }
    this.policy.onInsert(slot, nowMs);
    return SET_STATUS.ok;
  }

  /**
   * setFast on a live key. Redis looks the key up for writing (touching it), then replaces the
   * value and, without KEEPTTL, the TTL. (Out of line so that setFast stays small enough to inline.)
   */
  private overwrite(
    slot: number,
    version: number,
    nowMs: number,
    exp: number,
    bytes: number,
  ): void {
    const oldBytes = this.bytes[slot] ?? 0;
    const oldExp = this.expiresAtMs[slot] ?? Infinity;
    this.version[slot] = version;
    this.setAtMs[slot] = nowMs;
    this.bytes[slot] = bytes;
    this.bytesUsed += bytes - oldBytes;
    if (oldExp !== Infinity) this.ttlBytes -= oldBytes;
    if (exp !== Infinity) {
      this.ttlIndex.add(slot); // no-op when it already had a TTL
      this.ttlBytes += bytes;
    } else if (oldExp !== Infinity) {
      this.ttlIndex.remove(slot);
    }
    this.policy.onAccess(slot, nowMs);
    if (exp !== oldExp) {
      this.expiresAtMs[slot] = exp;
      this.policy.onExpiryChange(slot, oldExp, nowMs);
    }
  }

  set(key: number, version: number, nowMs: number, options?: SetOptions): SetResult {
    const status = this.setFast(
      key,
      version,
      nowMs,
      options?.ttlMs ?? null,
      options?.bytes ?? 0,
      options?.nx ?? false,
    );
    if (status === SET_STATUS.oom) return { ok: false, error: OOM_ERROR_TEXT };
    if (status === SET_STATUS.nx) return { ok: false, error: 'NX' };
    return { ok: true, evicted: this.lastEvicted.slice() };
  }

  del(key: number, nowMs: number): boolean {
    const slot = this.liveSlot(key, nowMs);
    if (slot < 0) return false;
    this.removeSlot(slot);
    return true;
  }

  clear(): void {
    for (let slot = 0; slot < this.highWater; slot++) {
      if (this.live[slot] === 1) this.index.delete(this.keyOf[slot] ?? 0);
    }
    this.live.fill(0);
    this.policy.reset();
    this.size = 0;
    this.bytesUsed = 0;
    this.ttlIndex.clear();
    this.ttlBytes = 0;
    this.freeCount = 0;
    this.highWater = 0;
    this.sweepCursor = 0;
    this.evictedCount = 0;
  }

  reserve(keys: number): void {
    if (keys > this.live.length) this.grow(keys);
    this.index.reserve(keys);
  }

  sweepExpired(nowMs: number, budget: number): number {
    let removed = 0;
    for (let i = 0; i < budget && this.size > 0 && this.highWater > 0; i++) {
      if (this.sweepCursor >= this.highWater) this.sweepCursor = 0;
      const slot = this.sweepCursor++;
      if (this.live[slot] === 1 && nowMs >= (this.expiresAtMs[slot] ?? Infinity)) {
        this.expire(slot);
        removed++;
      }
    }
    return removed;
  }

  activeExpireCycle(nowMs: number, expiredKeys?: number[]): number {
    const ttlIndex = this.ttlIndex;
    let expiredInCycle = 0;
    // Redis's time limit is a share of the node's CPU: a node that takes more writes with a TTL
    // gets through more of them. The budget keeps pace with five times the keys given a TTL since the
    // last cycle, so memory stays bounded at any write rate the model is asked to serve.
    const maxLoops = Math.max(
      ACTIVE_EXPIRE_MAX_LOOPS_PER_CYCLE,
      Math.ceil((5 * this.ttlSetsSinceCycle) / ACTIVE_EXPIRE_KEYS_PER_LOOP),
    );
    this.ttlSetsSinceCycle = 0;
    for (let loop = 0; loop < maxLoops; loop++) {
      const picks = Math.min(ttlIndex.size, ACTIVE_EXPIRE_KEYS_PER_LOOP);
      if (picks === 0) break;
      let expired = 0;
      // Each expiry shrinks the set by one, so it still holds at least picks - i keys here.
      for (let i = 0; i < picks; i++) {
        const slot = ttlIndex.pick(this.activeExpireRng);
        if (nowMs >= (this.expiresAtMs[slot] ?? Infinity)) {
          if (expiredKeys !== undefined) expiredKeys.push(this.keyOf[slot] ?? -1);
          this.expire(slot);
          expired++;
        }
      }
      expiredInCycle += expired;
      if (expired * 100 <= picks * ACTIVE_EXPIRE_REPEAT_ABOVE_PCT) break;
    }
    return expiredInCycle;
  }

  // ---- internals ----

  /** Slot of a live key; an expired one found on the way is removed and counted. -1 if absent. */
  private liveSlot(key: number, nowMs: number): number {
    const slot = this.index.get(key);
    if (slot < 0) return -1;
    if (nowMs >= (this.expiresAtMs[slot] ?? Infinity)) {
      this.expire(slot);
      return -1;
    }
    return slot;
  }

  /**
   * Evicts until a write of `bytes` to `slot` (-1 = new key) fits. Returns the slot to write
   * (-1 when the key itself was evicted, or was new) or OOM, in which case nothing changed.
   */
  private makeRoom(slot: number, bytes: number, nowMs: number): number {
    const oldBytes = slot >= 0 ? (this.bytes[slot] ?? 0) : 0;
    let keysOver = this.size + (slot < 0 ? 1 : 0) - this.capacityKeys;
    let bytesOver = this.bytesUsed - oldBytes + bytes - this.capacityBytes;
    if (keysOver <= 0 && bytesOver <= 0) return slot;
    // Refuse up front what no amount of eviction could satisfy, so a refused write changes nothing.
    if (this.capacityKeys === 0 || bytes > this.capacityBytes) return OOM;
    const scope = this.policy.scope;
    if (scope === 'none') return OOM;
    const selfIsCandidate =
      slot >= 0 && (scope === 'all' || (this.expiresAtMs[slot] ?? Infinity) !== Infinity);
    const candidateKeys = scope === 'all' ? this.size : this.ttlIndex.size;
    const candidateBytes =
      (scope === 'all' ? this.bytesUsed : this.ttlBytes) - (selfIsCandidate ? oldBytes : 0);
    if (keysOver > candidateKeys || bytesOver > candidateBytes) return OOM;

    while (keysOver > 0 || bytesOver > 0) {
      const victim = this.policy.chooseVictim(nowMs);
      if (victim < 0) return OOM; // unreachable after the feasibility check; kept as a guard
      const victimBytes = this.bytes[victim] ?? 0;
      if (nowMs >= (this.expiresAtMs[victim] ?? Infinity)) {
        // The eviction pass met a key that had already expired: that is an expiration.
        this.expire(victim);
      } else {
        this.evictedVerBuf[this.evictedCount] = this.version[victim] ?? 0;
        this.evictedBuf[this.evictedCount++] = this.keyOf[victim] ?? -1;
        this.removeSlot(victim);
        this.counters.evictions++;
      }
      if (victim === slot) {
        // Redis may evict the very key being written; the SET then creates it afresh. Its old
        // bytes were already counted as freed and its key still has to fit: nothing changes.
        slot = -1;
      } else {
        keysOver--;
        bytesOver -= victimBytes;
      }
    }
    return slot;
  }

  private expire(slot: number): void {
    this.removeSlot(slot);
    this.counters.expirations++;
  }

  private removeSlot(slot: number): void {
    this.policy.onRemove(slot);
    this.index.delete(this.keyOf[slot] ?? 0);
    this.live[slot] = 0;
    const b = this.bytes[slot] ?? 0;
    this.size--;
    this.bytesUsed -= b;
    if ((this.expiresAtMs[slot] ?? Infinity) !== Infinity) {
      this.ttlIndex.remove(slot);
      this.ttlBytes -= b;
    }
    this.freeSlots[this.freeCount++] = slot;
  }

  private allocSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount] ?? 0;
    if (this.highWater === this.live.length) this.grow(this.live.length * 2);
    return this.highWater++;
  }

  private grow(n: number): void {
    this.version = growFloat64(this.version, n);
    this.setAtMs = growFloat64(this.setAtMs, n);
    this.bytes = growFloat64(this.bytes, n);
    this.expiresAtMs = growFloat64(this.expiresAtMs, n);
    this.keyOf = growInt32(this.keyOf, n);
    this.live = growUint8(this.live, n);
    this.freeSlots = growInt32(this.freeSlots, n);
    this.ttlIndex.ensureCapacity(n);
    this.table.expiresAtMs = this.expiresAtMs;
    this.table.keyOf = this.keyOf;
    this.table.live = this.live;
    this.policy.ensureCapacity(n);
  }

  private view(slot: number): CacheEntryView {
    return {
      key: this.keyOf[slot] ?? -1,
      version: this.version[slot] ?? 0,
      setAtMs: this.setAtMs[slot] ?? 0,
      expiresAtMs: this.expiresAtMs[slot] ?? Infinity,
      bytes: this.bytes[slot] ?? 0,
    };
  }
}

/** makeRoom's "cannot make room" answer. */
const OOM = -2;

/**
 * Creates an empty store.
 * @param rng drives random eviction, Redis-style sampling and LFU's probabilistic counter (pass a
 *   dedicated stream, e.g. `createRng(seed, RNG_STREAM.eviction)`).
 * @param activeExpireRng drives the active expire cycle's picks (pass
 *   `createRng(seed, RNG_STREAM.activeExpire)`). When omitted, a stream is derived from `rng`'s
 *   current state without drawing from it: the run stays deterministic and eviction draws are
 *   the same whether or not cycles run.
 */
export function createCacheStore(
  config: CacheConfig,
  rng: Rng,
  activeExpireRng: Rng = createRng(rng.clone().nextU32(), RNG_STREAM.activeExpire),
): CacheStore {
  return new RedisLikeStore(config, rng, activeExpireRng);
}
