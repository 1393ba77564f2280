/**
 * A bare driver for tests and benchmarks (not used by production code): feeds a key sequence to
 * one policy in the order the store uses — a hit calls `onAccess`; a miss calls `beforeInsert`,
 * then `chooseVictim` + `onRemove` while the cache is full, then `onInsert` — over a slot table of
 * its own, without values, TTLs or bytes. It reaches the policy object itself, which the store
 * hides (ARC's target, `clone`), and shows the shape of a trace runner's inner loop.
 */
import { createRng } from '../../rng';
import type { EvictionPolicy, PolicyContext } from './policy-types';

const NIL = -1;

export class PolicyDriver<P extends EvictionPolicy = EvictionPolicy> {
  readonly policy: P;
  private readonly ctx: PolicyContext;
  private readonly table: { expiresAtMs: Float64Array; keyOf: Int32Array; live: Uint8Array };
  /** Slot per key id (key ids must stay below `keys`). */
  private readonly slotOf: Int32Array;
  private readonly freeSlots: Int32Array;
  private freeCount: number;
  size = 0;

  /** `keys` bounds the key ids; `create` receives a context with `capacityKeys = capacity`. */
  constructor(
    create: (ctx: PolicyContext) => P,
    readonly capacity: number,
    readonly keys: number,
    futureKeys?: Int32Array,
  ) {
    this.table = {
      expiresAtMs: new Float64Array(capacity).fill(Infinity),
      keyOf: new Int32Array(capacity),
      live: new Uint8Array(capacity),
    };
    this.ctx = {
      table: this.table,
      rng: createRng(1),
      mode: { mode: 'exact' },
      initialSlots: capacity,
      capacityKeys: capacity,
      ...(futureKeys === undefined ? {} : { futureKeys }),
    };
    this.policy = create(this.ctx);
    this.slotOf = new Int32Array(keys).fill(NIL);
    this.freeSlots = Int32Array.from({ length: capacity }, (_, i) => capacity - 1 - i);
    this.freeCount = capacity;
  }

  /** One request, read-through: true on a hit. */
  access(key: number): boolean {
    const slot = this.slotOf[key] ?? NIL;
    if (slot !== NIL) {
      this.policy.onAccess(slot, 0);
      return true;
    }
    this.policy.beforeInsert?.(key, 0);
    while (this.size >= this.capacity) {
      const victim = this.policy.chooseVictim(0);
      this.policy.onRemove(victim);
      this.slotOf[this.table.keyOf[victim] ?? 0] = NIL;
      this.table.live[victim] = 0;
      this.freeSlots[this.freeCount++] = victim;
      this.size--;
    }
    const s = this.freeSlots[--this.freeCount] ?? 0;
    this.table.keyOf[s] = key;
    this.table.live[s] = 1;
    this.slotOf[key] = s;
    this.size++;
    this.policy.onInsert(s, 0);
    return false;
  }

  /** Replays `trace`; returns the number of hits. */
  run(trace: Int32Array, from = 0, to = trace.length): number {
    let hits = 0;
    for (let i = from; i < to; i++) if (this.access(trace[i] ?? 0)) hits++;
    return hits;
  }

  /** Keys held, sorted. */
  heldKeys(): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.keys; k++) if ((this.slotOf[k] ?? NIL) !== NIL) out.push(k);
    return out;
  }

  /** A driver with a copy of this one's table and `policy.clone` bound to it. */
  clone(): PolicyDriver {
    const source = this.policy;
    const copy = (ctx: PolicyContext): EvictionPolicy => source.clone(ctx);
    return new PolicyDriver(copy, this.capacity, this.keys).copyState(this);
  }

  private copyState(from: PolicyDriver): this {
    this.table.keyOf.set(from.table.keyOf);
    this.table.live.set(from.table.live);
    this.slotOf.set(from.slotOf);
    this.freeSlots.set(from.freeSlots);
    this.freeCount = from.freeCount;
    this.size = from.size;
    return this;
  }
}
