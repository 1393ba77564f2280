import { describe, expect, it } from 'vitest';
import { createRng } from '../../rng';
import { keyStore } from '../cache-test-helpers';
import type { EvictionMode } from '../cache-types';
import {
  LFU_INIT_VAL,
  lfuDecayed,
  lfuLogIncrement,
  lfuTimeElapsed,
  lfuTimeInMinutes,
} from './lfu-policy';

const MINUTE_MS = 60_000;

describe('exact LFU', () => {
  it('evicts the least frequently used key, ties by least recent', () => {
    const s = keyStore('allkeys-lfu', 3);
    s.set(1, 1, 0);
    s.set(2, 1, 1);
    s.set(3, 1, 2);
    s.get(1, 3);
    s.get(1, 4);
    s.get(3, 5);
    // counts: 1 -> 3, 2 -> 1, 3 -> 2
    expect(s.set(4, 1, 6)).toEqual({ ok: true, evicted: [2] });
    // counts: 1 -> 3, 3 -> 2, 4 -> 1; touch 4 twice -> 3 (more recent than 1)
    s.get(4, 7);
    s.get(4, 8);
    expect(s.set(5, 1, 9)).toEqual({ ok: true, evicted: [3] });
    // 5 -> 1 is the only count-1 key
    expect(s.set(6, 1, 10)).toEqual({ ok: true, evicted: [5] });
    s.get(6, 11);
    s.get(6, 12); // 1, 4, 6 all at 3; 1 least recent
    expect(s.set(7, 1, 13)).toEqual({ ok: true, evicted: [1] });
  });

  it('a viral key that LRU keeps is evicted over and over by LFU', () => {
    const capacity = 100;
    const run = (policy: 'allkeys-lfu' | 'allkeys-lru') => {
      const s = keyStore(policy, capacity);
      let t = 0;
      // A long-established hot set, each key read 50 times.
      for (let round = 0; round < 50; round++) {
        for (let k = 0; k < capacity; k++) {
          if (s.getVersion(k, t++) < 0) s.setFast(k, 1, t, null, 0, false);
        }
      }
      // The viral key 1000 is now requested every other request, between one-off cold keys.
      let viralHits = 0;
      for (let i = 0; i < 1000; i++) {
        if (s.getVersion(1000, t++) >= 0) viralHits++;
        else s.setFast(1000, 1, t, null, 0, false);
        const cold = 2000 + i;
        if (s.getVersion(cold, t++) < 0) s.setFast(cold, 1, t, null, 0, false);
      }
      return viralHits;
    };
    expect(run('allkeys-lru')).toBe(999);
    expect(run('allkeys-lfu')).toBe(0);
  });
});

describe("Redis's LFU counter", () => {
  /** Mean counter after `hits` hits over several seeds (a single run is noisy at low counts). */
  const meanCounter = (hits: number, factor: number, seeds: number) => {
    let sum = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const rng = createRng(seed, 9);
      let c = LFU_INIT_VAL;
      for (let i = 0; i < hits; i++) c = lfuLogIncrement(c, factor, rng.next());
      sum += c;
    }
    return sum / seeds;
  };

  it('grows logarithmically like the table in the Redis docs', () => {
    // Redis docs, lfu-log-factor 10: 100 hits -> 10, 1K -> 18, 100K -> 142, 1M -> 255;
    // factor 100: 1M hits -> 143.
    expect(Math.abs(meanCounter(100, 10, 8) - 10)).toBeLessThanOrEqual(2);
    expect(Math.abs(meanCounter(1_000, 10, 8) - 18)).toBeLessThanOrEqual(3);
    expect(Math.abs(meanCounter(100_000, 10, 4) - 142)).toBeLessThanOrEqual(6);
    expect(meanCounter(1_000_000, 10, 2)).toBe(255);
    expect(Math.abs(meanCounter(1_000_000, 100, 2) - 143)).toBeLessThanOrEqual(8);
  });

  it('starts new keys at 5, never exceeds 255, decays one per decay-time minutes on the clock', () => {
    expect(lfuLogIncrement(5, 10, 0.999)).toBe(6); // base 0: probability 1
    expect(lfuLogIncrement(255, 10, 0)).toBe(255);
    // ldt = minute 0; lfu-decay-time 1 minute.
    expect(lfuDecayed(10, 0, 59_999, MINUTE_MS)).toBe(10);
    expect(lfuDecayed(10, 0, 180_000, MINUTE_MS)).toBe(7);
    expect(lfuDecayed(2, 0, 600_000, MINUTE_MS)).toBe(0);
    // lfu-decay-time 0 disables decay.
    expect(lfuDecayed(10, 0, 600_000, 0)).toBe(10);
    // lfu-decay-time 2: minutes / 2, rounded down.
    expect(lfuDecayed(10, 0, 119_999, 2 * MINUTE_MS)).toBe(10);
    expect(lfuDecayed(10, 0, 300_000, 2 * MINUTE_MS)).toBe(8);
  });

  it('counts minute boundaries crossed, not 60 s elapsed (Redis keeps a minutes clock)', () => {
    // Last access at 59.9 s (minute 0), read at 60.1 s (minute 1): 0.2 s elapsed, one boundary.
    const ldt = lfuTimeInMinutes(59_900);
    expect(lfuDecayed(10, ldt, 60_100, MINUTE_MS)).toBe(9);
    // Last access at 60.1 s, read at 119.9 s: 59.8 s elapsed but no boundary.
    expect(lfuDecayed(10, lfuTimeInMinutes(60_100), 119_900, MINUTE_MS)).toBe(10);
  });

  it('wraps its 16-bit minutes clock the way Redis does (65535 - ldt + now)', () => {
    expect(lfuTimeInMinutes(65_535 * MINUTE_MS)).toBe(65_535);
    expect(lfuTimeInMinutes(65_536 * MINUTE_MS)).toBe(0);
    expect(lfuTimeElapsed(65_535, 0)).toBe(0);
    expect(lfuTimeElapsed(65_530, 3)).toBe(8);
    // A key untouched for exactly 65,536 minutes looks untouched for no time at all.
    expect(lfuDecayed(10, lfuTimeInMinutes(MINUTE_MS), 65_537 * MINUTE_MS, MINUTE_MS)).toBe(10);
  });

  it('in the store: new key at 5, decays while idle, and a decayed key becomes the victim', () => {
    const s = keyStore('allkeys-lfu', 2, { mode: 'redis', samples: 5, lfuDecayTimeMs: MINUTE_MS });
    s.set(1, 1, 0);
    expect(s.policyValue(1, 0)).toBe(LFU_INIT_VAL);
    for (let i = 0; i < 200; i++) s.get(1, 1);
    const warm = s.policyValue(1, 1) ?? 0;
    expect(warm).toBeGreaterThan(LFU_INIT_VAL + 3);
    expect(s.policyValue(1, 3 * MINUTE_MS + 1)).toBe(warm - 3);
    // Key 2 arrives an hour later at 5; key 1 has decayed to 0 by then and is evicted instead.
    s.set(2, 1, 60 * MINUTE_MS);
    expect(s.set(3, 1, 60 * MINUTE_MS + 1)).toEqual({ ok: true, evicted: [1] });
  });
});

