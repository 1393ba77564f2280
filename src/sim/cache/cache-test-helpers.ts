/**
 * Helpers shared by the cache tests (not used by production code): replay a key trace through a
 * store as a read-through cache and count hits.
 */
import { createRng, RNG_STREAM } from '../rng';
import { createPopularitySampler, type PopularitySpec } from '../workload/popularity';
import { createCacheStore } from './cache-store';
import type { AnyPolicyId, CacheStore, EvictionMode } from './cache-types';

/** A key trace drawn from a popularity distribution (deterministic for a seed). */
export function makeTrace(
  spec: PopularitySpec,
  keys: number,
  length: number,
  seed: number,
): Int32Array {
  const sampler = createPopularitySampler(spec, keys, createRng(seed, RNG_STREAM.keys));
  const trace = new Int32Array(length);
  for (let i = 0; i < length; i++) trace[i] = sampler.next();
  return trace;
}

/** A store with capacity in keys only (`futureKeys` for `opt`). */
export function keyStore(
  policy: AnyPolicyId,
  capacityKeys: number,
  eviction: EvictionMode = { mode: 'exact' },
  seed = 1,
  futureKeys?: Int32Array,
): CacheStore {
  return createCacheStore(
    {
      capacityKeys,
      capacityBytes: null,
      policy,
      eviction,
      ...(futureKeys === undefined ? {} : { futureKeys }),
    },
    createRng(seed, RNG_STREAM.eviction),
  );
}

/**
 * Replays the trace as GET, then SET on a miss (no TTL), one request per simulated ms. Returns 1
 * per hit and 0 per miss, request by request.
 */
export function replayHitFlags(store: CacheStore, trace: Int32Array): Uint8Array {
  const flags = new Uint8Array(trace.length);
  for (let i = 0; i < trace.length; i++) {
    const key = trace[i] ?? 0;
    if (store.getVersion(key, i) >= 0) flags[i] = 1;
    else store.setFast(key, 1, i, null, 0, false);
  }
  return flags;
}

/** Like replayHitFlags; returns the hits counted after the first `warmup` requests. */
export function replayHits(store: CacheStore, trace: Int32Array, warmup = 0): number {
  const flags = replayHitFlags(store, trace);
  let hits = 0;
  for (let i = warmup; i < flags.length; i++) hits += flags[i] ?? 0;
  return hits;
}
