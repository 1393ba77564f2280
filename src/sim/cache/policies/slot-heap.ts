/**
 * An indexed binary min-heap of slots by a per-slot priority (a number it keeps itself): O(log n)
 * insert, reprioritise and remove-anywhere, O(1) peek at the slot with the smallest priority.
 * Used by OPT (priority = minus the position of the next request, so the top is the key needed
 * farthest ahead); volatile-ttl's exact mode keeps an equivalent heap on expiry of its own.
 */
import { growFloat64, growInt32 } from './policy-types';

const NIL = -1;

export class SlotHeap {
  private heap: Int32Array;
  /** Index of each slot in `heap`, or -1 when absent. */
  private pos: Int32Array;
  private priority: Float64Array;
  size = 0;

  constructor(slots: number) {
    this.heap = new Int32Array(slots);
    this.pos = new Int32Array(slots).fill(NIL);
    this.priority = new Float64Array(slots);
  }

  ensureCapacity(slots: number): void {
    this.heap = growInt32(this.heap, slots);
    this.pos = growInt32(this.pos, slots, NIL);
    this.priority = growFloat64(this.priority, slots);
  }

  /** The slot with the smallest priority, or -1 when empty. */
  get top(): number {
    return this.size > 0 ? (this.heap[0] ?? NIL) : NIL;
  }

  has(slot: number): boolean {
    return (this.pos[slot] ?? NIL) !== NIL;
  }

  priorityOf(slot: number): number {
    return this.priority[slot] ?? 0;
  }

  /** Inserts `slot`, or moves it, with a new priority. */
  set(slot: number, priority: number): void {
    const old = this.priority[slot] ?? 0;
    this.priority[slot] = priority;
    let i = this.pos[slot] ?? NIL;
    if (i === NIL) {
      i = this.size++;
      this.put(i, slot);
      this.siftUp(i);
    } else if (priority < old) {
      this.siftUp(i);
    } else {
      this.siftDown(i);
    }
  }

  remove(slot: number): void {
    const i = this.pos[slot] ?? NIL;
    if (i === NIL) return;
    this.pos[slot] = NIL;
    this.size--;
    if (i === this.size) return;
    const moved = this.heap[this.size] ?? 0;
    this.put(i, moved);
    this.siftUp(i);
    // If it did not move up it may have to move down.
    if (this.pos[moved] === i) this.siftDown(i);
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.pos[this.heap[i] ?? 0] = NIL;
    this.size = 0;
  }

  clone(): SlotHeap {
    const c = new SlotHeap(0);
    c.heap = this.heap.slice();
    c.pos = this.pos.slice();
    c.priority = this.priority.slice();
    c.size = this.size;
    return c;
  }

  /** Priority of the slot at heap index i. */
  private at(i: number): number {
    return this.priority[this.heap[i] ?? 0] ?? 0;
  }

  private put(i: number, slot: number): void {
    this.heap[i] = slot;
    this.pos[slot] = i;
  }

  private siftUp(start: number): void {
    const slot = this.heap[start] ?? 0;
    const p = this.priority[slot] ?? 0;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.at(parent) <= p) break;
      this.put(i, this.heap[parent] ?? 0);
      i = parent;
    }
    this.put(i, slot);
  }

  private siftDown(start: number): void {
    const slot = this.heap[start] ?? 0;
    const p = this.priority[slot] ?? 0;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const child = r < this.size && this.at(r) < this.at(l) ? r : l;
      if (this.at(child) >= p) break;
      this.put(i, this.heap[child] ?? 0);
      i = child;
    }
    this.put(i, slot);
  }
}
