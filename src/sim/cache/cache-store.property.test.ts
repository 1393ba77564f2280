/**
 * Model-based properties: random command sequences against every policy and mode, checked after
 * each step against a shadow model that knows every key's version, expiry and bytes (and learns
 * which keys were evicted from SET replies). Expired keys the store has not removed yet are
 * invisible to reads but still held: `size - live` of them, every one with a TTL.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { createCacheStore } from './cache-store';
import {
  OOM_ERROR_TEXT,
  POLICY_IDS,
  type CacheConfig,
  type CacheStore,
  type EvictionMode,
  type PolicyId,
} from './cache-types';
import { DIRECT_LIMIT } from './key-index';

type Command =
  | { readonly op: 'get'; readonly key: number }
  | {
      readonly op: 'set';
      readonly key: number;
      readonly ttlMs: number | null;
      readonly bytes: number;
      readonly nx: boolean;
    }
  | { readonly op: 'del'; readonly key: number }
  | { readonly op: 'pttl'; readonly key: number }
  | { readonly op: 'sweep'; readonly budget: number }
  | { readonly op: 'cycle' }
  | { readonly op: 'clear' }
  | { readonly op: 'advance'; readonly ms: number };

/** Small ids, plus a few above DIRECT_LIMIT that the key index keeps in its Map. */
const KEYS = [...Array.from({ length: 13 }, (_, k) => k), DIRECT_LIMIT, DIRECT_LIMIT + 9_999_999];
const KEY = fc.constantFrom(...KEYS);
// Weights: mostly reads and writes; a rare FLUSHALL, which would otherwise empty most runs.
const COMMAND: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('get' as const), key: KEY }), weight: 16 },
  {
    arbitrary: fc.record({
      op: fc.constant('set' as const),
      key: KEY,
      ttlMs: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
      bytes: fc.integer({ min: 0, max: 40 }),
      nx: fc.boolean(),
    }),
    weight: 16,
  },
  { arbitrary: fc.record({ op: fc.constant('del' as const), key: KEY }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('pttl' as const), key: KEY }), weight: 4 },
  {
    arbitrary: fc.record({
      op: fc.constant('sweep' as const),
      budget: fc.integer({ min: 1, max: 8 }),
    }),
    weight: 4,
  },
  { arbitrary: fc.constant({ op: 'cycle' } as const), weight: 8 },
  { arbitrary: fc.constant({ op: 'clear' } as const), weight: 1 },
  {
    arbitrary: fc.record({
      op: fc.constant('advance' as const),
      // Mostly a few ms; sometimes past a boundary of Redis's LFU minutes clock.
      ms: fc.oneof(
        { arbitrary: fc.integer({ min: 0, max: 20 }), weight: 9 },
        { arbitrary: fc.integer({ min: 30_000, max: 150_000 }), weight: 1 },
      ),
    }),
    weight: 8,
  },
);
const MODE: fc.Arbitrary<EvictionMode> = fc.oneof(
  fc.constant({ mode: 'exact' } as const),
  fc.record({
    mode: fc.constant('redis' as const),
    samples: fc.integer({ min: 1, max: 10 }),
    lfuLogFactor: fc.integer({ min: 0, max: 10 }),
    lfuDecayTimeMs: fc.constantFrom(0, 30_000, 60_000, 120_000),
    lruClockResolutionMs: fc.constantFrom(1, 7, 1000),
  }),
);
const configFor = (policy: PolicyId): fc.Arbitrary<CacheConfig> =>
  fc.record({
    // Mostly bounded: eviction is what is under test.
    capacityKeys: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null, freq: 5 }),
    capacityBytes: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    policy: fc.constant(policy),
    eviction: MODE,
  });

interface Shadow {
  version: number;
  expiresAtMs: number;
  bytes: number;
}

