/**
 * LFU: evict the least frequently used key (`allkeys-lfu`, or `volatile-lfu` over keys with a TTL).
 * - exact: textbook in-cache LFU. Each key's access count (1 on insert) lives in O(1) frequency
 *   buckets (a linked list of buckets in increasing count, each a recency-ordered list of keys);
 *   the victim is the least recently used key of the lowest bucket.
 * - redis: Redis's 8-bit logarithmic counter (new keys start at LFU_INIT_VAL = 5, incremented with
 *   probability 1 / ((counter - 5) * lfu-log-factor + 1)), victims chosen by sampling with the
 *   eviction pool on 255 - counter. Decay follows evict.c: each key keeps, beside its counter, the
 *   16-bit minutes clock of its last access (`ldt`); the counter it reports is the stored one
 *   minus one per `lfu-decay-time` minutes *on that clock* since then, i.e. per minute boundary
 *   crossed, not per 60 s elapsed (read at 59.9 s, it has lost one at 60.1 s). Only an access
 *   (GET hit, or SET on a live key: Redis looks the key up for writing, then keeps its LFU field)
 *   stores the decayed-and-incremented counter and moves `ldt`; OBJECT FREQ (`inspect`) and
 *   eviction sampling compute the decayed value without storing it.
 */
import type { Rng } from '../../rng';
import type { PolicyId } from '../cache-types';
import { CandidateSet } from './candidate-set';
import { EvictionPool } from './eviction-pool';
import {
  growFloat64,
  growInt32,
  growUint16,
  growUint8,
  hasTtl,
  shellContext,
  type EvictionPolicy,
  type EvictionScope,
  type PolicyContext,
  type SlotTable,
} from './policy-types';

/** Redis's LFU_INIT_VAL: the counter a new key starts with, so it is not evicted at once. */
export const LFU_INIT_VAL = 5;
/** Largest value of Redis's 8-bit counter. */
export const LFU_COUNTER_MAX = 255;
/** Redis default `lfu-log-factor`. */
export const DEFAULT_LFU_LOG_FACTOR = 10;
/** Redis default `lfu-decay-time` (1 minute), in simulated ms. */
export const DEFAULT_LFU_DECAY_TIME_MS = 60_000;
/** One tick of Redis's LFU clock (LFUGetTimeInMinutes: unix time / 60), in simulated ms. */
export const LFU_CLOCK_TICK_MS = 60_000;
/** The LFU clock keeps 16 bits of minutes (it wraps every 65,536 minutes, about 45.5 days). */
const LFU_CLOCK_MASK = 0xffff;

/**
 * One logarithmic increment of Redis's LFU counter (LFULogIncr): the higher the counter, the
 * less likely it grows. `r` is a uniform draw in [0, 1) from the seeded RNG.
 */
export function lfuLogIncrement(counter: number, logFactor: number, r: number): number {
  if (counter >= LFU_COUNTER_MAX) return LFU_COUNTER_MAX;
  const base = Math.max(0, counter - LFU_INIT_VAL);
  const p = 1 / (base * logFactor + 1);
  return r < p ? counter + 1 : counter;
}

/**
 * Redis's LFU clock at simulated time `nowMs` (LFUGetTimeInMinutes): whole minutes, low 16 bits.
 * Simulated time 0 is a minute boundary.
 */
export function lfuTimeInMinutes(nowMs: number): number {
  return Math.floor(nowMs / LFU_CLOCK_TICK_MS) & LFU_CLOCK_MASK;
}

/**
 * Minutes from `ldtMinutes` to `nowMinutes` on the 16-bit clock (LFUTimeElapsed), assuming it
 * wrapped at most once. Like Redis, a wrap counts 65535 - ldt + now, one less than the true
 * distance: a key last touched at minute 65535 looks untouched for 0 minutes at minute 0.
 */
export function lfuTimeElapsed(ldtMinutes: number, nowMinutes: number): number {
  return nowMinutes >= ldtMinutes
    ? nowMinutes - ldtMinutes
    : LFU_CLOCK_MASK - ldtMinutes + nowMinutes;
}

