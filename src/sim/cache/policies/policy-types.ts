/**
 * The one tiny interface every eviction policy implements (in the spirit of Caffeine's simulator
 * and libCacheSim). A policy never owns keys or values: the store owns *slots* (dense indices into
 * its typed arrays) and tells the policy what happened to them; the policy keeps its own per-slot
 * metadata (list links, counters, ...) and answers "which slot should go next?".
 */
import type { Rng } from '../../rng';
import type { AnyPolicyId, EvictionMode } from '../cache-types';

/**
 * Read-only view of the store's slot arrays that policies may consult. The store replaces the
 * arrays when it grows, so policies must read them through this object, never cache them.
 */
export interface SlotTable {
  /** Absolute expiry per slot in simulated ms; Infinity when the key has no TTL. */
  readonly expiresAtMs: Float64Array;
  /** Key id held by each slot (meaningful only for live slots). */
  readonly keyOf: Int32Array;
  /** 1 when the slot holds a key, 0 when it is on the free list. */
  readonly live: Uint8Array;
}

/** Which keys a policy may evict: every key, only keys with a TTL, or none (noeviction). */
export type EvictionScope = 'all' | 'volatile' | 'none';

export interface PolicyContext {
  readonly table: SlotTable;
  /** Seeded stream for random picks, sampling and LFU's probabilistic increments. */
  readonly rng: Rng;
  readonly mode: EvictionMode;
  /** Initial number of slots; `ensureCapacity` is called before any larger slot is used. */
  readonly initialSlots: number;
  /**
   * The store's capacity in keys (null or absent: not bounded by a key count). Policies that split
   * the cache into queues of fixed shares (S3-FIFO, ARC, 2Q, W-TinyLFU) size them from it; without
   * it they plan for the most keys the cache has held so far (`key-capacity.ts`).
   */
  readonly capacityKeys?: number | null;
  /**
   * Every key that will be requested, in request order. Only a trace runner knows it; offline
   * policies (Belady's OPT, `needsFuture` in the registry) cannot run without it.
   */
  readonly futureKeys?: Int32Array;
}

/**
 * Call order guaranteed by the store:
 * - `beforeInsert` when a SET is about to create a key that is not held (absent or expired),
 *   before any `chooseVictim` made for it; the write may still be refused (OOM), and then no
 *   `onInsert` follows;
 * - `onInsert` after the slot's key and expiry are written;
 * - `onAccess` on a GET hit and on a SET that overwrites a live key (Redis touches the key);
 * - `onExpiryChange` after an overwrite changed the slot's expiry (TTL added, removed or moved);
 * - `onRemove` before the slot is freed (DEL, expiry, eviction, overwrite by a SET that evicted
 *   the key itself);
 * - `chooseVictim` only while at least one slot is live. It returns a live slot in this policy's
 *   scope, or -1 when there is none. It must not modify the store; the store then removes the slot
 *   (calling `onRemove`).
 */
export interface EvictionPolicy {
  readonly id: AnyPolicyId;
  readonly scope: EvictionScope;
  ensureCapacity(slots: number): void;
  /**
   * A SET is about to create `key` (a miss being filled). Optional: for policies whose choice of
   * victim, or whose placement of the new key, depends on the incoming key *before* the store
   * evicts for it — ARC's REPLACE asks whether the key is in ghost list B2 and adapts its target
   * first; 2Q looks the key up in A1out before reclaiming a slot (which may push it out of A1out);
   * W-TinyLFU counts the access before the admission duel; OPT reads the key's next use. The store
   * evicts before it inserts, so `onInsert` comes too late for these.
   */
  beforeInsert?(key: number, nowMs: number): void;
  onInsert(slot: number, nowMs: number): void;
  onAccess(slot: number, nowMs: number): void;
  onExpiryChange(slot: number, previousExpiresAtMs: number, nowMs: number): void;
  onRemove(slot: number): void;
  chooseVictim(nowMs: number): number;
  /**
   * The policy's per-key number for views and lessons (LFU: access count or Redis counter; LRU
   * redis mode: last access ms). Optional: policies without one omit it.
   */
  inspect?(slot: number, nowMs: number): number;
  /** Forget every slot (FLUSHALL / cold restart). */
  reset(): void;
  /**
   * An independent deep copy of this policy's state (for store checkpoints), bound to the
   * context of the store copy: its slot table and rng. `ctx.mode` is this policy's mode.
   */
  clone(ctx: PolicyContext): EvictionPolicy;
}

/** Builds a policy for one store. */
export type PolicyFactory = (ctx: PolicyContext) => EvictionPolicy;

/**
 * The context for an empty shell that `clone` then fills with copies of the original's state:
 * no slots, so the constructor allocates (almost) nothing that is thrown away.
 */
export function shellContext(ctx: PolicyContext): PolicyContext {
  return { ...ctx, initialSlots: 0 };
}

/** Grows a typed array to at least `n` elements, keeping its contents. */
export function growInt32(a: Int32Array, n: number, fill = 0): Int32Array {
  if (a.length >= n) return a;
  const b = new Int32Array(n);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

export function growFloat64(a: Float64Array, n: number): Float64Array {
  if (a.length >= n) return a;
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

export function growUint16(a: Uint16Array, n: number): Uint16Array {
  if (a.length >= n) return a;
  const b = new Uint16Array(n);
  b.set(a);
  return b;
}

export function growUint8(a: Uint8Array, n: number): Uint8Array {
  if (a.length >= n) return a;
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}

/** True when the slot's key has a TTL (the candidate set of the volatile-* policies). */
export function hasTtl(table: SlotTable, slot: number): boolean {
  return (table.expiresAtMs[slot] ?? Infinity) !== Infinity;
}
