/**
 * Key id -> slot index. Workload keys are dense small integers, so ids below DIRECT_LIMIT use a
 * directly indexed Int32Array (grown on demand); larger ids (the "unique" workload invents a new id
 * per read, up to ~10M) go to a Map so memory stays bounded by what is actually cached there.
 */

/** Ids below this are indexed directly: 4M ids = 16 MB at most. */
export const DIRECT_LIMIT = 1 << 22;
const INITIAL_DIRECT = 1 << 12;
const NIL = -1;

export class KeyIndex {
  private direct = new Int32Array(INITIAL_DIRECT).fill(NIL);
  private overflow = new Map<number, number>();

  /** Slot of `key`, or -1. */
  get(key: number): number {
    if (key < this.direct.length) return this.direct[key] ?? NIL;
    if (key < DIRECT_LIMIT) return NIL;
    return this.overflow.get(key) ?? NIL;
  }

  set(key: number, slot: number): void {
    if (key < DIRECT_LIMIT) {
      if (key >= this.direct.length) this.grow(key);
      this.direct[key] = slot;
    } else {
      this.overflow.set(key, slot);
    }
  }

  delete(key: number): void {
    if (key < this.direct.length) this.direct[key] = NIL;
    else if (key >= DIRECT_LIMIT) this.overflow.delete(key);
  }

  /** Room for the ids below `keys` without growing on the way (a warm start's dense keys). */
  reserve(keys: number): void {
    if (keys > this.direct.length && keys > 0) this.grow(Math.min(keys, DIRECT_LIMIT) - 1);
  }

  clear(): void {
    this.direct.fill(NIL);
    this.overflow.clear();
  }

  /** An independent copy (for store checkpoints). */
  clone(): KeyIndex {
    const c = new KeyIndex();
    c.direct = this.direct.slice();
    c.overflow = new Map(this.overflow);
    return c;
  }

  private grow(key: number): void {
    let n = this.direct.length;
    while (n <= key) n *= 2;
    const d = new Int32Array(Math.min(n, DIRECT_LIMIT)).fill(NIL);
    d.set(this.direct);
    this.direct = d;
  }
}
