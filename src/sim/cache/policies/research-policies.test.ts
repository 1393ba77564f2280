/**
 * Properties shared by the policies Redis does not have (issue 10): registry flags, OPT as an upper
 * bound, textbook loops, checkpoints (clone) and caches bounded by bytes only.
 */
import { test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createRng, RNG_STREAM } from '../../rng';
import { createCacheStore } from '../cache-store';
import { keyStore, makeTrace, replayHits } from '../cache-test-helpers';
import {
  ALL_POLICY_IDS,
  OFFLINE_POLICY_IDS,
  POLICY_IDS,
  type AnyPolicyId,
  type PolicyId,
} from '../cache-types';
import { PolicyDriver } from './policy-driver';
import { POLICY_REGISTRY } from './policy-registry';
import { smallTraceCase, storeHitFlags } from './policy-test-kit';

const RESEARCH_IDS = ['clock', 'sieve', 's3fifo', 'arc', '2q', 'wtinylfu', 'opt'] as const;
const LIVE_RESEARCH_IDS = RESEARCH_IDS.filter((id) => id !== 'opt');
/** Policies that admit every missed key (the class OPT is optimal for). */
const ADMITTING_IDS = ALL_POLICY_IDS.filter(
  (id) => id !== 'opt' && id !== 'noeviction' && !POLICY_REGISTRY[id].volatileOnly,
);

describe('registry', () => {
  it.each(RESEARCH_IDS)('%s is registered, labelled not in Redis', (id) => {
    const info = POLICY_REGISTRY[id];
    expect(info.id).toBe(id);
    expect(info.notInRedis).toBe(true);
    expect(info.summary).toContain('(not in Redis)');
    expect(info.needsFuture).toBe(id === 'opt');
  });

  it('keeps policies that need the future out of POLICY_IDS (scenarios, engine, pickers)', () => {
    for (const id of ALL_POLICY_IDS) {
      const live = (POLICY_IDS as readonly AnyPolicyId[]).includes(id);
      expect(live).toBe(!POLICY_REGISTRY[id].needsFuture);
    }
    expect(OFFLINE_POLICY_IDS).toEqual(['opt']);
    expect(Object.keys(POLICY_REGISTRY).sort()).toEqual([...ALL_POLICY_IDS].sort());
  });

  it('flags only fifo among the older policies as not in Redis', () => {
    const older = POLICY_IDS.filter(
      (id) => !(LIVE_RESEARCH_IDS as readonly PolicyId[]).includes(id),
    );
    expect(older.filter((id) => POLICY_REGISTRY[id].notInRedis)).toEqual(['fifo']);
  });
});

describe('OPT is an upper bound', () => {
  const hits = (flags: boolean[]): number => flags.filter(Boolean).length;
  fcTest.prop([smallTraceCase], { numRuns: 150 })(
    'no policy that admits every missed key hits more often on the same trace',
    ({ capacity, trace }) => {
      const best = hits(storeHitFlags('opt', capacity, trace));
      for (const id of ADMITTING_IDS)
        expect(hits(storeHitFlags(id, capacity, trace))).toBeLessThanOrEqual(best);
    },
  );

  it('and beats them all on a Zipf trace', () => {
    const trace = Array.from(makeTrace({ kind: 'zipf', alpha: 0.9 }, 5_000, 30_000, 1));
    const best = hits(storeHitFlags('opt', 300, trace));
    for (const id of ADMITTING_IDS)
      expect(hits(storeHitFlags(id, 300, trace)), id).toBeLessThan(best);
  });
});

describe('a loop one key larger than the cache', () => {
  const capacity = 50;
  const trace = Int32Array.from({ length: 20 * (capacity + 1) }, (_, i) => i % (capacity + 1));

  it.each(['allkeys-lru', 'fifo', 'clock', 'sieve', 'arc'] as const)('%s never hits', (id) => {
    expect(replayHits(keyStore(id, capacity), trace)).toBe(0);
  });

  it('OPT hits all but one request per turn once warm', () => {
    const s = keyStore('opt', capacity, { mode: 'exact' }, 1, trace);
    // Each turn of 51 requests after the first misses once per 50 (one key must be left out).
    expect(replayHits(s, trace, capacity + 1)).toBeGreaterThan(0.9 * (trace.length - capacity - 1));
  });
});

describe('clone (checkpoints)', () => {
  const keys = 3_000;
  const trace = makeTrace({ kind: 'zipf', alpha: 0.9 }, keys, 40_000, 9);
  const half = trace.length / 2;
  const driverFor = (id: AnyPolicyId): PolicyDriver =>
    new PolicyDriver(POLICY_REGISTRY[id].create, 200, keys, trace);

  it.each(RESEARCH_IDS)('%s: a clone continues exactly like the original', (id) => {
    const original = driverFor(id);
    original.run(trace, 0, half);
    const copy = original.clone();
    expect(copy.heldKeys()).toEqual(original.heldKeys());
    const flags = (d: PolicyDriver): boolean[] =>
      Array.from(trace.subarray(half), (k) => d.access(k));
    expect(flags(copy)).toEqual(flags(original));
  });

  it.each(LIVE_RESEARCH_IDS)('%s: a clone is independent of its original', (id) => {
    const uninterrupted = driverFor(id);
    uninterrupted.run(trace, 0, half);
    const original = driverFor(id);
    original.run(trace, 0, half);
    const copy = original.clone();
    // Scramble the original: the copy must not notice.
    original.run(makeTrace({ kind: 'uniform' }, keys, 5_000, 4));
    expect(copy.run(trace, half)).toBe(uninterrupted.run(trace, half));
  });
});

describe('a cache bounded by bytes only (the capacity in keys is learned)', () => {
  const trace = makeTrace({ kind: 'zipf', alpha: 0.9 }, 20_000, 100_000, 6);
  const valueBytes = 100;
  const byBytes = (id: PolicyId): number => {
    const store = createCacheStore(
      {
        capacityKeys: null,
        capacityBytes: 1_000 * valueBytes,
        policy: id,
        eviction: { mode: 'exact' },
      },
      createRng(1, RNG_STREAM.eviction),
    );
    let hits = 0;
    let mostKeys = 0;
    for (let i = 0; i < trace.length; i++) {
      const key = trace[i] ?? 0;
      if (store.getVersion(key, i) >= 0) hits++;
      else store.setFast(key, 1, i, null, valueBytes, false);
      mostKeys = Math.max(mostKeys, store.size);
    }
    expect(mostKeys).toBe(1_000);
    return hits;
  };

  it.each(['clock', 'sieve', 's3fifo', 'arc', '2q'] as const)(
    '%s decides exactly as with the same capacity in keys',
    (id) => {
      expect(byBytes(id)).toBe(replayHits(keyStore(id, 1_000), trace));
    },
  );

  it('wtinylfu, whose window and sketch grow while it learns, stays within 1% hit ratio', () => {
    const diff = byBytes('wtinylfu') - replayHits(keyStore('wtinylfu', 1_000), trace);
    expect(Math.abs(diff) / trace.length).toBeLessThan(0.01);
  });
});
