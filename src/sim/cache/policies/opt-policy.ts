/**
 * OPT (`opt`, not in Redis; Belady's MIN, 1966): evict the key whose next request is farthest in
 * the future, keys never requested again first. No policy that must admit every missed key (all
 * the others here) can score more hits on the same sequence, so OPT is the yardstick of a
 * miss-ratio study, not something a live cache can run.
 *
 * It needs the whole request sequence: `PolicyContext.futureKeys` (a trace runner passes its trace;
 * through the store, `CacheConfig.futureKeys`). The registry marks it `needsFuture`, and it is not in
 * POLICY_IDS, so scenarios and the engine never offer it. The policy follows the sequence with a
 * cursor: every request must reach it exactly once and in order, as a hit (`onAccess`) or as the
 * insert of a missed key (`beforeInsert`, or `onInsert` alone) — a read-through replay does exactly
 * that. A request out of step with the sequence throws, since every later decision would be wrong.
 *
 * The next request of each position is precomputed once (O(n)); resident keys sit in a heap by
 * next request (slot-heap.ts), so each request costs O(log capacity).
 */
import type { EvictionPolicy, PolicyContext, SlotTable } from './policy-types';
import { SlotHeap } from './slot-heap';

const NIL = -1;
/** "Never requested again": later than any position. */
const NEVER = 0x7fffffff;
/** Key ids below this get a direct array when precomputing next requests; larger ones a Map. */
const DIRECT_KEY_LIMIT = 1 << 22;

/**
 * For each position i of `keys`, the next position holding the same key, or NEVER.
 */
export function nextRequests(keys: Int32Array): Int32Array {
  const next = new Int32Array(keys.length);
  let maxKey = 0;
  for (const k of keys) if (k > maxKey) maxKey = k;
  if (maxKey < DIRECT_KEY_LIMIT) {
    const last = new Int32Array(maxKey + 1).fill(NEVER);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i] ?? 0;
      next[i] = last[k] ?? NEVER;
      last[k] = i;
    }
  } else {
    const last = new Map<number, number>();
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i] ?? 0;
      next[i] = last.get(k) ?? NEVER;
      last.set(k, i);
    }
  }
  return next;
}

class OptPolicy implements EvictionPolicy {
  readonly id = 'opt';
  readonly scope = 'all';
  private readonly table: SlotTable;
  private readonly future: Int32Array;
  private readonly nextOf: Int32Array;
  /** Position in `future` of the next request to arrive. */
  private cursor = 0;
  /** Resident slots by minus their next request position (never again: -Infinity): top = victim. */
  private heap: SlotHeap;
  /** The key whose request beforeInsert consumed, until onInsert places it. */
  private pendingKey = NIL;
  private pendingNext = NEVER;

  constructor(ctx: PolicyContext, future: Int32Array, nextOf: Int32Array) {
    this.table = ctx.table;
    this.future = future;
    this.nextOf = nextOf;
    this.heap = new SlotHeap(ctx.initialSlots);
  }

  ensureCapacity(slots: number): void {
    this.heap.ensureCapacity(slots);
  }

  beforeInsert(key: number): void {
    this.pendingNext = this.advance(key);
    this.pendingKey = key;
  }

  onInsert(slot: number): void {
    const key = this.table.keyOf[slot] ?? NIL;
    this.place(slot, key === this.pendingKey ? this.pendingNext : this.advance(key));
    this.pendingKey = NIL;
  }

  onAccess(slot: number): void {
    this.place(slot, this.advance(this.table.keyOf[slot] ?? NIL));
  }

  onExpiryChange(): void {
    // Every key is a candidate whatever its TTL.
  }

  onRemove(slot: number): void {
    this.heap.remove(slot);
  }

  chooseVictim(): number {
    return this.heap.top;
  }

  /** Position of the slot's next request, Infinity when never. */
  inspect(slot: number): number {
    return -this.heap.priorityOf(slot);
  }

  reset(): void {
    // The cache is emptied; the request sequence goes on where it was.
    this.heap.clear();
    this.pendingKey = NIL;
  }

  clone(ctx: PolicyContext): EvictionPolicy {
    const c = new OptPolicy(ctx, this.future, this.nextOf);
    c.cursor = this.cursor;
    c.heap = this.heap.clone();
    c.pendingKey = this.pendingKey;
    c.pendingNext = this.pendingNext;
    return c;
  }

  private place(slot: number, next: number): void {
    this.heap.set(slot, next === NEVER ? -Infinity : -next);
  }

  /** Consumes the request for `key`; returns the position of its next request. */
  private advance(key: number): number {
    const at = this.cursor;
    if (at >= this.future.length || this.future[at] !== key) {
      const expected = at < this.future.length ? `key ${this.future[at] ?? NIL}` : 'the end';
      throw new Error(
        `opt: request ${at} is for key ${key}, but the future sequence has ${expected}`,
      );
    }
    this.cursor = at + 1;
    return this.nextOf[at] ?? NEVER;
  }
}

/**
 * Builds OPT for a store or trace runner that supplies `ctx.futureKeys`. Throws without it: a live
 * run has no future to read.
 */
export function createOptPolicy(ctx: PolicyContext): EvictionPolicy {
  const future = ctx.futureKeys;
  if (future === undefined)
    throw new Error('opt needs the future request sequence (PolicyContext.futureKeys)');
  return new OptPolicy(ctx, future, nextRequests(future));
}
