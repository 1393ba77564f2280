/**
 * SIEVE (`sieve`, not in Redis; Zhang et al., "SIEVE is simpler than LRU", NSDI'24): a FIFO queue
 * with one visited bit per key and a hand.
 * - A hit sets the key's visited bit; nothing moves.
 * - A new key goes to the head (newest end) with the bit clear.
 * - To evict, the hand starts where it last stopped (at the tail, the oldest key, when it has no
 *   place) and walks toward the head, clearing visited bits, until it finds a key whose bit is
 *   clear; that key is evicted and the hand stays at its newer neighbour (past the head: no place,
 *   so the next walk starts again at the tail).
 * Unlike CLOCK, a key that survives keeps its place in the queue, so new keys, which sit between
 * the hand and the head, are examined soon. Same in both eviction modes.
 */
import { growUint8, type EvictionPolicy, type PolicyContext } from './policy-types';
import { SlotList } from './slot-list';

const NIL = -1;

class SievePolicy implements EvictionPolicy {
  readonly id = 'sieve';
  readonly scope = 'all';
  private queue: SlotList;
  private visited: Uint8Array;
  /** The slot the hand points at, or -1 (start from the tail). */
  private hand = NIL;

  constructor(ctx: PolicyContext) {
    this.queue = new SlotList(ctx.initialSlots);
    this.visited = new Uint8Array(ctx.initialSlots);
  }

  ensureCapacity(slots: number): void {
    this.queue.ensureCapacity(slots);
    this.visited = growUint8(this.visited, slots);
  }

  onInsert(slot: number): void {
    this.visited[slot] = 0;
    this.queue.pushFront(slot);
  }

  onAccess(slot: number): void {
    this.visited[slot] = 1;
  }

  onExpiryChange(): void {
    // Every key is a candidate whatever its TTL.
  }

  onRemove(slot: number): void {
    // A key removed under the hand (DEL, expiry, or the victim) hands it to its newer neighbour,
    // which is where an eviction leaves it.
    if (slot === this.hand) this.hand = this.queue.newer(slot);
    this.queue.unlink(slot);
  }

  chooseVictim(): number {
    const queue = this.queue;
    let slot = this.hand === NIL ? queue.tail : this.hand;
    while (this.visited[slot] === 1) {
      this.visited[slot] = 0;
      slot = queue.newer(slot);
      if (slot === NIL) slot = queue.tail;
    }
    // The store removes the victim next; onRemove moves the hand to its newer neighbour.
    this.hand = slot;
    return slot;
  }

  inspect(slot: number): number {
    return this.visited[slot] ?? 0;
  }

  reset(): void {
    this.queue.clear();
    this.hand = NIL;
  }

  clone(ctx: PolicyContext): EvictionPolicy {
    const c = new SievePolicy(ctx);
    c.queue = this.queue.clone();
    c.visited = this.visited.slice();
    c.hand = this.hand;
    return c;
  }
}

export function createSievePolicy(ctx: PolicyContext): EvictionPolicy {
  return new SievePolicy(ctx);
}
