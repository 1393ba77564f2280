/**
 * Random eviction (`allkeys-random`, `volatile-random`): a uniformly random candidate, picked in
 * O(1) from a dense candidate array. Redis does the same (a fair random key), so both eviction
 * modes share this implementation.
 */
import type { Rng } from '../../rng';
import type { PolicyId } from '../cache-types';
import { CandidateSet } from './candidate-set';
import {
  hasTtl,
  shellContext,
  type EvictionPolicy,
  type EvictionScope,
  type PolicyContext,
  type SlotTable,
} from './policy-types';

class RandomPolicy implements EvictionPolicy {
  private candidates: CandidateSet;
  private readonly table: SlotTable;
  private readonly rng: Rng;

  constructor(
    readonly id: PolicyId,
    readonly scope: EvictionScope,
    ctx: PolicyContext,
  ) {
    this.table = ctx.table;
    this.rng = ctx.rng;
    this.candidates = new CandidateSet(ctx.initialSlots);
  }

  ensureCapacity(slots: number): void {
    this.candidates.ensureCapacity(slots);
  }

  onInsert(slot: number): void {
    if (this.scope === 'all' || hasTtl(this.table, slot)) this.candidates.add(slot);
  }

  onAccess(): void {
    // Random eviction ignores accesses.
  }

  onExpiryChange(slot: number): void {
    if (this.scope === 'all') return;
    if (hasTtl(this.table, slot)) this.candidates.add(slot);
    else this.candidates.remove(slot);
  }

  onRemove(slot: number): void {
    this.candidates.remove(slot);
  }

  chooseVictim(): number {
    return this.candidates.size === 0 ? -1 : this.candidates.pick(this.rng);
  }

  reset(): void {
    this.candidates.clear();
  }

  clone(ctx: PolicyContext): EvictionPolicy {
    const c = new RandomPolicy(this.id, this.scope, shellContext(ctx));
    c.candidates = this.candidates.clone();
    return c;
  }
}

/** Factory for `allkeys-random` / `volatile-random` (same in both eviction modes). */
export function createRandomPolicy(
  id: 'allkeys-random' | 'volatile-random',
  ctx: PolicyContext,
): EvictionPolicy {
  return new RandomPolicy(id, id === 'allkeys-random' ? 'all' : 'volatile', ctx);
}
