/**
 * The Redis-like store behind CacheStore (cache-types.ts).
 *
 * Layout: each cached key occupies a *slot*, an index into parallel typed arrays (version, set
 * time, expiry, bytes, key id). Freed slots go on a free list, so steady-state traffic allocates
 * nothing. Key ids map to slots through KeyIndex. The eviction policy (policies/) keeps its own
 * per-slot metadata and is told about every insert, access, expiry change and removal.
 *
 * Expiry follows Redis: an expired key is never returned; it is removed, and counted as an
 * expiration, when an access (GET, SET, DEL, PTTL), an eviction pass or `sweepExpired` finds it.
 * A key is expired once `nowMs >= expiresAtMs`, so a TTL of T ms covers [setAt, setAt + T).
 */
import type { Rng } from '../rng';
import {
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
  readonly counters: CacheCounters = { evictions: 0, expirations: 0 };
  size = 0;
  bytesUsed = 0;
  ttlKeyCount = 0;
  hits = 0;
  misses = 0;
  lastSetAtMs = 0;
  lastExpiresAtMs = Infinity;
  lastExpired = false;
  /** Keys evicted by the latest set: `evictedBuf[0, evictedCount)` (see the `lastEvicted` getter). */
  private readonly evictedBuf: number[] = [];
  /** Versions of the keys in `evictedBuf`, same order. */
  private readonly evictedVerBuf: number[] = [];
  private evictedCount = 0;

  private readonly index = new KeyIndex();
  private readonly policy: EvictionPolicy;
  private readonly table: MutableSlotTable;
  private readonly capacityKeys: number;
  private readonly capacityBytes: number;
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

  constructor(
    readonly config: CacheConfig,
    rng: Rng,
  ) {
    this.capacityKeys = config.capacityKeys ?? Infinity;
    this.capacityBytes = config.capacityBytes ?? Infinity;
    const n = Math.max(
      MIN_SLOTS,
      Math.min(config.capacityKeys ?? INITIAL_SLOTS_MAX, INITIAL_SLOTS_MAX),
    );
    this.version = new Float64Array(n);
    this.setAtMs = new Float64Array(n);
    this.bytes = new Float64Array(n);
    this.expiresAtMs = new Float64Array(n);
    this.keyOf = new Int32Array(n);
    this.live = new Uint8Array(n);
    this.freeSlots = new Int32Array(n);
    this.table = { expiresAtMs: this.expiresAtMs, keyOf: this.keyOf, live: this.live };
    this.policy = getPolicy(config.policy).create({
      table: this.table,
      rng,
      mode: config.eviction,
      initialSlots: n,
      capacityKeys: config.capacityKeys,
      ...(config.futureKeys === undefined ? {} : { futureKeys: config.futureKeys }),
    });
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
      this.ttlKeyCount++;
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
    if (oldExp !== Infinity) {
      this.ttlKeyCount--;
      this.ttlBytes -= oldBytes;
    }
    if (exp !== Infinity) {
      this.ttlKeyCount++;
      this.ttlBytes += bytes;
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
    this.ttlKeyCount = 0;
    this.ttlBytes = 0;
    this.freeCount = 0;
    this.highWater = 0;
    this.sweepCursor = 0;
    this.evictedCount = 0;
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
    const candidateKeys = scope === 'all' ? this.size : this.ttlKeyCount;
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
      this.ttlKeyCount--;
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
 * Creates an empty store. `rng` drives random eviction, Redis-style sampling and LFU's
 * probabilistic counter (pass a dedicated stream, e.g. `createRng(seed, RNG_STREAM.eviction)`).
 */
export function createCacheStore(config: CacheConfig, rng: Rng): CacheStore {
  return new RedisLikeStore(config, rng);
}
