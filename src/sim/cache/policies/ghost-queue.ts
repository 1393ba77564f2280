/**
 * Ghost entries: a queue of key ids without values (ARC's B1 and B2, 2Q's A1out, S3-FIFO's ghost
 * FIFO). A ghost has no slot in the store, so it is found by key id: an open-addressing hash table
 * (linear probing, backward-shift deletion, so no tombstones) maps a key to its node. Nodes are
 * dense indices recycled through a free list and kept in queue order by a SlotList. Everything
 * grows by doubling and nothing is allocated per operation once grown, so memory follows the most
 * ghosts held at once, which each policy bounds by its capacity. Head = newest, tail = oldest.
 */
import { growInt32 } from './policy-types';
import { SlotList } from './slot-list';

const NIL = -1;
/** 2^32 / golden ratio: Fibonacci hashing spreads consecutive key ids over the table. */
const HASH_MULTIPLIER = 0x9e3779b1;
const MIN_NODES = 8;

export class GhostQueue {
  /** Queue order of the nodes. */
  private order: SlotList;
  private keyOf: Int32Array;
  private freeNodes: Int32Array;
  private freeCount = 0;
  /** Nodes [0, highWater) have been handed out at least once. */
  private highWater = 0;
  /** Node index per hash bucket, or -1; twice as many buckets as nodes (load <= 1/2). */
  private table: Int32Array;
  /** 32 - log2(table length): the hash keeps the top bits of the product. */
  private shift: number;

  constructor(initialEntries: number) {
    let n = MIN_NODES;
    while (n < initialEntries) n *= 2;
    this.order = new SlotList(n);
    this.keyOf = new Int32Array(n);
    this.freeNodes = new Int32Array(n);
    this.table = new Int32Array(2 * n).fill(NIL);
    this.shift = 32 - Math.log2(2 * n);
  }

  get size(): number {
    return this.order.size;
  }

  has(key: number): boolean {
    return this.bucketOf(key) !== NIL;
  }

  /** Adds `key`, which must not be present, as the newest ghost. */
  pushFront(key: number): void {
    if (this.order.size === this.keyOf.length) this.grow();
    const node = this.freeCount > 0 ? (this.freeNodes[--this.freeCount] ?? 0) : this.highWater++;
    this.keyOf[node] = key;
    this.order.pushFront(node);
    this.place(node);
  }

  /** Removes and returns the oldest key, or -1 when empty. */
  popBack(): number {
    const node = this.order.tail;
    if (node === NIL) return NIL;
    const key = this.keyOf[node] ?? NIL;
    this.removeNode(node, this.bucketOf(key));
    return key;
  }

  /** Removes `key`; false when it was not a ghost. */
  remove(key: number): boolean {
    const bucket = this.bucketOf(key);
    if (bucket === NIL) return false;
    this.removeNode(this.table[bucket] ?? NIL, bucket);
    return true;
  }

  clear(): void {
    this.order.clear();
    this.table.fill(NIL);
    this.freeCount = 0;
    this.highWater = 0;
  }

  /** Keys from newest to oldest (for views and tests; allocates). */
  toArray(): number[] {
    const out: number[] = [];
    for (let node = this.order.head; node !== NIL; node = this.order.older(node))
      out.push(this.keyOf[node] ?? NIL);
    return out;
  }

  /** An independent copy (for policy checkpoints). */
  clone(): GhostQueue {
    const c = new GhostQueue(0);
    c.order = this.order.clone();
    c.keyOf = this.keyOf.slice();
    c.freeNodes = this.freeNodes.slice();
    c.freeCount = this.freeCount;
    c.highWater = this.highWater;
    c.table = this.table.slice();
    c.shift = this.shift;
    return c;
  }

  private home(key: number): number {
    return Math.imul(key, HASH_MULTIPLIER) >>> this.shift;
  }

  /** Bucket holding `key`, or -1. */
  private bucketOf(key: number): number {
    const mask = this.table.length - 1;
    for (let i = this.home(key); ; i = (i + 1) & mask) {
      const node = this.table[i] ?? NIL;
      if (node === NIL) return NIL;
      if (this.keyOf[node] === key) return i;
    }
  }

  private place(node: number): void {
    const mask = this.table.length - 1;
    let i = this.home(this.keyOf[node] ?? 0);
    while (this.table[i] !== NIL) i = (i + 1) & mask;
    this.table[i] = node;
  }

  private removeNode(node: number, bucket: number): void {
    this.order.unlink(node);
    this.freeNodes[this.freeCount++] = node;
    this.unplace(bucket);
  }

  /**
   * Empties `bucket`, then walks the probe run after it and moves back every entry whose home
   * bucket does not lie cyclically in (hole, j], so that every lookup still finds its key before
   * meeting an empty bucket.
   */
  private unplace(bucket: number): void {
    const mask = this.table.length - 1;
    let hole = bucket;
    for (let j = (bucket + 1) & mask; ; j = (j + 1) & mask) {
      const node = this.table[j] ?? NIL;
      if (node === NIL) break;
      const h = this.home(this.keyOf[node] ?? 0);
      const stays = hole < j ? h > hole && h <= j : h > hole || h <= j;
      if (!stays) {
        this.table[hole] = node;
        hole = j;
      }
    }
    this.table[hole] = NIL;
  }

  private grow(): void {
    const n = this.keyOf.length * 2;
    this.order.ensureCapacity(n);
    this.keyOf = growInt32(this.keyOf, n);
    this.freeNodes = growInt32(this.freeNodes, n);
    this.table = new Int32Array(2 * n).fill(NIL);
    this.shift = 32 - Math.log2(2 * n);
    for (let node = this.order.head; node !== NIL; node = this.order.older(node)) this.place(node);
  }
}
