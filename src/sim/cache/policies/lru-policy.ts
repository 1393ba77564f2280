/**
 * LRU: evict the least recently used key (`allkeys-lru`, or `volatile-lru` over keys with a TTL).
 * - exact: a doubly linked list in recency order; O(1) per operation.
 * - redis: sample `samples` candidates, score by idle time, keep Redis's 16-entry pool.
 */
import type { PolicyId } from '../cache-types';
import { CandidateSet } from './candidate-set';
import { EvictionPool } from './eviction-pool';
import {
  growFloat64,
  hasTtl,
  type EvictionPolicy,
  type EvictionScope,
  shellContext,
  type PolicyContext,
  type SlotTable,
} from './policy-types';
import { SlotList } from './slot-list';

/** Exact LRU over the candidate set (all keys, or keys with a TTL). */
class ExactLruPolicy implements EvictionPolicy {
  private list: SlotList;
  private readonly table: SlotTable;

  constructor(
    readonly id: PolicyId,
    readonly scope: EvictionScope,
    ctx: PolicyContext,
  ) {
    this.table = ctx.table;
    this.list = new SlotList(ctx.initialSlots);
  }

  ensureCapacity(slots: number): void {
    this.list.ensureCapacity(slots);
  }

  onInsert(slot: number): void {
    if (this.scope === 'all' || hasTtl(this.table, slot)) this.list.pushFront(slot);
  }

  onAccess(slot: number): void {
    if (this.scope === 'all' || this.list.has(slot)) this.list.moveToFront(slot);
  }

  onExpiryChange(slot: number): void {
    if (this.scope === 'all') return;
    const member = hasTtl(this.table, slot);
    // The overwrite that changed the TTL was also an access, so a new member goes to the front.
    if (member && !this.list.has(slot)) this.list.pushFront(slot);
    else if (!member && this.list.has(slot)) this.list.unlink(slot);
  }

  onRemove(slot: number): void {
    if (this.list.has(slot)) this.list.unlink(slot);
  }

  chooseVictim(): number {
    return this.list.tail;
  }

  reset(): void {
    this.list.clear();
  }

  clone(ctx: PolicyContext): EvictionPolicy {
    const c = new ExactLruPolicy(this.id, this.scope, shellContext(ctx));
    c.list = this.list.clone();
    return c;
  }
}

/** Redis's LRU_CLOCK_RESOLUTION: keys are stamped with a clock of seconds. */
export const REDIS_LRU_CLOCK_RESOLUTION_MS = 1000;

/** Redis-approximated LRU: sampled idle times plus the eviction pool. */
class SampledLruPolicy implements EvictionPolicy {
  private candidates: CandidateSet;
  private pool: EvictionPool;
  private readonly table: SlotTable;
  /** Last access per slot as a tick of the LRU clock (Redis: a 24-bit clock of seconds). */
  private lastAccessTick: Float64Array;
  private nowTick = 0;
  private readonly resolutionMs: number;
  /** Idle time as Redis estimates it: whole clock ticks times the resolution. */
  private readonly idle = (slot: number): number =>
    (this.nowTick - (this.lastAccessTick[slot] ?? 0)) * this.resolutionMs;

  constructor(
    readonly id: PolicyId,
    readonly scope: EvictionScope,
    ctx: PolicyContext,
    private readonly samples: number,
    resolutionMs: number,
  ) {
    this.resolutionMs = resolutionMs > 0 ? resolutionMs : 1;
    this.table = ctx.table;
    this.candidates = new CandidateSet(ctx.initialSlots);
    this.pool = new EvictionPool(ctx.table, samples, ctx.rng);
    this.lastAccessTick = new Float64Array(ctx.initialSlots);
  }

  ensureCapacity(slots: number): void {
    this.candidates.ensureCapacity(slots);
    this.lastAccessTick = growFloat64(this.lastAccessTick, slots);
  }

  onInsert(slot: number, nowMs: number): void {
    this.lastAccessTick[slot] = Math.floor(nowMs / this.resolutionMs);
    if (this.scope === 'all' || hasTtl(this.table, slot)) this.candidates.add(slot);
  }

  onAccess(slot: number, nowMs: number): void {
    this.lastAccessTick[slot] = Math.floor(nowMs / this.resolutionMs);
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
    this.nowTick = Math.floor(nowMs / this.resolutionMs);
    return this.pool.chooseVictim(this.candidates, this.idle);
  }

  reset(): void {
    this.candidates.clear();
    this.pool.clear();
  }

  clone(ctx: PolicyContext): EvictionPolicy {
    const c = new SampledLruPolicy(
      this.id,
      this.scope,
      shellContext(ctx),
      this.samples,
      this.resolutionMs,
    );
    c.candidates = this.candidates.clone();
    c.pool = this.pool.clone(ctx.table, ctx.rng);
    c.lastAccessTick = this.lastAccessTick.slice();
    c.nowTick = this.nowTick;
    return c;
  }
}

/** Factory for `allkeys-lru` / `volatile-lru` in either eviction mode. */
export function createLruPolicy(
  id: 'allkeys-lru' | 'volatile-lru',
  ctx: PolicyContext,
): EvictionPolicy {
  const scope: EvictionScope = id === 'allkeys-lru' ? 'all' : 'volatile';
  return ctx.mode.mode === 'redis'
    ? new SampledLruPolicy(
        id,
        scope,
        ctx,
        ctx.mode.samples,
        ctx.mode.lruClockResolutionMs ?? REDIS_LRU_CLOCK_RESOLUTION_MS,
      )
    : new ExactLruPolicy(id, scope, ctx);
}
