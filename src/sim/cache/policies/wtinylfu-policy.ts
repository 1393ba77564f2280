/**
 * W-TinyLFU (`wtinylfu`, not in Redis; Einziger, Friedman & Manes, "TinyLFU: A Highly Efficient
 * Cache Admission Policy", ACM ToS 2017; the scheme of Caffeine's simulator) for a cache of c keys:
 * - a window LRU of 1% of c (at least one key) that every new key enters;
 * - the main space, a segmented LRU: protected (80% of the main space) and probation (the rest);
 * - a frequency sketch (frequency-sketch.ts) that counts every access, hit or miss.
 * A hit in the window or in protected moves the key to its list's MRU end; a hit in probation
 * promotes the key to protected's MRU end, and protected's LRU key, if protected is now over its
 * share, is demoted to probation's MRU end. When a new key makes the window overflow, the window's
 * LRU key (the candidate) leaves it: while the cache has room it goes to probation's MRU end; when
 * the cache is full it duels probation's LRU key (the victim): the candidate is admitted to
 * probation, and the victim evicted, only if the sketch estimates the candidate's frequency
 * greater than the victim's; otherwise the candidate is evicted. (With probation empty there is
 * nobody to duel and the candidate is evicted.)
 *
 * Mapping onto the store, which evicts before it inserts: `beforeInsert` counts the new key's
 * access, `chooseVictim` runs the duel for the window's LRU key when the window is full (the new
 * key will push it out), and `onInsert` puts the new key in the window. If the window has room
 * while the cache is full (after DELs), the victim comes from the main space (probation, then
 * protected). Same in both eviction modes.
 */
import { FrequencySketch } from './frequency-sketch';
import { KeyCapacity } from './key-capacity';
import type { EvictionPolicy, PolicyContext, SlotTable } from './policy-types';
import { SlotList } from './slot-list';

/** The admission window's share of the capacity, in percent (at least one key). */
export const WTINYLFU_WINDOW_PCT = 1;
/** Protected's share of the main space, in percent. */
export const WTINYLFU_PROTECTED_PCT = 80;

const NIL = -1;

class WTinyLfuPolicy implements EvictionPolicy {
  readonly id = 'wtinylfu';
  readonly scope = 'all';
  private readonly table: SlotTable;
  private window: SlotList;
  private probation: SlotList;
  private protected: SlotList;
  private sketch: FrequencySketch;
  private capacity: KeyCapacity;
  private windowLimit = 1;
  private protectedLimit = 0;
  /** The key counted by beforeInsert, until onInsert places it. */
  private pendingKey = NIL;

  constructor(ctx: PolicyContext) {
    this.table = ctx.table;
    this.window = new SlotList(ctx.initialSlots);
    this.probation = new SlotList(ctx.initialSlots);
    this.protected = new SlotList(ctx.initialSlots);
    this.capacity = new KeyCapacity(ctx);
    this.sketch = new FrequencySketch(this.capacity.value);
    this.resize();
  }

  ensureCapacity(slots: number): void {
    this.window.ensureCapacity(slots);
    this.probation.ensureCapacity(slots);
    this.protected.ensureCapacity(slots);
  }

  beforeInsert(key: number): void {
    this.sketch.increment(key);
    this.pendingKey = key;
  }

  onInsert(slot: number): void {
    const key = this.table.keyOf[slot] ?? NIL;
    // Without a matching beforeInsert (an overwrite that evicted its own key) count it now.
    if (key !== this.pendingKey) this.sketch.increment(key);
    this.pendingKey = NIL;
    const window = this.window;
    window.pushFront(slot);
    if (window.size > this.windowLimit) {
      // The cache had room: the candidate enters probation without a duel.
      const candidate = window.tail;
      window.unlink(candidate);
      this.probation.pushFront(candidate);
    }
    if (this.capacity.observe(window.size + this.probation.size + this.protected.size)) {
      this.resize();
      this.sketch.resize(this.capacity.value);
    }
  }

  onAccess(slot: number): void {
    this.sketch.increment(this.table.keyOf[slot] ?? NIL);
    if (this.window.has(slot)) {
      this.window.moveToFront(slot);
    } else if (this.probation.has(slot)) {
      this.probation.unlink(slot);
      this.protected.pushFront(slot);
      if (this.protected.size > this.protectedLimit) {
        const demoted = this.protected.tail;
        this.protected.unlink(demoted);
        this.probation.pushFront(demoted);
      }
    } else {
      this.protected.moveToFront(slot);
    }
  }

  onExpiryChange(): void {
    // Every key is a candidate whatever its TTL.
  }

  onRemove(slot: number): void {
    // A victim was already unlinked by chooseVictim.
    if (this.window.has(slot)) this.window.unlink(slot);
    else if (this.probation.has(slot)) this.probation.unlink(slot);
    else if (this.protected.has(slot)) this.protected.unlink(slot);
  }

  chooseVictim(): number {
    const { window, probation } = this;
    if (window.size >= this.windowLimit && window.size > 0) {
      const candidate = window.tail;
      window.unlink(candidate);
      const victim = probation.tail;
      if (victim === NIL || !this.admits(candidate, victim)) return candidate;
      probation.unlink(victim);
      probation.pushFront(candidate);
      return victim;
    }
    const list = probation.size > 0 ? probation : this.protected.size > 0 ? this.protected : window;
    const slot = list.tail;
    list.unlink(slot);
    return slot;
  }

  inspect(slot: number): number {
    return this.sketch.estimate(this.table.keyOf[slot] ?? NIL);
  }

  reset(): void {
    this.window.clear();
    this.probation.clear();
    this.protected.clear();
    this.sketch.clear();
    this.pendingKey = NIL;
  }

  clone(ctx: PolicyContext): EvictionPolicy {
    const c = new WTinyLfuPolicy(ctx);
    c.window = this.window.clone();
    c.probation = this.probation.clone();
    c.protected = this.protected.clone();
    c.sketch = this.sketch.clone();
    c.capacity.value = this.capacity.value;
    c.resize();
    c.pendingKey = this.pendingKey;
    return c;
  }

  /** TinyLFU's admission: the candidate must be estimated strictly more frequent. */
  private admits(candidate: number, victim: number): boolean {
    const keyOf = this.table.keyOf;
    return (
      this.sketch.estimate(keyOf[candidate] ?? NIL) > this.sketch.estimate(keyOf[victim] ?? NIL)
    );
  }

  private resize(): void {
    const c = this.capacity.value;
    this.windowLimit = Math.max(1, Math.floor((c * WTINYLFU_WINDOW_PCT) / 100));
    const main = Math.max(0, c - this.windowLimit);
    this.protectedLimit = Math.floor((main * WTINYLFU_PROTECTED_PCT) / 100);
  }
}

export function createWTinyLfuPolicy(ctx: PolicyContext): EvictionPolicy {
  return new WTinyLfuPolicy(ctx);
}
