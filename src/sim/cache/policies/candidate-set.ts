/**
 * Dense set of slots with O(1) add, remove (swap with last) and uniform random pick. Random
 * eviction and Redis-style sampling both need "a uniformly random key of the candidate set".
 */
import type { Rng } from '../../rng';
import { growInt32 } from './policy-types';

export class CandidateSet {
  private members: Int32Array;
  /** Position of each slot in `members`, or -1 when absent. */
  private pos: Int32Array;
  size = 0;

  constructor(slots: number) {
    this.members = new Int32Array(slots);
    this.pos = new Int32Array(slots).fill(-1);
  }

  ensureCapacity(slots: number): void {
    this.members = growInt32(this.members, slots);
    this.pos = growInt32(this.pos, slots, -1);
  }

  has(slot: number): boolean {
    return (this.pos[slot] ?? -1) >= 0;
  }

  add(slot: number): void {
    if (this.has(slot)) return;
    this.members[this.size] = slot;
    this.pos[slot] = this.size;
    this.size++;
  }

  remove(slot: number): void {
    const i = this.pos[slot] ?? -1;
    if (i < 0) return;
    const last = this.members[--this.size] ?? 0;
    this.members[i] = last;
    this.pos[last] = i;
    this.pos[slot] = -1;
  }

  /** A uniformly random member; the set must not be empty. */
  pick(rng: Rng): number {
    return this.members[rng.int(this.size)] ?? -1;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.pos[this.members[i] ?? 0] = -1;
    this.size = 0;
  }

  /** An independent copy (for store checkpoints). */
  clone(): CandidateSet {
    const c = new CandidateSet(0);
    c.members = this.members.slice();
    c.pos = this.pos.slice();
    c.size = this.size;
    return c;
  }
}