describe("Redis's LFU decay in the store (lfu-log-factor 0: every access adds exactly one)", () => {
  const redisLfu = (decayMinutes: number): EvictionMode => ({
    mode: 'redis',
    samples: 5,
    lfuLogFactor: 0,
    lfuDecayTimeMs: decayMinutes * MINUTE_MS,
  });

  it('a key read at 59.9 s has lost one at 60.1 s', () => {
    const s = keyStore('allkeys-lfu', 10, redisLfu(1));
    s.set(1, 1, 0);
    s.get(1, 59_900);
    expect(s.policyValue(1, 59_999)).toBe(LFU_INIT_VAL + 1);
    expect(s.policyValue(1, 60_100)).toBe(LFU_INIT_VAL);
  });

  it('OBJECT FREQ and eviction sampling report the decayed value without storing it', () => {
    // lfu-decay-time 2 minutes: if a read stored the value or moved ldt, minute 2 would show it.
    const s = keyStore('allkeys-lfu', 2, redisLfu(2));
    s.set(1, 1, 0);
    for (let i = 0; i < 5; i++) s.get(1, 0); // counter 10, ldt minute 0
    expect(s.policyValue(1, MINUTE_MS)).toBe(10); // 1 minute: 1/2 period, nothing yet
    s.set(2, 1, MINUTE_MS); // counter 5
    s.set(3, 1, MINUTE_MS + 1); // full: sampling scores both keys at minute 1, evicts key 2
    expect(s.lastEvicted).toEqual([2]);
    expect(s.policyValue(1, 2 * MINUTE_MS)).toBe(9); // 2 minutes since ldt 0: one period
    expect(s.policyValue(1, 4 * MINUTE_MS)).toBe(8);
  });

  it('an access stores the decayed counter plus one and moves ldt to its minute', () => {
    const s = keyStore('allkeys-lfu', 10, redisLfu(1));
    s.set(1, 1, 0);
    for (let i = 0; i < 5; i++) s.get(1, 0); // 10 at minute 0
    s.get(1, 3 * MINUTE_MS + 30_000); // 10 - 3 + 1 = 8, ldt minute 3
    expect(s.policyValue(1, 3 * MINUTE_MS + 59_999)).toBe(8);
    expect(s.policyValue(1, 4 * MINUTE_MS)).toBe(7);
    // A SET on the live key is an access too (lookupKeyWrite; the new value keeps the LFU field).
    s.set(1, 2, 5 * MINUTE_MS); // 8 - 2 + 1 = 7, ldt minute 5
    expect(s.policyValue(1, 5 * MINUTE_MS + 1)).toBe(7);
    // A key that expired and is written again starts afresh at 5.
    s.set(2, 1, 0, { ttlMs: 10 });
    for (let i = 0; i < 5; i++) s.get(2, 1);
    s.set(2, 1, 20);
    expect(s.policyValue(2, 20)).toBe(LFU_INIT_VAL);
  });

  it('lfu-decay-time 0 never decays', () => {
    const s = keyStore('allkeys-lfu', 10, redisLfu(0));
    s.set(1, 1, 0);
    s.get(1, 0);
    expect(s.policyValue(1, 1000 * MINUTE_MS)).toBe(LFU_INIT_VAL + 1);
  });
});
