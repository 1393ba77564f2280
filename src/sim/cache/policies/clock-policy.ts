/**
 * CLOCK (`clock`, not in Redis), also called second chance: the keys stand in a circle with one
 * reference bit each; a hit sets the bit; to evict, the hand clears set bits, moving on, until it
 * finds a clear one, evicts that key, and the new key takes its place just behind the hand.
 *
 * The circle is kept as a queue whose tail is the key under the hand and whose head is the key just
 * behind it: passing a key (clearing its bit) moves it to the head, and a new key is pushed at the
 * head, which is where the hand leaves it. New keys start with the bit clear, so a key never hit
 * is evicted on the hand's first pass. Same in both eviction modes.
 */
import { growUint8, type EvictionPolicy, type PolicyContext } from './policy-types';
import { SlotList } from './slot-list';

class ClockPolicy implements EvictionPolicy {
  readonly id = 'clock';
  readonly scope = 'all';
  private ring: SlotList;
  /** Reference bit per slot. */
  private referenced: Uint8Array;

  constructor(ctx: PolicyContext) {
    this.ring = new SlotList(ctx.initialSlots);
    this.referenced = new Uint8Array(ctx.initialSlots);
  }

  ensureCapacity(slots: number): void {
    this.ring.ensureCapacity(slots);
    this.referenced = growUint8(this.referenced, slots);
  }

  onInsert(slot: number): void {
    this.referenced[slot] = 0;
    this.ring.pushFront(slot);
  }

  onAccess(slot: number): void {
    this.referenced[slot] = 1;
  }

  onExpiryChange(): void {
    // Every key is a candidate whatever its TTL.
  }

  onRemove(slot: number): void {
    this.ring.unlink(slot);
  }

  chooseVictim(): number {
    const ring = this.ring;
    let slot = ring.tail;
    // Terminates: each pass clears a bit, so within one turn the hand meets a clear one.
    while (this.referenced[slot] === 1) {
      this.referenced[slot] = 0;
      ring.moveToFront(slot);
      slot = ring.tail;
    }
    return slot;
  }

  inspect(slot: number): number {
    return this.referenced[slot] ?? 0;
  }

  reset(): void {
    this.ring.clear();
  }

  clone(ctx: PolicyContext): EvictionPolicy {
    const c = new ClockPolicy(ctx);
    c.ring = this.ring.clone();
    c.referenced = this.referenced.slice();
    return c;
  }
}

export function createClockPolicy(ctx: PolicyContext): EvictionPolicy {
  return new ClockPolicy(ctx);
}
