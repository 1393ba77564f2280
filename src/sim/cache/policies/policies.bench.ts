/**
 * Requests per second of each policy on a Zipf(0.9) trace over 100,000 keys with a cache of
 * 10,000 keys (issue 10 asks for >= 5 M/s per policy):
 * `npx vitest bench --run --project engine src/sim/cache`.
 * One iteration replays 1,000,000 requests read-through, so requests/s = hz x 1e6. "store" goes
 * through createCacheStore (GET, SET on a miss); "bare" drives the policy alone (PolicyDriver),
 * the shape of a trace runner.
 */
import { bench, describe } from 'vitest';
import { keyStore, makeTrace, replayHits } from '../cache-test-helpers';
import { ALL_POLICY_IDS } from '../cache-types';
import { PolicyDriver } from './policy-driver';
import { POLICY_REGISTRY } from './policy-registry';

const KEYS = 100_000;
const CAPACITY = 10_000;
const trace = makeTrace({ kind: 'zipf', alpha: 0.9 }, KEYS, 1_000_000, 1);
const ids = ALL_POLICY_IDS.filter((id) => id !== 'noeviction' && !POLICY_REGISTRY[id].volatileOnly);

describe('through the store', () => {
  for (const id of ids) {
    bench(id, () => {
      replayHits(keyStore(id, CAPACITY, { mode: 'exact' }, 1, trace), trace);
    });
  }
});

describe('bare policy', () => {
  for (const id of ids) {
    bench(id, () => {
      new PolicyDriver(POLICY_REGISTRY[id].create, CAPACITY, KEYS, trace).run(trace);
    });
  }
});
