/**
 * Intrusive doubly linked list of slots over two Int32Arrays (O(1) push, unlink, move-to-front).
 * Head = most recently pushed, tail = oldest. Used by LRU (move on access) and FIFO (never moves),
 * and as the queues of CLOCK, SIEVE, S3-FIFO, ARC, 2Q and W-TinyLFU.
 */
import { growInt32 } from './policy-types';

const NIL = -1;

export class SlotList {
  private prev: Int32Array;
  private next: Int32Array;
  /** 1 while the slot is linked; lets callers ask "is it in the list?" in O(1). */
  private linked: Uint8Array;
  head = NIL;
  tail = NIL;
  size = 0;

  constructor(slots: number) {
    this.prev = new Int32Array(slots);
    this.next = new Int32Array(slots);
    this.linked = new Uint8Array(slots);
  }

  ensureCapacity(slots: number): void {
    this.prev = growInt32(this.prev, slots);
    this.next = growInt32(this.next, slots);
    if (this.linked.length < slots) {
      const l = new Uint8Array(slots);
      l.set(this.linked);
      this.linked = l;
    }
  }

  has(slot: number): boolean {
    return this.linked[slot] === 1;
  }

  /** The neighbour pushed after `slot` (toward the head), or -1 at the head. */
  newer(slot: number): number {
    return this.prev[slot] ?? NIL;
  }

  /** The neighbour pushed before `slot` (toward the tail), or -1 at the tail. */
  older(slot: number): number {
    return this.next[slot] ?? NIL;
  }

  pushFront(slot: number): void {
    const h = this.head;
    this.prev[slot] = NIL;
    this.next[slot] = h;
    if (h === NIL) this.tail = slot;
    else this.prev[h] = slot;
    this.head = slot;
    this.linked[slot] = 1;
    this.size++;
  }

  unlink(slot: number): void {
    const p = this.prev[slot] ?? NIL;
    const n = this.next[slot] ?? NIL;
    if (p === NIL) this.head = n;
    else this.next[p] = n;
    if (n === NIL) this.tail = p;
    else this.prev[n] = p;
    this.linked[slot] = 0;
    this.size--;
  }

  moveToFront(slot: number): void {
    if (this.head === slot) return;
    // Inline unlink + push: this is the LRU hot path.
    const p = this.prev[slot] ?? NIL;
    const n = this.next[slot] ?? NIL;
    this.next[p] = n; // p !== NIL because slot is not the head
    if (n === NIL) this.tail = p;
    else this.prev[n] = p;
    const h = this.head;
    this.prev[slot] = NIL;
    this.next[slot] = h;
    this.prev[h] = slot;
    this.head = slot;
  }

  clear(): void {
    this.head = NIL;
    this.tail = NIL;
    this.size = 0;
    this.linked.fill(0);
  }

  /** An independent copy (for store checkpoints). */
  clone(): SlotList {
    const c = new SlotList(0);
    c.prev = this.prev.slice();
    c.next = this.next.slice();
    c.linked = this.linked.slice();
    c.head = this.head;
    c.tail = this.tail;
    c.size = this.size;
    return c;
  }
}
