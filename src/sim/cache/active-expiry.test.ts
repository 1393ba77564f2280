/**
 * Active expiry: keys with a TTL that are never read again must still leave the store, as they do
 * in Redis, so that memory stays bounded by what is alive (about rate x TTL), not by everything
 * ever written.
 */
import { describe, expect, it } from 'vitest';
import { createRng, RNG_STREAM } from '../rng';
import { createCacheStore } from './cache-store';
import {
  ACTIVE_EXPIRE_INTERVAL_MS,
  ACTIVE_EXPIRE_KEYS_PER_LOOP,
  ACTIVE_EXPIRE_MAX_LOOPS_PER_CYCLE,
  type CacheConfig,
  type CacheStore,
} from './cache-types';
import { DIRECT_LIMIT } from './key-index';

const UNLIMITED: CacheConfig = {
  capacityKeys: null,
  capacityBytes: null,
  policy: 'allkeys-lru',
  eviction: { mode: 'exact' },
};

const storeFor = (config: CacheConfig = UNLIMITED, seed = 1): CacheStore =>
  createCacheStore(
    config,
    createRng(seed, RNG_STREAM.eviction),
    createRng(seed, RNG_STREAM.activeExpire),
  );

interface SteadyRun {
  /** Largest `size` seen once the run is past its first few TTLs. */
  maxSize: number;
  maxBytes: number;
  sets: number;
  store: CacheStore;
}

/**
 * Writes `perMs` new keys (ids from `firstKey` up, never repeated, never read) every simulated ms
 * with a TTL of `ttlMs`, runs a cycle every ACTIVE_EXPIRE_INTERVAL_MS, and checks on the way
 * that every key written is either held or counted as expired exactly once.
 */
function steadyRun(perMs: number, ttlMs: number, durationMs: number, firstKey = 0): SteadyRun {
  const store = storeFor();
  const bytes = 100;
  let key = firstKey;
  let maxSize = 0;
  let maxBytes = 0;
  for (let t = 0; t < durationMs; t++) {
    for (let i = 0; i < perMs; i++) store.setFast(key++, 1, t, ttlMs, bytes, false);
    if (t % ACTIVE_EXPIRE_INTERVAL_MS === 0) {
      store.activeExpireCycle(t);
      expect(store.size + store.counters.expirations).toBe(key - firstKey);
    }
    if (t >= 5 * ttlMs) {
      maxSize = Math.max(maxSize, store.size);
      maxBytes = Math.max(maxBytes, store.bytesUsed);
    }
  }
  return { maxSize, maxBytes, sets: key - firstKey, store };
}