function runScenario(config: CacheConfig, commands: readonly Command[], seed: number): void {
  const store = createCacheStore(config, createRng(seed, 6), createRng(seed, 10));
  const shadow = new Map<number, Shadow>();
  let now = 0;
  let reads = 0;
  let version = 0;
  const alive = (k: number): Shadow | undefined => {
    const e = shadow.get(k);
    return e && now < e.expiresAtMs ? e : undefined;
  };
  const aliveTtlKeys = () =>
    [...shadow.keys()].filter((k) => (alive(k)?.expiresAtMs ?? Infinity) !== Infinity);

  for (const c of commands) {
    switch (c.op) {
      case 'advance':
        now += c.ms;
        break;
      case 'get': {
        reads++;
        const r = store.get(c.key, now);
        const e = alive(c.key);
        if (r.hit) {
          // Never an expired key, always the version last written.
          expect(e).toBeDefined();
          expect(r.version).toBe(e?.version);
          expect(now).toBeLessThan(r.expiresAtMs);
        } else {
          expect(e).toBeUndefined();
          shadow.delete(c.key);
        }
        break;
      }
      case 'set': {
        const wasAlive = alive(c.key) !== undefined;
        const before = {
          evictions: store.counters.evictions,
          size: store.size,
          bytes: store.bytesUsed,
        };
        version++;
        const r = store.set(c.key, version, now, { ttlMs: c.ttlMs, bytes: c.bytes, nx: c.nx });
        if (r.ok) {
          expect(c.nx && wasAlive).toBe(false);
          expect(store.counters.evictions - before.evictions).toBe(r.evicted.length);
          for (const k of r.evicted) {
            // Only live keys are evicted; volatile-* only keys with a TTL; noeviction never.
            const e = alive(k);
            expect(e).toBeDefined();
            expect(config.policy).not.toBe('noeviction');
            if (config.policy.startsWith('volatile-')) expect(e?.expiresAtMs).not.toBe(Infinity);
            shadow.delete(k);
          }
          shadow.set(c.key, {
            version,
            expiresAtMs: c.ttlMs === null ? Infinity : now + c.ttlMs,
            bytes: c.bytes,
          });
        } else if (r.error === 'NX') {
          expect(c.nx && wasAlive).toBe(true);
        } else {
          expect(r.error).toBe(OOM_ERROR_TEXT);
          // A refused write changes nothing (an expired copy of the key may have been dropped).
          expect(store.counters.evictions).toBe(before.evictions);
          expect(store.size).toBeLessThanOrEqual(before.size);
          // OOM only when the policy had nothing (enough) to evict.
          if (config.policy.startsWith('volatile-') && config.capacityBytes === null) {
            expect(aliveTtlKeys().filter((k) => k !== c.key)).toHaveLength(0);
          }
          if (config.policy !== 'noeviction' && !config.policy.startsWith('volatile-')) {
            // allkeys/fifo refuse only what cannot fit at all.
            expect(config.capacityKeys === 0 || c.bytes > (config.capacityBytes ?? Infinity)).toBe(
              true,
            );
          }
          if (wasAlive) expect(store.peek(c.key, now)?.version).toBe(alive(c.key)?.version);
          else shadow.delete(c.key);
        }
        break;
      }
      case 'del': {
        const e = alive(c.key);
        expect(store.del(c.key, now)).toBe(e !== undefined);
        shadow.delete(c.key);
        break;
      }
      case 'pttl': {
        const e = alive(c.key);
        const expected =
          e === undefined ? -2 : e.expiresAtMs === Infinity ? -1 : e.expiresAtMs - now;
        expect(store.pttl(c.key, now)).toBe(expected);
        break;
      }
      case 'sweep':
        store.sweepExpired(now, c.budget);
        break;
      case 'cycle': {
        const before = { expirations: store.counters.expirations, size: store.size };
        const expired = store.activeExpireCycle(now);
        // Only expired keys go, each counted once as an expiration.
        expect(store.counters.expirations - before.expirations).toBe(expired);
        expect(before.size - store.size).toBe(expired);
        break;
      }
      case 'clear':
        store.clear();
        shadow.clear();
        break;
    }
    // Capacity is never exceeded; the live view agrees with the shadow model.
    expect(store.size).toBeLessThanOrEqual(config.capacityKeys ?? Infinity);
    expect(store.bytesUsed).toBeLessThanOrEqual(config.capacityBytes ?? Infinity);
    const live = store.entries(now);
    const shadowLive = [...shadow.keys()].filter((k) => alive(k) !== undefined);
    expect(live.map((e) => e.key).sort((a, b) => a - b)).toEqual(shadowLive.sort((a, b) => a - b));
    for (const e of live) expect(now).toBeLessThan(e.expiresAtMs);
    if (config.policy === 'noeviction') expect(store.counters.evictions).toBe(0);
    // Keys held with a TTL = live ones with a TTL + the expired ones not removed yet.
    const heldExpired = store.size - shadowLive.length;
    expect(heldExpired).toBeGreaterThanOrEqual(0);
    expect(store.ttlKeyCount).toBe(aliveTtlKeys().length + heldExpired);
  }
  expect(store.hits + store.misses).toBe(reads);

  // Once every TTL has passed, active expiry alone removes every key with a TTL, and what is left
  // is exactly the live keys without one: size and bytes report what the store really holds.
  now += 1_000;
  for (let i = 0; i < 10 && store.ttlKeyCount > 0; i++) store.activeExpireCycle(now);
  expect(store.ttlKeyCount).toBe(0);
  const survivors = [...shadow.keys()].filter((k) => alive(k) !== undefined);
  expect(store.size).toBe(survivors.length);
  expect(store.bytesUsed).toBe(survivors.reduce((sum, k) => sum + (alive(k)?.bytes ?? 0), 0));
  expect(store.entries(now)).toHaveLength(survivors.length);
}

