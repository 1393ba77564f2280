/**
 * 2Q (`2q`, not in Redis; Johnson & Shasha, "2Q: A Low Overhead High Performance Buffer Management
 * Replacement Algorithm", VLDB'94), the full version, for a cache of c keys:
 * - A1in: a FIFO of keys seen once (resident), with threshold Kin = 25% of c;
 * - A1out: a FIFO of the keys paged out of A1in (keys only), at most Kout = 50% of c;
 * - Am: an LRU of keys seen again after leaving A1in (resident).
 * A request for X: in Am, move X to Am's head; in A1in, do nothing (a correlated reference);
 * in A1out, reclaimfor(X) and put X at Am's head; anywhere else, reclaimfor(X) and put X at
 * A1in's head. reclaimfor(X), when there is no free slot: if |A1in| > Kin, page out A1in's tail Y
 * and put Y's key at A1out's head (dropping A1out's tail beyond Kout); else page out Am's tail
 * (not remembered: it has not been used for a while).
 *
 * Mapping onto the store: the A1out lookup for X happens in `beforeInsert`, before reclaimfor,
 * since reclaimfor may push X's key out of A1out; each `chooseVictim` is one reclaimfor; `onInsert`
 * places X. As in the paper's pseudocode, X's key stays in A1out when X moves to Am (it ages out
 * of A1out as usual). One addition: when Am is empty, reclaimfor pages out of A1in even within its
 * threshold (the paper's "page out the tail of Am" has nothing to take: small caches, or after
 * DELs). Same in both eviction modes.
 */
import { GhostQueue } from './ghost-queue';
import { KeyCapacity } from './key-capacity';
import type { EvictionPolicy, PolicyContext, SlotTable } from './policy-types';
import { SlotList } from './slot-list';

/** Kin, as a percentage of the capacity (at least one key). */
export const TWO_Q_KIN_PCT = 25;
/** Kout, as a percentage of the capacity (at least one key). */
export const TWO_Q_KOUT_PCT = 50;

const NIL = -1;

class TwoQPolicy implements EvictionPolicy {
  readonly id = '2q';
  readonly scope = 'all';
  private readonly table: SlotTable;
  private a1in: SlotList;
  private am: SlotList;
  private a1out: GhostQueue;
  private capacity: KeyCapacity;
  private kin = 1;
  private kout = 1;
  /** The key announced by beforeInsert, and whether A1out held it then. */
  private pendingKey = NIL;
  private pendingInA1out = false;

  constructor(ctx: PolicyContext) {
    this.table = ctx.table;
    this.a1in = new SlotList(ctx.initialSlots);
    this.am = new SlotList(ctx.initialSlots);
    this.capacity = new KeyCapacity(ctx);
    this.a1out = new GhostQueue((this.capacity.value * TWO_Q_KOUT_PCT) / 100);
    this.resize();
  }

  ensureCapacity(slots: number): void {
    this.a1in.ensureCapacity(slots);
    this.am.ensureCapacity(slots);
  }

  beforeInsert(key: number): void {
    this.pendingKey = key;
    this.pendingInA1out = this.a1out.has(key);
  }

  onInsert(slot: number): void {
    const key = this.table.keyOf[slot] ?? NIL;
    const seenBefore = key === this.pendingKey ? this.pendingInA1out : this.a1out.has(key);
    if (seenBefore) this.am.pushFront(slot);
    else this.a1in.pushFront(slot);
    this.pendingKey = NIL;
    if (this.capacity.observe(this.a1in.size + this.am.size)) this.resize();
  }

  onAccess(slot: number): void {
    // A hit in A1in is a correlated reference: nothing moves.
    if (this.am.has(slot)) this.am.moveToFront(slot);
  }

  onExpiryChange(): void {
    // Every key is a candidate whatever its TTL.
  }

  onRemove(slot: number): void {
    // A victim was already unlinked by chooseVictim; a DEL or expiry leaves no ghost.
    if (this.a1in.has(slot)) this.a1in.unlink(slot);
    else if (this.am.has(slot)) this.am.unlink(slot);
  }

  /** reclaimfor(X). */
  chooseVictim(): number {
    if (this.a1in.size > this.kin || this.am.size === 0) {
      const slot = this.a1in.tail;
      this.a1in.unlink(slot);
      this.a1out.pushFront(this.table.keyOf[slot] ?? NIL);
      if (this.a1out.size > this.kout) this.a1out.popBack();
      return slot;
    }
    const slot = this.am.tail;
    this.am.unlink(slot);
    return slot;
  }

  reset(): void {
    this.a1in.clear();
    this.am.clear();
    this.a1out.clear();
    this.pendingKey = NIL;
  }

  clone(ctx: PolicyContext): EvictionPolicy {
    const c = new TwoQPolicy(ctx);
    c.a1in = this.a1in.clone();
    c.am = this.am.clone();
    c.a1out = this.a1out.clone();
    c.capacity.value = this.capacity.value;
    c.resize();
    c.pendingKey = this.pendingKey;
    c.pendingInA1out = this.pendingInA1out;
    return c;
  }

  private resize(): void {
    const c = this.capacity.value;
    this.kin = Math.max(1, Math.floor((c * TWO_Q_KIN_PCT) / 100));
    this.kout = Math.max(1, Math.floor((c * TWO_Q_KOUT_PCT) / 100));
  }
}

export function create2QPolicy(ctx: PolicyContext): EvictionPolicy {
  return new TwoQPolicy(ctx);
}