describe('active expire cycle', () => {
  it('removes keys with a TTL that are never read, each counted as one expiration', () => {
    const s = storeFor();
    for (let k = 0; k < 1000; k++) s.set(k, 1, 0, { ttlMs: 1000, bytes: 10 });
    for (let k = 1000; k < 1010; k++) s.set(k, 1, 0, { bytes: 10 }); // no TTL: stays
    expect(s.ttlKeyCount).toBe(1000);
    // Before the TTL passes a cycle finds nothing and stops after one loop.
    expect(s.activeExpireCycle(999)).toBe(0);
    let expired = 0;
    for (let t = 1000; t <= 3000; t += ACTIVE_EXPIRE_INTERVAL_MS) expired += s.activeExpireCycle(t);
    expect(expired).toBe(1000);
    expect(s.counters.expirations).toBe(1000);
    expect(s.size).toBe(10);
    expect(s.bytesUsed).toBe(100);
    expect(s.ttlKeyCount).toBe(0);
    // Already removed: a later read is a plain miss, not a second expiration.
    expect(s.get(5, 3001)).toEqual({ hit: false, expired: false });
    expect(s.counters.expirations).toBe(1000);
  });

  it('keeps memory bounded near rate x TTL under continuous writes of keys never read', () => {
    // 2,000 new keys/s with a 1 s TTL: 2,000 alive at any time; 120,000 written in 60 s, which is
    // what lazy expiry alone would hold. Measured: at most 2.27x the live keys, 1.89x on average
    // (the cycle stops once a loop finds <= 25% stale, so a stale share near 45% persists).
    // Real Redis 7.0.15 under the same load held 1.25x on average (see the README).
    const run = steadyRun(2, 1000, 60_000);
    expect(run.sets).toBe(120_000);
    expect(run.maxSize).toBeGreaterThanOrEqual(2000);
    expect(run.maxSize).toBeLessThan(2.5 * 2000);
    expect(run.maxBytes).toBe(run.maxSize * 100);
  });

  it('keeps the unique-keys-with-TTL pattern bounded while ids go into the millions', () => {
    // 20 new ids per ms from 3.5M to 5.5M: they cross DIRECT_LIMIT, where the key index
    // switches from its array to a Map. 10,000 keys alive at a time (TTL 500 ms).
    const first = 3_500_000;
    const run = steadyRun(20, 500, 100_000, first);
    expect(first + run.sets).toBeGreaterThan(DIRECT_LIMIT + 1_000_000);
    expect(run.maxSize).toBeLessThan(3.5 * 10_000);
    expect(run.maxBytes).toBeLessThan(3.5 * 10_000 * 100);
    // The newest keys are still there and readable.
    expect(run.store.get(first + run.sets - 1, 99_999)).toMatchObject({ hit: true, version: 1 });
  });

  it('never returns an expired key while cycles and reads interleave', () => {
    const s = storeFor();
    const rng = createRng(5);
    let written = 0;
    for (let t = 0; t < 20_000; t++) {
      s.setFast(written++, 7, t, 1 + rng.int(2000), 0, false);
      const key = rng.int(written);
      if (s.getVersion(key, t) >= 0) expect(t).toBeLessThan(s.lastExpiresAtMs);
      if (t % ACTIVE_EXPIRE_INTERVAL_MS === 0) s.activeExpireCycle(t);
      expect(s.size + s.counters.expirations).toBe(written);
    }
  });

  it('stops at the loop bound even with a huge backlog (the per-cycle time limit)', () => {
    const s = storeFor();
    const backlog = 2 * ACTIVE_EXPIRE_MAX_LOOPS_PER_CYCLE * ACTIVE_EXPIRE_KEYS_PER_LOOP;
    for (let k = 0; k < backlog; k++) s.setFast(k, 1, 0, 10, 0, false);
    // A cycle before they expire: the backlog was written before it, so later cycles get only
    // the base budget.
    expect(s.activeExpireCycle(5)).toBe(0);
    const first = s.activeExpireCycle(100);
    // Every pick of a full-stale set is expired, so the first cycle does all its loops.
    expect(first).toBe(ACTIVE_EXPIRE_MAX_LOOPS_PER_CYCLE * ACTIVE_EXPIRE_KEYS_PER_LOOP);
    expect(s.activeExpireCycle(200)).toBe(first);
    expect(s.size).toBe(0);
    expect(s.activeExpireCycle(300)).toBe(0);
  });

  it('draws from its own stream: cycles do not change which keys random eviction picks', () => {
    const evictions = (withCycles: boolean): number[] => {
      const s = storeFor({ ...UNLIMITED, capacityKeys: 50, policy: 'allkeys-random' }, 3);
      const out: number[] = [];
      for (let t = 0; t < 2000; t++) {
        s.setFast(t, 1, t, t % 2 === 0 ? 1e9 : null, 0, false);
        out.push(...s.lastEvicted);
        if (withCycles && t % ACTIVE_EXPIRE_INTERVAL_MS === 0) s.activeExpireCycle(t);
      }
      return out;
    };
    expect(evictions(true)).toEqual(evictions(false));
  });

  it('is deterministic for a seed, also with the derived stream of a two-argument store', () => {
    const run = (store: CacheStore): number[] => {
      const out: number[] = [];
      for (let k = 0; k < 500; k++) store.setFast(k, 1, 0, 10 + (k % 300), 0, false);
      for (let t = 100; t <= 400; t += 100) out.push(store.activeExpireCycle(t));
      return out;
    };
    expect(run(storeFor())).toEqual(run(storeFor()));
    const twoArgs = () => createCacheStore(UNLIMITED, createRng(9, RNG_STREAM.eviction));
    expect(run(twoArgs())).toEqual(run(twoArgs()));
  });
});

describe('active expiry at a high write rate', () => {
  it('keeps pace with a million fresh keys a second: memory follows the live set', () => {
    // 1,000,000 SETs a second with a 200 ms TTL: about 200,000 keys alive at any moment. A fixed
    // Redis-sized budget (~128,000 expiries a second) would fall behind by ~870,000 keys a second.
    const s = storeFor();
    let key = 10_000_000;
    // Peak size in each half second of a 2 s run.
    const peakPerHalfSecond = [0, 0, 0, 0];
    for (let t = 0; t < 2_000; t++) {
      for (let i = 0; i < 1_000; i++) s.setFast(key++, 1, t, 200, 0, false);
      if (t % ACTIVE_EXPIRE_INTERVAL_MS === 0) s.activeExpireCycle(t);
      const half = Math.floor(t / 500);
      peakPerHalfSecond[half] = Math.max(peakPerHalfSecond[half] ?? 0, s.size);
    }
    // Bounded, and flat from one second to the next: Redis's documented rule stops a cycle once a
    // sample of 20 has at most 25% expired keys, which at this rate settles with roughly 60% of the
    // TTL keys expired (about 2.5x the 300,000 alive or written since the last cycle).
    expect(Math.max(...peakPerHalfSecond)).toBeLessThan(1_000_000);
    expect(peakPerHalfSecond[3]).toBeLessThan((peakPerHalfSecond[2] ?? 0) * 1.1);
    expect(s.counters.expirations).toBeGreaterThan(2_000_000 - 1_000_000);
  }, 60_000);
});
