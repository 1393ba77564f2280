/**
 * S3-FIFO (`s3fifo`, not in Redis; Yang et al., "FIFO queues are all you need for cache eviction",
 * SOSP'23): three FIFO queues.
 * - small S (10% of the capacity) takes new keys; main M (the other 90%) takes keys that proved
 *   themselves; ghost G remembers the keys of entries evicted from S (no values), as many as M
 *   holds.
 * - Each key has a 2-bit frequency: 0 on insert, +1 per hit, capped at 3. Hits move nothing.
 * - A new key goes to the head of M when it is in G (and leaves G), else to the head of S. As in
 *   the paper's INSERT, G is consulted after the evictions made for the new key.
 * - Eviction takes from S when S holds at least its share (or M is empty), else from M:
 *   - from S: the tail entry moves to M's head when it was hit at least twice while in S
 *     (frequency > 1; it enters M with frequency 0), and the next tail is examined; otherwise its
 *     key goes to G (dropping G's oldest key beyond its bound) and the entry is evicted. If every
 *     entry of S moved to M, the eviction continues in M.
 *   - from M: an entry with frequency > 0 goes back to M's head with frequency - 1; the first one
 *     at 0 is evicted.
 * The paper's EVICTS also evicts from M when a promotion fills M; here, as in the authors'
 * libCacheSim, M may run over its share until the next eviction (which then takes from M), so
 * every eviction removes exactly one key, the unit the store asks for. Same in both eviction modes.
 */
import { GhostQueue } from './ghost-queue';
import { KeyCapacity } from './key-capacity';
import { growUint8, type EvictionPolicy, type PolicyContext, type SlotTable } from './policy-types';
import { SlotList } from './slot-list';

/** Share of the capacity given to the small queue, in percent (at least one key). */
export const S3FIFO_SMALL_PCT = 10;
/** Highest frequency (2 bits). */
export const S3FIFO_MAX_FREQ = 3;

class S3FifoPolicy implements EvictionPolicy {
  readonly id = 's3fifo';
  readonly scope = 'all';
  private readonly table: SlotTable;
  private small: SlotList;
  private main: SlotList;
  private freq: Uint8Array;
  private ghost: GhostQueue;
  private capacity: KeyCapacity;
  private smallTarget = 1;
  /** Ghost bound: the main queue's share. */
  private ghostLimit = 0;

  constructor(ctx: PolicyContext) {
    this.table = ctx.table;
    this.small = new SlotList(ctx.initialSlots);
    this.main = new SlotList(ctx.initialSlots);
    this.freq = new Uint8Array(ctx.initialSlots);
    this.capacity = new KeyCapacity(ctx);
    this.ghost = new GhostQueue(this.capacity.value);
    this.resize();
  }

  ensureCapacity(slots: number): void {
    this.small.ensureCapacity(slots);
    this.main.ensureCapacity(slots);
    this.freq = growUint8(this.freq, slots);
  }

  onInsert(slot: number): void {
    this.freq[slot] = 0;
    if (this.ghost.remove(this.table.keyOf[slot] ?? -1)) this.main.pushFront(slot);
    else this.small.pushFront(slot);
    if (this.capacity.observe(this.small.size + this.main.size)) this.resize();
  }

  onAccess(slot: number): void {
    const f = this.freq[slot] ?? 0;
    if (f < S3FIFO_MAX_FREQ) this.freq[slot] = f + 1;
  }

  onExpiryChange(): void {
    // Every key is a candidate whatever its TTL.
  }

  onRemove(slot: number): void {
    // A victim was already unlinked by chooseVictim; a DEL or expiry leaves no ghost.
    if (this.small.has(slot)) this.small.unlink(slot);
    else if (this.main.has(slot)) this.main.unlink(slot);
  }

  chooseVictim(): number {
    const { small, main, freq } = this;
    if (small.size > 0 && (small.size >= this.smallTarget || main.size === 0)) {
      while (small.size > 0) {
        const slot = small.tail;
        small.unlink(slot);
        if ((freq[slot] ?? 0) > 1) {
          freq[slot] = 0;
          main.pushFront(slot);
        } else {
          this.remember(this.table.keyOf[slot] ?? -1);
          return slot;
        }
      }
    }
    // Terminates: each reinsertion lowers a frequency, so within 4 turns one entry is at 0.
    for (;;) {
      const slot = main.tail;
      const f = freq[slot] ?? 0;
      if (f === 0) {
        main.unlink(slot);
        return slot;
      }
      freq[slot] = f - 1;
      main.moveToFront(slot);
    }
  }

  inspect(slot: number): number {
    return this.freq[slot] ?? 0;
  }

  reset(): void {
    this.small.clear();
    this.main.clear();
    this.ghost.clear();
  }

  clone(ctx: PolicyContext): EvictionPolicy {
    const c = new S3FifoPolicy(ctx);
    c.small = this.small.clone();
    c.main = this.main.clone();
    c.freq = this.freq.slice();
    c.ghost = this.ghost.clone();
    c.capacity.value = this.capacity.value;
    c.resize();
    return c;
  }

  private remember(key: number): void {
    if (this.ghostLimit === 0) return;
    this.ghost.pushFront(key);
    if (this.ghost.size > this.ghostLimit) this.ghost.popBack();
  }

  private resize(): void {
    const c = this.capacity.value;
    this.smallTarget = Math.max(1, Math.floor((c * S3FIFO_SMALL_PCT) / 100));
    this.ghostLimit = Math.max(0, c - this.smallTarget);
  }
}

export function createS3FifoPolicy(ctx: PolicyContext): EvictionPolicy {
  return new S3FifoPolicy(ctx);
}