/**
 * The counter after decay (LFUDecrAndReturn): minus one per `decayTimeMs` of minutes on the LFU
 * clock since `ldtMinutes` (the clock at the key's last access), floored at 0. Redis's
 * `lfu-decay-time` is whole minutes (decayTimeMs = minutes x 60000); another value counts as a
 * fractional number of minutes, so the counter still drops only when the clock ticks. A decay
 * time of 0 disables decay, as in Redis.
 */
export function lfuDecayed(
  counter: number,
  ldtMinutes: number,
  nowMs: number,
  decayTimeMs: number,
): number {
  if (decayTimeMs <= 0) return counter;
  const minutes = lfuTimeElapsed(ldtMinutes, lfuTimeInMinutes(nowMs));
  const periods = Math.floor((minutes * LFU_CLOCK_TICK_MS) / decayTimeMs);
  return periods > counter ? 0 : counter - periods;
}

const NIL = -1;

class ExactLfuPolicy implements EvictionPolicy {
  private readonly table: SlotTable;
  /** Access count per slot (kept while the key lives, even outside the candidate set). */
  private count: Float64Array;
  // Keys inside a bucket: doubly linked, head = most recent arrival.
  private itemPrev: Int32Array;
  private itemNext: Int32Array;
  /** Bucket of each slot, or NIL when the slot is not a candidate. */
  private itemBucket: Int32Array;
  // Buckets: doubly linked in increasing count; freed buckets chained through bucketNext.
  private bucketCount: Float64Array;
  private bucketHead: Int32Array;
  private bucketTail: Int32Array;
  private bucketPrev: Int32Array;
  private bucketNext: Int32Array;
  private firstBucket = NIL;
  private freeBucket = NIL;
  private bucketsAllocated = 0;

  constructor(
    readonly id: PolicyId,
    readonly scope: EvictionScope,
    ctx: PolicyContext,
  ) {
    this.table = ctx.table;
    const n = ctx.initialSlots;
    this.count = new Float64Array(n);
    this.itemPrev = new Int32Array(n);
    this.itemNext = new Int32Array(n);
    this.itemBucket = new Int32Array(n).fill(NIL);
    // At most one bucket per candidate key, plus one created before the old one is freed.
    this.bucketCount = new Float64Array(n + 1);
    this.bucketHead = new Int32Array(n + 1);
    this.bucketTail = new Int32Array(n + 1);
    this.bucketPrev = new Int32Array(n + 1);
    this.bucketNext = new Int32Array(n + 1);
  }

  ensureCapacity(slots: number): void {
    this.count = growFloat64(this.count, slots);
    this.itemPrev = growInt32(this.itemPrev, slots);
    this.itemNext = growInt32(this.itemNext, slots);
    this.itemBucket = growInt32(this.itemBucket, slots, NIL);
    this.bucketCount = growFloat64(this.bucketCount, slots + 1);
    this.bucketHead = growInt32(this.bucketHead, slots + 1);
    this.bucketTail = growInt32(this.bucketTail, slots + 1);
    this.bucketPrev = growInt32(this.bucketPrev, slots + 1);
    this.bucketNext = growInt32(this.bucketNext, slots + 1);
  }

  /** Allocates an empty bucket for `count`, linked right after `after` (NIL = at the front). */
  private newBucket(count: number, after: number): number {
    let b = this.freeBucket;
    if (b !== NIL) this.freeBucket = this.bucketNext[b] ?? NIL;
    else b = this.bucketsAllocated++;
    this.bucketCount[b] = count;
    this.bucketHead[b] = NIL;
    this.bucketTail[b] = NIL;
    const next = after === NIL ? this.firstBucket : (this.bucketNext[after] ?? NIL);
    this.bucketPrev[b] = after;
    this.bucketNext[b] = next;
    if (after === NIL) this.firstBucket = b;
    else this.bucketNext[after] = b;
    if (next !== NIL) this.bucketPrev[next] = b;
    return b;
  }

  private freeBucketAt(b: number): void {
    const p = this.bucketPrev[b] ?? NIL;
    const n = this.bucketNext[b] ?? NIL;
    if (p === NIL) this.firstBucket = n;
    else this.bucketNext[p] = n;
    if (n !== NIL) this.bucketPrev[n] = p;
    this.bucketNext[b] = this.freeBucket;
    this.freeBucket = b;
  }

