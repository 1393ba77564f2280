/**
 * Redis-style approximated eviction (the idea of Redis 7's evict.c, own code): each eviction
 * samples `samples` random keys from the candidate set, scores them (higher = better victim: idle
 * time for LRU, 255 - counter for LFU, nearness of expiry for volatile-ttl) and merges them into a
 * 16-entry pool kept across evictions, sorted by score. The victim is the best pool entry whose key
 * still exists in the candidate set; entries whose key vanished are dropped ("ghosts").
 * Scores are not refreshed while an entry waits in the pool, exactly like Redis.
 */
import type { Rng } from '../../rng';
import type { CandidateSet } from './candidate-set';
import type { SlotTable } from './policy-types';

/** EVPOOL_SIZE in Redis. */
export const EVICTION_POOL_SIZE = 16;

export class EvictionPool {
  /** Ascending by score; entries [0, count) are valid. */
  private readonly keys = new Int32Array(EVICTION_POOL_SIZE);
  private readonly slots = new Int32Array(EVICTION_POOL_SIZE);
  private readonly scores = new Float64Array(EVICTION_POOL_SIZE);
  private count = 0;

  constructor(
    private readonly table: SlotTable,
    private readonly samples: number,
    private readonly rng: Rng,
  ) {}

  /**
   * Samples candidates, merges them into the pool and returns the best existing one (removed from
   * the pool), or -1 when the candidate set is empty.
   */
  chooseVictim(candidates: CandidateSet, score: (slot: number) => number): number {
    const table = this.table;
    while (candidates.size > 0) {
      for (let s = 0; s < this.samples; s++) {
        const slot = candidates.pick(this.rng);
        this.insert(slot, table.keyOf[slot] ?? -1, score(slot));
      }
      // Walk from the best (right) end; drop ghosts, as Redis does when dictFind fails.
      for (let k = this.count - 1; k >= 0; k--) {
        const slot = this.slots[k] ?? -1;
        const key = this.keys[k] ?? -1;
        this.removeAt(k);
        if (table.live[slot] === 1 && table.keyOf[slot] === key && candidates.has(slot))
          return slot;
      }
    }
    return -1;
  }

  private insert(slot: number, key: number, score: number): void {
    const keys = this.keys;
    const slots = this.slots;
    const scores = this.scores;
    // Already pooled (sampling is with replacement): keep one entry, with the fresh score.
    for (let i = 0; i < this.count; i++) {
      if (keys[i] === key && slots[i] === slot) {
        this.removeAt(i);
        break;
      }
    }
    let k = 0;
    while (k < this.count && (scores[k] ?? 0) < score) k++;
    // Manual shifts: copyWithin costs more than it saves on 16 entries.
    if (this.count === EVICTION_POOL_SIZE) {
      // Full: a key worse than every pooled key is not worth keeping.
      if (k === 0) return;
      // Drop the worst (leftmost) entry and insert at k - 1.
      k--;
      for (let i = 0; i < k; i++) {
        keys[i] = keys[i + 1] ?? 0;
        slots[i] = slots[i + 1] ?? 0;
        scores[i] = scores[i + 1] ?? 0;
      }
    } else {
      for (let i = this.count; i > k; i--) {
        keys[i] = keys[i - 1] ?? 0;
        slots[i] = slots[i - 1] ?? 0;
        scores[i] = scores[i - 1] ?? 0;
      }
      this.count++;
    }
    keys[k] = key;
    slots[k] = slot;
    scores[k] = score;
  }

  private removeAt(k: number): void {
    const n = --this.count;
    for (let i = k; i < n; i++) {
      this.keys[i] = this.keys[i + 1] ?? 0;
      this.slots[i] = this.slots[i + 1] ?? 0;
      this.scores[i] = this.scores[i + 1] ?? 0;
    }
  }

  clear(): void {
    this.count = 0;
  }

  /** An independent copy with the same entries, reading `table` and drawing from `rng`. */
  clone(table: SlotTable, rng: Rng): EvictionPool {
    const c = new EvictionPool(table, this.samples, rng);
    c.keys.set(this.keys);
    c.slots.set(this.slots);
    c.scores.set(this.scores);
    c.count = this.count;
    return c;
  }
}