describe('cache store properties (every policy, both modes)', () => {
  it.each(POLICY_IDS)(
    '%s matches the shadow model, never exceeds capacity, never returns an expired key',
    (policy) => {
      fc.assert(
        fc.property(
          configFor(policy),
          fc.array(COMMAND, { maxLength: 120, size: 'medium' }),
          fc.integer(),
          (config, commands, seed) => {
            runScenario(config, commands, seed);
          },
        ),
        { numRuns: 100 },
      );
    },
  );

  it('noeviction: when full, SET answers the exact OOM text and GET still works', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 100 }),
        (capacity, extra) => {
          const s = createCacheStore(
            {
              capacityKeys: capacity,
              capacityBytes: null,
              policy: 'noeviction',
              eviction: { mode: 'exact' },
            },
            createRng(1),
          );
          for (let k = 0; k < capacity; k++) expect(s.set(k, k, 0).ok).toBe(true);
          expect(s.set(capacity + extra, 1, 1)).toEqual({
            ok: false,
            error: "OOM command not allowed when used memory > 'maxmemory'.",
          });
          for (let k = 0; k < capacity; k++)
            expect(s.get(k, 2)).toMatchObject({ hit: true, version: k });
          expect(s.counters.evictions).toBe(0);
        },
      ),
    );
  });
});

/**
 * Runs commands from time `start`: every reply and what the store looked like after it, and the
 * time the commands ended at.
 */
function replay(
  store: CacheStore,
  commands: readonly Command[],
  start: number,
): { readonly out: unknown[]; readonly end: number } {
  const out: unknown[] = [];
  let now = start;
  let version = 1_000;
  for (const c of commands) {
    let reply: unknown = null;
    switch (c.op) {
      case 'advance':
        now += c.ms;
        break;
      case 'get':
        reply = store.get(c.key, now);
        break;
      case 'set':
        reply = store.set(c.key, ++version, now, { ttlMs: c.ttlMs, bytes: c.bytes, nx: c.nx });
        break;
      case 'del':
        reply = store.del(c.key, now);
        break;
      case 'pttl':
        reply = store.pttl(c.key, now);
        break;
      case 'sweep':
        reply = store.sweepExpired(now, c.budget);
        break;
      case 'cycle':
        reply = store.activeExpireCycle(now);
        break;
      case 'clear':
        store.clear();
        break;
    }
    out.push(reply, observe(store, now));
  }
  return { out, end: now };
}

/** Everything the store lets one see at `now`, policy numbers included. */
function observe(store: CacheStore, now: number): unknown {
  return {
    size: store.size,
    bytesUsed: store.bytesUsed,
    ttlKeyCount: store.ttlKeyCount,
    counters: { ...store.counters },
    hits: store.hits,
    misses: store.misses,
    last: [store.lastSetAtMs, store.lastExpiresAtMs, store.lastExpired],
    lastEvicted: [...store.lastEvicted],
    lastEvictedVersions: [...store.lastEvictedVersions],
    entries: store.entries(now),
    policy: KEYS.map((k) => store.policyValue(k, now)),
  };
}

describe('cache store clone (every policy, both modes)', () => {
  it.each(POLICY_IDS)(
    '%s: a clone with cloned rngs answers exactly like the original, independently',
    (policy) => {
      fc.assert(
        fc.property(
          configFor(policy),
          fc.array(COMMAND, { maxLength: 80, size: 'medium' }),
          fc.array(COMMAND, { maxLength: 80, size: 'medium' }),
          fc.integer(),
          fc.boolean(),
          (config, before, after, seed, defaultActiveExpireRng) => {
            const rng = createRng(seed, 6);
            const activeExpireRng = createRng(seed, 10);
            const store = createCacheStore(config, rng, activeExpireRng);
            const start = replay(store, before, 0).end;
            const copy = defaultActiveExpireRng
              ? store.clone(rng.clone())
              : store.clone(rng.clone(), activeExpireRng.clone());
            const snapshot = observe(store, start);
            // The copy runs first: if it shared any state or stream with the original, the
            // original would then be changed, or answer differently.
            const fromCopy = replay(copy, after, start).out;
            expect(observe(store, start)).toEqual(snapshot);
            expect(replay(store, after, start).out).toEqual(fromCopy);
          },
        ),
        { numRuns: 200 },
      );
    },
  );
});