  private link(slot: number, b: number): void {
    const h = this.bucketHead[b] ?? NIL;
    this.itemPrev[slot] = NIL;
    this.itemNext[slot] = h;
    if (h === NIL) this.bucketTail[b] = slot;
    else this.itemPrev[h] = slot;
    this.bucketHead[b] = slot;
    this.itemBucket[slot] = b;
  }

  /** Unlinks the slot from its bucket; frees the bucket when it empties. */
  private unlink(slot: number): void {
    const b = this.itemBucket[slot] ?? NIL;
    const p = this.itemPrev[slot] ?? NIL;
    const n = this.itemNext[slot] ?? NIL;
    if (p === NIL) this.bucketHead[b] = n;
    else this.itemNext[p] = n;
    if (n === NIL) this.bucketTail[b] = p;
    else this.itemPrev[n] = p;
    this.itemBucket[slot] = NIL;
    if (this.bucketHead[b] === NIL) this.freeBucketAt(b);
  }

  /** Places a slot not yet in any bucket at its count (walks buckets; only for TTL changes). */
  private place(slot: number): void {
    const c = this.count[slot] ?? 1;
    let prev = NIL;
    let b = this.firstBucket;
    while (b !== NIL && (this.bucketCount[b] ?? 0) < c) {
      prev = b;
      b = this.bucketNext[b] ?? NIL;
    }
    this.link(slot, b !== NIL && this.bucketCount[b] === c ? b : this.newBucket(c, prev));
  }

  private isMember(slot: number): boolean {
    return (this.itemBucket[slot] ?? NIL) !== NIL;
  }

  onInsert(slot: number): void {
    this.count[slot] = 1;
    if (this.scope === 'volatile' && !hasTtl(this.table, slot)) return;
    const first = this.firstBucket;
    this.link(
      slot,
      first !== NIL && this.bucketCount[first] === 1 ? first : this.newBucket(1, NIL),
    );
  }

  onAccess(slot: number): void {
    const c = (this.count[slot] ?? 0) + 1;
    this.count[slot] = c;
    if (!this.isMember(slot)) return;
    const b = this.itemBucket[slot] ?? NIL;
    const next = this.bucketNext[b] ?? NIL;
    // Create the target bucket before unlinking, which may free `b`.
    const target = next !== NIL && this.bucketCount[next] === c ? next : this.newBucket(c, b);
    this.unlink(slot);
    this.link(slot, target);
  }

  onExpiryChange(slot: number): void {
    if (this.scope === 'all') return;
    const member = hasTtl(this.table, slot);
    if (member && !this.isMember(slot)) this.place(slot);
    else if (!member && this.isMember(slot)) this.unlink(slot);
  }

  onRemove(slot: number): void {
    if (this.isMember(slot)) this.unlink(slot);
  }

  chooseVictim(): number {
    const b = this.firstBucket;
    return b === NIL ? NIL : (this.bucketTail[b] ?? NIL);
  }

  inspect(slot: number): number {
    return this.count[slot] ?? 0;
  }

  reset(): void {
    this.itemBucket.fill(NIL);
    this.firstBucket = NIL;
    this.freeBucket = NIL;
    this.bucketsAllocated = 0;
  }

  clone(ctx: PolicyContext): EvictionPolicy {
    const c = new ExactLfuPolicy(this.id, this.scope, shellContext(ctx));
    c.count = this.count.slice();
    c.itemPrev = this.itemPrev.slice();
    c.itemNext = this.itemNext.slice();
    c.itemBucket = this.itemBucket.slice();
    c.bucketCount = this.bucketCount.slice();
    c.bucketHead = this.bucketHead.slice();
    c.bucketTail = this.bucketTail.slice();
    c.bucketPrev = this.bucketPrev.slice();
    c.bucketNext = this.bucketNext.slice();
    c.firstBucket = this.firstBucket;
    c.freeBucket = this.freeBucket;
    c.bucketsAllocated = this.bucketsAllocated;
    return c;
  }
}

