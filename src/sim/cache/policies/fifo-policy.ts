/**
 * FIFO (`fifo`, not a Redis policy): evict the key inserted longest ago; hits never reorder.
 * An overwrite keeps the key's place (it was not re-inserted). Same in both eviction modes.
 */
import { shellContext, type EvictionPolicy, type PolicyContext } from './policy-types';
import { SlotList } from './slot-list';

class FifoPolicy implements EvictionPolicy {
  readonly id = 'fifo';
  readonly scope = 'all';
  private list: SlotList;

  constructor(ctx: PolicyContext) {
    this.list = new SlotList(ctx.initialSlots);
  }

  ensureCapacity(slots: number): void {
    this.list.ensureCapacity(slots);
  }

  onInsert(slot: number): void {
    this.list.pushFront(slot);
  }

  onAccess(): void {
    // Insertion order only.
  }

  onExpiryChange(): void {
    // Every key is a candidate whatever its TTL.
  }

  onRemove(slot: number): void {
    this.list.unlink(slot);
  }

  chooseVictim(): number {
    return this.list.tail;
  }

  reset(): void {
    this.list.clear();
  }

  clone(ctx: PolicyContext): EvictionPolicy {
    const c = new FifoPolicy(shellContext(ctx));
    c.list = this.list.clone();
    return c;
  }
}

export function createFifoPolicy(ctx: PolicyContext): EvictionPolicy {
  return new FifoPolicy(ctx);
}
