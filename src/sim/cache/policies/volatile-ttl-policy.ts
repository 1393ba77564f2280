/**
 * `volatile-ttl`: among keys with a TTL, evict the one that expires soonest.
 * - exact: an indexed binary min-heap on expiry time (O(log n) per change, O(1) peek).
 * - redis: sample keys with a TTL, score by nearness of expiry, keep the 16-entry pool.
 */
import { CandidateSet } from './candidate-set';
import { EvictionPool } from './eviction-pool';
import {
  growInt32,
  hasTtl,
  shellContext,
  type EvictionPolicy,
  type PolicyContext,
  type SlotTable,
} from './policy-types';

class ExactTtlPolicy implements EvictionPolicy {
  readonly id = 'volatile-ttl';
  readonly scope = 'volatile';
  private readonly table: SlotTable;
  private heap: Int32Array;
  /** Position of each slot in the heap, -1 when absent. */
  private pos: Int32Array;
  private size = 0;

  constructor(ctx: PolicyContext) {
    this.table = ctx.table;
    this.heap = new Int32Array(ctx.initialSlots);
    this.pos = new Int32Array(ctx.initialSlots).fill(-1);
  }

  ensureCapacity(slots: number): void {
    this.heap = growInt32(this.heap, slots);
    this.pos = growInt32(this.pos, slots, -1);
  }

  private expiry(i: number): number {
    return this.table.expiresAtMs[this.heap[i] ?? 0] ?? Infinity;
  }

  private put(i: number, slot: number): void {
    this.heap[i] = slot;
    this.pos[slot] = i;
  }

  private siftUp(i: number): void {
    const slot = this.heap[i] ?? 0;
    const e = this.table.expiresAtMs[slot] ?? Infinity;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.expiry(parent) <= e) break;
      this.put(i, this.heap[parent] ?? 0);
      i = parent;
    }
    this.put(i, slot);
  }

  private siftDown(i: number): void {
    const slot = this.heap[i] ?? 0;
    const e = this.table.expiresAtMs[slot] ?? Infinity;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const c = r < this.size && this.expiry(r) < this.expiry(l) ? r : l;
      if (this.expiry(c) >= e) break;
      this.put(i, this.heap[c] ?? 0);
      i = c;
    }
    this.put(i, slot);
  }

  private add(slot: number): void {
    this.put(this.size, slot);
    this.size++;
    this.siftUp(this.size - 1);
  }

  private remove(slot: number): void {
    const i = this.pos[slot] ?? -1;
    if (i < 0) return;
    this.pos[slot] = -1;
    this.size--;
    if (i === this.size) return;
    const moved = this.heap[this.size] ?? 0;
    this.put(i, moved);
    this.siftUp(i);
    // If it did not move up it may have to move down.
    if (this.pos[moved] === i) this.siftDown(i);
  }

  onInsert(slot: number): void {
    if (hasTtl(this.table, slot)) this.add(slot);
  }

  onAccess(): void {
    // Accesses do not change expiry.
  }

  onExpiryChange(slot: number): void {
    this.remove(slot);
    if (hasTtl(this.table, slot)) this.add(slot);
  }

  onRemove(slot: number): void {
    this.remove(slot);
  }

  chooseVictim(): number {
    return this.size === 0 ? -1 : (this.heap[0] ?? -1);
  }

  reset(): void {
    for (let i = 0; i < this.size; i++) this.pos[this.heap[i] ?? 0] = -1;
    this.size = 0;
  }

  clone(ctx: PolicyContext): EvictionPolicy {
    const c = new ExactTtlPolicy(shellContext(ctx));
    c.heap = this.heap.slice();
    c.pos = this.pos.slice();
    c.size = this.size;
    return c;
  }
}

class SampledTtlPolicy implements EvictionPolicy {
  readonly id = 'volatile-ttl';
  readonly scope = 'volatile';
  private readonly table: SlotTable;
  private candidates: CandidateSet;
  private pool: EvictionPool;
  // Sooner expiry = higher score (Redis: ULLONG_MAX - expire).
  private readonly score = (slot: number): number => -(this.table.expiresAtMs[slot] ?? Infinity);

  constructor(
    ctx: PolicyContext,
    private readonly samples: number,
  ) {
    this.table = ctx.table;
    this.candidates = new CandidateSet(ctx.initialSlots);
    this.pool = new EvictionPool(ctx.table, samples, ctx.rng);
  }

  ensureCapacity(slots: number): void {
    this.candidates.ensureCapacity(slots);
  }

  onInsert(slot: number): void {
    if (hasTtl(this.table, slot)) this.candidates.add(slot);
  }

  onAccess(): void {
    // Accesses do not change expiry.
  }

  onExpiryChange(slot: number): void {
    if (hasTtl(this.table, slot)) this.candidates.add(slot);
    else this.candidates.remove(slot);
  }

  onRemove(slot: number): void {
    this.candidates.remove(slot);
  }

  chooseVictim(): number {
    return this.pool.chooseVictim(this.candidates, this.score);
  }

  reset(): void {
    this.candidates.clear();
    this.pool.clear();
  }

  clone(ctx: PolicyContext): EvictionPolicy {
    const c = new SampledTtlPolicy(shellContext(ctx), this.samples);
    c.candidates = this.candidates.clone();
    c.pool = this.pool.clone(ctx.table, ctx.rng);
    return c;
  }
}

export function createVolatileTtlPolicy(ctx: PolicyContext): EvictionPolicy {
  return ctx.mode.mode === 'redis'
    ? new SampledTtlPolicy(ctx, ctx.mode.samples)
    : new ExactTtlPolicy(ctx);
}