class RedisLfuPolicy implements EvictionPolicy {
  private readonly table: SlotTable;
  private candidates: CandidateSet;
  private pool: EvictionPool;
  private readonly rng: Rng;
  private readonly logFactor: number;
  private readonly decayTimeMs: number;
  private counter: Uint8Array;
  /** Redis's `ldt`: the LFU clock (lfuTimeInMinutes) at the key's last access. */
  private ldt: Uint16Array;
  private nowMs = 0;
  private readonly score = (slot: number): number =>
    LFU_COUNTER_MAX - this.inspect(slot, this.nowMs);

  constructor(
    readonly id: PolicyId,
    readonly scope: EvictionScope,
    ctx: PolicyContext,
    private readonly samples: number,
    logFactor: number,
    decayTimeMs: number,
  ) {
    this.table = ctx.table;
    this.rng = ctx.rng;
    this.logFactor = logFactor;
    this.decayTimeMs = decayTimeMs;
    this.candidates = new CandidateSet(ctx.initialSlots);
    this.pool = new EvictionPool(ctx.table, samples, ctx.rng);
    this.counter = new Uint8Array(ctx.initialSlots);
    this.ldt = new Uint16Array(ctx.initialSlots);
  }

  ensureCapacity(slots: number): void {
    this.candidates.ensureCapacity(slots);
    this.counter = growUint8(this.counter, slots);
    this.ldt = growUint16(this.ldt, slots);
  }

  onInsert(slot: number, nowMs: number): void {
    this.counter[slot] = LFU_INIT_VAL;
    this.ldt[slot] = lfuTimeInMinutes(nowMs);
    if (this.scope === 'all' || hasTtl(this.table, slot)) this.candidates.add(slot);
  }

  /** updateLFU: decay, then one logarithmic increment, and the clock of this access. */
  onAccess(slot: number, nowMs: number): void {
    const decayed = this.inspect(slot, nowMs);
    this.counter[slot] = lfuLogIncrement(decayed, this.logFactor, this.rng.next());
    this.ldt[slot] = lfuTimeInMinutes(nowMs);
  }

  onExpiryChange(slot: number): void {
    if (this.scope === 'all') return;
    if (hasTtl(this.table, slot)) this.candidates.add(slot);
    else this.candidates.remove(slot);
  }

  onRemove(slot: number): void {
    this.candidates.remove(slot);
  }

  chooseVictim(nowMs: number): number {
    this.nowMs = nowMs;
    return this.pool.chooseVictim(this.candidates, this.score);
  }

  /** The key's counter as Redis would report it (OBJECT FREQ): decayed, not stored. */
  inspect(slot: number, nowMs: number): number {
    return lfuDecayed(this.counter[slot] ?? 0, this.ldt[slot] ?? 0, nowMs, this.decayTimeMs);
  }

  reset(): void {
    this.candidates.clear();
    this.pool.clear();
  }

  clone(ctx: PolicyContext): EvictionPolicy {
    const c = new RedisLfuPolicy(
      this.id,
      this.scope,
      shellContext(ctx),
      this.samples,
      this.logFactor,
      this.decayTimeMs,
    );
    c.candidates = this.candidates.clone();
    c.pool = this.pool.clone(ctx.table, ctx.rng);
    c.counter = this.counter.slice();
    c.ldt = this.ldt.slice();
    c.nowMs = this.nowMs;
    return c;
  }
}

/** Factory for `allkeys-lfu` / `volatile-lfu` in either eviction mode. */
export function createLfuPolicy(
  id: 'allkeys-lfu' | 'volatile-lfu',
  ctx: PolicyContext,
): EvictionPolicy {
  const scope: EvictionScope = id === 'allkeys-lfu' ? 'all' : 'volatile';
  const mode = ctx.mode;
  if (mode.mode === 'exact') return new ExactLfuPolicy(id, scope, ctx);
  return new RedisLfuPolicy(
    id,
    scope,
    ctx,
    mode.samples,
    mode.lfuLogFactor ?? DEFAULT_LFU_LOG_FACTOR,
    mode.lfuDecayTimeMs ?? DEFAULT_LFU_DECAY_TIME_MS,
  );
}
