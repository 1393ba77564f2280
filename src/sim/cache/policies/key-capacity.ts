/**
 * The key capacity that queue-splitting policies (S3-FIFO, ARC, 2Q, W-TinyLFU) size their queues
 * and ghost lists by. With `capacityKeys` set it is that number. Without it (a cache bounded by
 * bytes only, or unbounded) nobody knows how many keys will fit, so the capacity is *learned*: the
 * most keys the cache has held so far. It then only grows, so every bound derived from it (ghost
 * lists, shares) stays bounded by the largest cache the run has seen.
 */
import type { PolicyContext } from './policy-types';

export class KeyCapacity {
  /** Current capacity in keys (0 until a learning capacity has seen a key). */
  value: number;
  /** True when the capacity is learned from the number of resident keys. */
  readonly learns: boolean;

  constructor(ctx: PolicyContext) {
    const c = ctx.capacityKeys;
    this.learns = c === undefined || c === null || !Number.isFinite(c) || c <= 0;
    this.value = this.learns ? 0 : Math.floor(c ?? 0);
  }

  /** Records that `resident` keys are held; true when a learning capacity grew. */
  observe(resident: number): boolean {
    if (!this.learns || resident <= this.value) return false;
    this.value = resident;
    return true;
  }
}
