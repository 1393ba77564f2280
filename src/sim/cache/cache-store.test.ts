import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { createCacheStore } from './cache-store';
import { OOM_ERROR_TEXT, POLICY_IDS, type CacheConfig } from './cache-types';
import { keyStore } from './cache-test-helpers';

const store = (over: Partial<CacheConfig> = {}) =>
  createCacheStore(
    {
      capacityKeys: 3,
      capacityBytes: null,
      policy: 'allkeys-lru',
      eviction: { mode: 'exact' },
      ...over,
    },
    createRng(7),
  );

describe('cache store basics', () => {
  it('GET/SET/DEL round trip with versions and set time', () => {
    const s = store();
    expect(s.get(1, 0)).toEqual({ hit: false, expired: false });
    expect(s.set(1, 42, 5)).toEqual({ ok: true, evicted: [] });
    expect(s.get(1, 6)).toEqual({ hit: true, version: 42, setAtMs: 5, expiresAtMs: Infinity });
    expect(s.del(1, 7)).toBe(true);
    expect(s.del(1, 7)).toBe(false);
    expect(s.get(1, 8).hit).toBe(false);
    expect(s.hits).toBe(1);
    expect(s.misses).toBe(2);
  });

  it('expires lazily, counts one expiration, never returns the key', () => {
    const s = store();
    s.set(1, 1, 0, { ttlMs: 100 });
    expect(s.get(1, 99).hit).toBe(true);
    expect(s.peek(1, 100)).toBeNull();
    expect(s.size).toBe(1); // not yet detected
    expect(s.get(1, 100)).toEqual({ hit: false, expired: true });
    expect(s.counters.expirations).toBe(1);
    expect(s.size).toBe(0);
    expect(s.get(1, 101)).toEqual({ hit: false, expired: false });
    expect(s.counters.expirations).toBe(1);
  });

  it('PTTL: -2 missing, -1 no expiry, remaining ms otherwise; SET without TTL clears it', () => {
    const s = store();
    expect(s.pttl(1, 0)).toBe(-2);
    s.set(1, 1, 0);
    expect(s.pttl(1, 0)).toBe(-1);
    s.set(1, 2, 10, { ttlMs: 1000 });
    expect(s.pttl(1, 510)).toBe(500);
    expect(s.pttl(1, 1010)).toBe(-2);
    expect(s.counters.expirations).toBe(1);
    s.set(2, 1, 0, { ttlMs: 10 });
    s.set(2, 2, 5);
    expect(s.pttl(2, 100)).toBe(-1);
    expect(s.ttlKeyCount).toBe(0);
  });

  it('SET NX: refused on a live key, allowed on a missing or expired one', () => {
    const s = store();
    expect(s.set(1, 1, 0, { nx: true, ttlMs: 50 }).ok).toBe(true);
    expect(s.set(1, 2, 10, { nx: true })).toEqual({ ok: false, error: 'NX' });
    expect(s.get(1, 11)).toMatchObject({ hit: true, version: 1 });
    expect(s.set(1, 3, 50, { nx: true }).ok).toBe(true);
    expect(s.counters.expirations).toBe(1);
    expect(s.get(1, 51)).toMatchObject({ hit: true, version: 3 });
  });

  it('evicts the LRU key when full and reports it', () => {
    const s = store();
    s.set(1, 1, 0);
    s.set(2, 1, 1);
    s.set(3, 1, 2);
    s.get(1, 3);
    expect(s.set(4, 1, 4)).toEqual({ ok: true, evicted: [2] });
    expect(s.counters.evictions).toBe(1);
    expect(s.peek(2, 5)).toBeNull();
  });

  it('capacity in bytes evicts until the value fits; oversize values are refused untouched', () => {
    const s = store({ capacityKeys: null, capacityBytes: 100 });
    s.set(1, 1, 0, { bytes: 40 });
    s.set(2, 1, 1, { bytes: 40 });
    expect(s.set(3, 1, 2, { bytes: 50 })).toEqual({ ok: true, evicted: [1] });
    expect(s.bytesUsed).toBe(90);
    // Growing a key in place evicts others, not necessarily itself.
    expect(s.set(3, 2, 3, { bytes: 61 })).toEqual({ ok: true, evicted: [2] });
    expect(s.bytesUsed).toBe(61);
    expect(s.set(4, 1, 4, { bytes: 101 })).toEqual({ ok: false, error: OOM_ERROR_TEXT });
    expect(s.bytesUsed).toBe(61);
    expect(s.size).toBe(1);
  });

  it('an overwrite may evict the key itself (as Redis may) and still stores the new value', () => {
    const s = store({ capacityKeys: null, capacityBytes: 100 });
    s.set(1, 1, 0, { bytes: 50 });
    s.set(2, 1, 1, { bytes: 50 });
    // Key 1 is the LRU victim; rewriting it with 60 bytes must free 10 bytes: evicts 1 itself,
    // then 2, and finally writes 1 afresh.
    const r = s.set(1, 2, 2, { bytes: 60 });
    expect(r).toEqual({ ok: true, evicted: [1, 2] });
    expect(s.peek(1, 3)).toMatchObject({ version: 2, bytes: 60 });
    expect(s.size).toBe(1);
  });

  it('noeviction: OOM with the exact Redis text when full, nothing changes, GET still works', () => {
    const s = store({ policy: 'noeviction', capacityKeys: 2 });
    s.set(1, 1, 0);
    s.set(2, 1, 0);
    expect(s.set(3, 1, 1)).toEqual({
      ok: false,
      error: "OOM command not allowed when used memory > 'maxmemory'.",
    });
    expect(s.size).toBe(2);
    expect(s.get(1, 2).hit).toBe(true);
    // Overwriting an existing key needs no room.
    expect(s.set(1, 2, 3).ok).toBe(true);
    expect(s.counters.evictions).toBe(0);
  });

  it('volatile-*: evicts only keys with a TTL, OOM when none qualify', () => {
    for (const policy of [
      'volatile-lru',
      'volatile-lfu',
      'volatile-random',
      'volatile-ttl',
    ] as const) {
      for (const eviction of [{ mode: 'exact' } as const, { mode: 'redis', samples: 5 } as const]) {
        const s = store({ policy, capacityKeys: 3, eviction });
        s.set(1, 1, 0);
        s.set(2, 1, 0, { ttlMs: 10_000 });
        s.set(3, 1, 0);
        expect(s.set(4, 1, 1)).toEqual({ ok: true, evicted: [2] });
        expect(s.set(5, 1, 2)).toEqual({ ok: false, error: OOM_ERROR_TEXT });
        expect(s.get(1, 3).hit).toBe(true);
        // Giving key 3 a TTL makes it a candidate.
        s.set(3, 2, 4, { ttlMs: 10_000 });
        expect(s.set(5, 1, 5)).toEqual({ ok: true, evicted: [3] });
      }
    }
  });

  it('volatile-ttl evicts the nearest expiry first', () => {
    const s = store({ policy: 'volatile-ttl', capacityKeys: 3 });
    s.set(1, 1, 0, { ttlMs: 300 });
    s.set(2, 1, 0, { ttlMs: 100 });
    s.set(3, 1, 0, { ttlMs: 200 });
    expect(s.set(4, 1, 1, { ttlMs: 500 })).toEqual({ ok: true, evicted: [2] });
    s.set(1, 2, 2, { ttlMs: 50 }); // moves key 1 to the front of the queue
    expect(s.set(5, 1, 3)).toEqual({ ok: true, evicted: [1] });
  });

  it('an eviction pass that meets an expired key counts an expiration, not an eviction', () => {
    const s = store({ capacityKeys: 2 });
    s.set(1, 1, 0, { ttlMs: 10 });
    s.set(2, 1, 1);
    expect(s.set(3, 1, 20)).toEqual({ ok: true, evicted: [] });
    expect(s.counters).toEqual({ evictions: 0, expirations: 1 });
  });

  it('sweepExpired removes and counts expired keys within a budget', () => {
    const s = store({ capacityKeys: null });
    for (let k = 0; k < 10; k++) s.set(k, 1, 0, { ttlMs: k < 6 ? 10 : 1000 });
    expect(s.sweepExpired(50, 4)).toBe(4);
    expect(s.sweepExpired(50, 100)).toBe(2);
    expect(s.size).toBe(4);
    expect(s.counters.expirations).toBe(6);
  });

  it('clear empties the store (cold restart) but keeps counters; the store is reusable', () => {
    for (const policy of POLICY_IDS) {
      const s = keyStore(policy, 4);
      for (let k = 0; k < 10; k++) s.set(k, 1, k, { ttlMs: 1000 });
      const evictions = s.counters.evictions;
      s.clear();
      expect(s.size).toBe(0);
      expect(s.bytesUsed).toBe(0);
      expect(s.get(9, 20).hit).toBe(false);
      expect(s.counters.evictions).toBe(evictions);
      for (let k = 0; k < 10; k++) s.set(k, 1, 30 + k, { ttlMs: 1000 });
      expect(s.size).toBe(4);
      expect(s.entries(50)).toHaveLength(4);
    }
  });

  it('handles huge sparse key ids (unique workload) and unlimited capacity growth', () => {
    const s = store({ capacityKeys: null });
    for (let i = 0; i < 100_000; i++) s.set(9_000_000 + i * 7, i, i);
    expect(s.size).toBe(100_000);
    expect(s.get(9_000_000 + 7 * 99_999, 1e6)).toMatchObject({ hit: true, version: 99_999 });
    const small = store({ capacityKeys: 10 });
    for (let i = 0; i < 1000; i++) small.set(5_000_000 + i, i, i);
    expect(small.size).toBe(10);
    expect(small.get(5_000_999, 2000).hit).toBe(true);
  });

  it('peek does not touch recency', () => {
    const s = store();
    s.set(1, 1, 0);
    s.set(2, 1, 1);
    s.set(3, 1, 2);
    expect(s.peek(1, 3)).toMatchObject({ key: 1, version: 1 });
    expect(s.set(4, 1, 4)).toEqual({ ok: true, evicted: [1] });
  });

  it('policyValue exposes exact LFU counts and Redis LFU counters', () => {
    const exact = store({ policy: 'allkeys-lfu' });
    exact.set(1, 1, 0);
    exact.get(1, 1);
    exact.get(1, 2);
    expect(exact.policyValue(1, 3)).toBe(3);
    const redis = store({ policy: 'allkeys-lfu', eviction: { mode: 'redis', samples: 5 } });
    redis.set(1, 1, 0);
    expect(redis.policyValue(1, 0)).toBe(5);
    expect(store().policyValue(1, 0)).toBeNull();
  });
});
