/**
 * ARC (`arc`, not in Redis; Megiddo & Modha, "ARC: A Self-Tuning, Low Overhead Replacement
 * Cache", FAST'03) for a cache of c keys:
 * - T1 holds keys seen once recently, T2 keys seen at least twice (both LRU, resident);
 * - B1 and B2 are ghost LRU lists of keys recently evicted from T1 and T2 (keys only);
 * - p, the target size of T1, moves toward whichever ghost list is being hit.
 *
 * The paper's cases, for a request of key x:
 * - I, x in T1 or T2 (a hit): move x to the MRU end of T2.
 * - II, x in B1: p = min(p + d1, c), d1 = 1 if |B1| >= |B2| else |B2| / |B1|; REPLACE;
 *   move x to the MRU end of T2.
 * - III, x in B2: p = max(p - d2, 0), d2 = 1 if |B2| >= |B1| else |B1| / |B2|; REPLACE;
 *   move x to the MRU end of T2.
 * - IV, x nowhere: (A) if |T1| + |B1| = c: if |T1| < c drop B1's LRU key and REPLACE, else drop
 *   T1's LRU key from the cache (no ghost); (B) else if |T1| + |B1| + |T2| + |B2| >= c: drop B2's
 *   LRU key when the total is 2c, and REPLACE. Then put x at the MRU end of T1.
 * - REPLACE: if |T1| >= 1 and ((x in B2 and |T1| = p) or |T1| > p), move T1's LRU key to B1's
 *   MRU end (evicting it), else move T2's LRU key to B2's MRU end.
 *
 * Mapping onto the store: `beforeInsert(x)` runs the case analysis (adapt p, trim the ghosts) and
 * remembers x; each `chooseVictim` is a REPLACE for x (or IV-A's drop); `onInsert` places x. The
 * paper's invariants make "REPLACE" and "the cache is full" the same thing; when DEL or expiry
 * left room, the store asks for no victim and none is taken. p is a real number, as in the paper.
 * Same in both eviction modes.
 */
import { GhostQueue } from './ghost-queue';
import { KeyCapacity } from './key-capacity';
import type { EvictionPolicy, PolicyContext, SlotTable } from './policy-types';
import { SlotList } from './slot-list';

const NIL = -1;
/** Where the pending key was found by `beforeInsert`. */
const NOWHERE = 0;
const IN_B1 = 1;
const IN_B2 = 2;

/** ARC's policy object, with its adaptive target exposed for views, lessons and tests. */
export interface ArcPolicy extends EvictionPolicy {
  /** p: the target size of T1 in keys, between 0 and c. */
  readonly target: number;
  /** Sizes of T1, T2, B1, B2. */
  listSizes(): { t1: number; t2: number; b1: number; b2: number };
}

class ArcPolicyImpl implements ArcPolicy {
  readonly id = 'arc';
  readonly scope = 'all';
  private readonly table: SlotTable;
  private t1: SlotList;
  private t2: SlotList;
  private b1: GhostQueue;
  private b2: GhostQueue;
  private capacity: KeyCapacity;
  target = 0;
  /** The key announced by beforeInsert, until onInsert places it. */
  private pendingKey = NIL;
  private pendingWhere = NOWHERE;
  /** Case IV-A with T1 full: the next eviction drops T1's LRU key without a ghost. */
  private dropT1 = false;

  constructor(ctx: PolicyContext) {
    this.table = ctx.table;
    this.t1 = new SlotList(ctx.initialSlots);
    this.t2 = new SlotList(ctx.initialSlots);
    this.capacity = new KeyCapacity(ctx);
    this.b1 = new GhostQueue(this.capacity.value);
    this.b2 = new GhostQueue(this.capacity.value);
  }

  ensureCapacity(slots: number): void {
    this.t1.ensureCapacity(slots);
    this.t2.ensureCapacity(slots);
  }

  beforeInsert(key: number): void {
    this.prepare(key);
  }

