/**
 * Trace -> policy -> hits: replays a key sequence read-through (a request is a hit, or a miss
 * followed by an insert) through a policy from the registry, at a cache size in keys. One policy
 * definition serves both this runner and the event engine.
 */
import type { AnyPolicyId } from '../cache/cache-types';
import { PolicyDriver } from '../cache/policies/policy-driver';
import { POLICY_REGISTRY } from '../cache/policies/policy-registry';

export interface PolicyRunResult {
  readonly policy: AnyPolicyId;
  readonly size: number;
  readonly hits: number;
  readonly requests: number;
  /** hits / requests; 0 for an empty trace. */
  readonly hitRatio: number;
}

/** hits / requests, 0 when there are no requests. */
export function hitRatio(hits: number, requests: number): number {
  return requests === 0 ? 0 : hits / requests;
}

/**
 * Policies a trace can run: those that may evict any key. `volatile-*` would never evict (a trace
 * has no TTLs) and `noeviction` refuses writes, so neither gives a meaningful hit ratio here.
 */
export function isTraceRunnable(id: AnyPolicyId): boolean {
  return !POLICY_REGISTRY[id].volatileOnly && id !== 'noeviction';
}

/**
 * Runs `keys` (dense ids below `uniqueKeys`) through policy `id` holding at most `sizeKeys` keys
 * (an integer >= 1), starting empty, in exact eviction mode. `opt` gets the trace as its future.
 */
export function runPolicy(
  id: AnyPolicyId,
  keys: Int32Array,
  uniqueKeys: number,
  sizeKeys: number,
): PolicyRunResult {
  if (!Number.isInteger(sizeKeys) || sizeKeys < 1)
    throw new RangeError(`cache size must be an integer >= 1 (got ${sizeKeys})`);
  if (!isTraceRunnable(id)) throw new RangeError(`policy ${id} cannot run on a trace`);
  const info = POLICY_REGISTRY[id];
  const driver = new PolicyDriver(
    info.create,
    sizeKeys,
    uniqueKeys,
    info.needsFuture ? keys : undefined,
  );
  const hits = driver.run(keys);
  return {
    policy: id,
    size: sizeKeys,
    hits,
    requests: keys.length,
    hitRatio: hitRatio(hits, keys.length),
  };
}
