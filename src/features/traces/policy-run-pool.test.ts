import { describe, expect, it } from 'vitest';
import { createRng } from '../../sim/rng';
import { zipfTrace } from '../../sim/trace/synthetic-trace';
import { lruRow, prepareTrace, simulatedRow, traceReport } from '../../sim/trace/trace-report';
import type { AnyPolicyId } from '../../sim/cache/cache-types';
import { parsePoolMessage, PolicyRunPlan, poolSize } from './policy-run-pool';

/**
 * Runs a plan the way the hook does, with `workers` fake workers that finish in a seeded random
 * order: each free worker takes the next job; a random busy one completes.
 */
function runPooled(
  keys: Int32Array,
  uniqueKeys: number,
  policies: readonly AnyPolicyId[],
  sizes: readonly number[],
  workers: number,
  options: { sampleRate?: number; sampleKeys?: number } = {},
) {
  const prepared = prepareTrace(keys, uniqueKeys, { sizes, ...options });
  // Each worker gets its own copy of the keys, as the page transfers one to each.
  const inputs = Array.from({ length: workers }, () => ({
    ...prepared.input,
    keys: prepared.input.keys.slice(),
  }));
  const plan = new PolicyRunPlan(policies, sizes);
  const rng = createRng(99);
  const busy = new Map<number, { policy: AnyPolicyId; size: number }>();
  const handedTo: number[] = [];
  for (;;) {
    for (let w = 0; w < workers; w++) {
      if (busy.has(w)) continue;
      const job = plan.nextJob();
      if (job) {
        busy.set(w, job);
        handedTo.push(w);
      }
    }
    if (busy.size === 0) break;
    const ws = [...busy.keys()];
    const w = ws[Math.floor(rng.next() * ws.length)] ?? 0;
    const job = busy.get(w);
    busy.delete(w);
    if (job) plan.complete(simulatedRow(inputs[w] ?? prepared.input, job.policy, job.size));
  }
  expect(plan.finished).toBe(true);
  const lru = sizes.map((s) => lruRow(prepared, s));
  return { results: plan.merge(lru), trace: prepared.stats, handedTo };
}

describe('policy run pool', () => {
  it('sizes the pool from the cores, at least 2, at most 4, never more than the jobs', () => {
    expect(poolSize(undefined, 100)).toBe(2);
    expect(poolSize(1, 100)).toBe(2);
    expect(poolSize(2, 100)).toBe(2);
    expect(poolSize(3, 100)).toBe(3);
    expect(poolSize(64, 100)).toBe(4);
    expect(poolSize(64, 3)).toBe(3);
    expect(poolSize(8, 0)).toBe(0);
    expect(poolSize(Number.NaN, 5)).toBe(2);
  });

  it('gives exactly the rows of one traceReport call, whatever the workers and order', () => {
    const { keys, uniqueKeys } = zipfTrace(20_000, 3_000, 0.8, 2);
    const policies: AnyPolicyId[] = ['allkeys-lru', 's3fifo', 'sieve', 'opt', 'wtinylfu'];
    const sizes = [1, 7, 50, 400, 3000];
    const single = traceReport(keys, uniqueKeys, { policies, sizes });
    for (const workers of [1, 2, 3, 4]) {
      const pooled = runPooled(keys, uniqueKeys, policies, sizes, workers);
      expect(pooled.results).toEqual(single.results);
      expect(pooled.trace).toEqual(single.trace);
      expect(new Set(pooled.handedTo).size).toBe(workers);
    }
  });

  it('merges sampled runs (fixed-rate and fixed-size SHARDS) the same way', () => {
    const { keys, uniqueKeys } = zipfTrace(30_000, 20_000, 0.9, 3);
    const policies: AnyPolicyId[] = ['arc', 'allkeys-lru', '2q'];
    const sizes = [100, 1000, 10_000];
    for (const options of [{ sampleRate: 0.1 }, { sampleKeys: 500 }]) {
      const single = traceReport(keys, uniqueKeys, { policies, sizes, ...options });
      const pooled = runPooled(keys, uniqueKeys, policies, sizes, 2, options);
      expect(pooled.results).toEqual(single.results);
      expect(pooled.trace).toEqual(single.trace);
    }
  });

  it('hands out opt first, refuses rows nobody asked for, and names a missing one', () => {
    const plan = new PolicyRunPlan(['sieve', 'allkeys-lru', 'opt'], [10, 20]);
    expect(plan.total).toBe(4);
    expect(plan.nextJob()).toEqual({ policy: 'opt', size: 10 });
    const row = { policy: 'sieve' as const, size: 10, hits: 1, requests: 2, hitRatio: 0.5 };
    plan.complete(row);
    expect(() => {
      plan.complete(row);
    }).toThrow('came back twice');
    expect(() => {
      plan.complete({ ...row, size: 11 });
    }).toThrow('no run at size 11');
    expect(() => {
      plan.complete({ ...row, policy: 'allkeys-lru' });
    }).toThrow('no run of allkeys-lru');
    expect(plan.done).toBe(1);
    expect(() => plan.merge([])).toThrow('the run of sieve at 20 keys is missing');
  });

  it('checks the messages a pool worker receives', () => {
    expect(parsePoolMessage({ type: 'pool.run', policy: 'sieve', size: 3 })).toEqual({
      type: 'pool.run',
      policy: 'sieve',
      size: 3,
    });
    expect(parsePoolMessage({ type: 'pool.run', policy: 'noeviction', size: 3 })).toMatch('policy');
    expect(parsePoolMessage({ type: 'pool.run', policy: 'fifo', size: 0 })).toMatch('size');
    const input = {
      keys: new Int32Array(2),
      uniqueKeys: 1,
      fullRequests: 2,
      rate: 1,
      sampled: false,
    };
    expect(parsePoolMessage({ type: 'pool.load', input })).toEqual({ type: 'pool.load', input });
    expect(parsePoolMessage({ type: 'pool.load', input: { ...input, keys: [0, 0] } })).toMatch(
      'keys',
    );
    expect(parsePoolMessage({ type: 'pool.load', input: { ...input, rate: 0 } })).toMatch('rate');
    expect(parsePoolMessage('x')).toBe('not a pool message');
  });
});