  onInsert(slot: number): void {
    const key = this.table.keyOf[slot] ?? NIL;
    // Without a matching beforeInsert (an overwrite that evicted its own key) classify x now.
    if (key !== this.pendingKey) this.prepare(key);
    if (this.pendingWhere === IN_B1) this.b1.remove(key);
    else if (this.pendingWhere === IN_B2) this.b2.remove(key);
    if (this.pendingWhere === NOWHERE) this.t1.pushFront(slot);
    else this.t2.pushFront(slot);
    this.pendingKey = NIL;
    this.pendingWhere = NOWHERE;
    this.dropT1 = false;
    this.capacity.observe(this.t1.size + this.t2.size);
  }

  onAccess(slot: number): void {
    if (this.t1.has(slot)) {
      this.t1.unlink(slot);
      this.t2.pushFront(slot);
    } else {
      this.t2.moveToFront(slot);
    }
  }

  onExpiryChange(): void {
    // Every key is a candidate whatever its TTL.
  }

  onRemove(slot: number): void {
    // A victim was already moved out by chooseVictim; a DEL or expiry leaves no ghost.
    if (this.t1.has(slot)) this.t1.unlink(slot);
    else if (this.t2.has(slot)) this.t2.unlink(slot);
  }

  chooseVictim(): number {
    const { t1, t2 } = this;
    if (this.dropT1 && t1.size > 0) {
      this.dropT1 = false;
      const slot = t1.tail;
      t1.unlink(slot);
      return slot;
    }
    // REPLACE(x, p).
    const n1 = t1.size;
    const fromT1 =
      n1 >= 1 && ((this.pendingWhere === IN_B2 && n1 === this.target) || n1 > this.target);
    if (fromT1 || t2.size === 0) {
      const slot = t1.tail;
      t1.unlink(slot);
      this.b1.pushFront(this.table.keyOf[slot] ?? NIL);
      return slot;
    }
    const slot = t2.tail;
    t2.unlink(slot);
    this.b2.pushFront(this.table.keyOf[slot] ?? NIL);
    return slot;
  }

  reset(): void {
    this.t1.clear();
    this.t2.clear();
    this.b1.clear();
    this.b2.clear();
    this.target = 0;
    this.pendingKey = NIL;
    this.pendingWhere = NOWHERE;
    this.dropT1 = false;
  }

  clone(ctx: PolicyContext): EvictionPolicy {
    const c = new ArcPolicyImpl(ctx);
    c.t1 = this.t1.clone();
    c.t2 = this.t2.clone();
    c.b1 = this.b1.clone();
    c.b2 = this.b2.clone();
    c.capacity.value = this.capacity.value;
    c.target = this.target;
    c.pendingKey = this.pendingKey;
    c.pendingWhere = this.pendingWhere;
    c.dropT1 = this.dropT1;
    return c;
  }

  listSizes(): { t1: number; t2: number; b1: number; b2: number } {
    return { t1: this.t1.size, t2: this.t2.size, b1: this.b1.size, b2: this.b2.size };
  }

  /** Cases II-IV up to (not including) REPLACE, for a key that is not resident. */
  private prepare(key: number): void {
    const c = this.capacity.value;
    const { b1, b2 } = this;
    this.pendingKey = key;
    this.dropT1 = false;
    if (b1.has(key)) {
      this.pendingWhere = IN_B1;
      const delta = b1.size >= b2.size ? 1 : b2.size / b1.size;
      this.target = Math.min(this.target + delta, c);
      return;
    }
    if (b2.has(key)) {
      this.pendingWhere = IN_B2;
      const delta = b2.size >= b1.size ? 1 : b1.size / b2.size;
      this.target = Math.max(this.target - delta, 0);
      return;
    }
    this.pendingWhere = NOWHERE;
    const l1 = this.t1.size + b1.size;
    if (l1 >= c) {
      if (this.t1.size < c) b1.popBack();
      else this.dropT1 = true;
    } else if (l1 + this.t2.size + b2.size >= 2 * c && b2.size > 0) {
      b2.popBack();
    }
  }
}

export function createArcPolicy(ctx: PolicyContext): ArcPolicy {
  return new ArcPolicyImpl(ctx);
}
