import { describe, expect, it } from 'vitest';
import { ALL_POLICY_IDS } from '../cache/cache-types';
import { zipfTrace } from './synthetic-trace';
import { isTraceRunnable, runPolicy } from './trace-runner';

describe('trace runner', () => {
  const { keys, uniqueKeys } = zipfTrace(20_000, 2_000, 0.9, 1);
  const runnable = ALL_POLICY_IDS.filter(isTraceRunnable);

  it('runs every policy that may evict any key, and none of the others', () => {
    expect(runnable).toEqual(
      ALL_POLICY_IDS.filter((id) => !id.startsWith('volatile-') && id !== 'noeviction'),
    );
    expect(runnable).toContain('opt');
    expect(() => runPolicy('volatile-lru', keys, uniqueKeys, 10)).toThrow(/cannot run/);
    expect(() => runPolicy('noeviction', keys, uniqueKeys, 10)).toThrow(/cannot run/);
  });

  it('gives Belady the most hits, and every policy the compulsory-miss bound when all fits', () => {
    const opt = runPolicy('opt', keys, uniqueKeys, 200).hits;
    for (const id of runnable) {
      const r = runPolicy(id, keys, uniqueKeys, 200);
      expect(r.hits).toBeLessThanOrEqual(opt);
      expect(r.requests).toBe(keys.length);
      expect(r.hitRatio).toBe(r.hits / keys.length);
      expect(runPolicy(id, keys, uniqueKeys, uniqueKeys).hits).toBe(keys.length - uniqueKeys);
    }
  });

  it('is deterministic, random eviction included', () => {
    expect(runPolicy('allkeys-random', keys, uniqueKeys, 100)).toEqual(
      runPolicy('allkeys-random', keys, uniqueKeys, 100),
    );
  });

  it('rejects a size that is not a whole number of keys >= 1', () => {
    for (const size of [0, -1, 1.5, NaN])
      expect(() => runPolicy('fifo', keys, uniqueKeys, size)).toThrow(RangeError);
  });
});
