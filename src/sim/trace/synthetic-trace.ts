/**
 * Zipf key sequences for tests and the bench, from the workload's own seeded sampler. Ids are
 * renumbered in order of first appearance, exactly as a trace reader numbers keys.
 */
import { createRng } from '../rng';
import { createPopularitySampler } from '../workload/popularity';
import type { Trace } from './trace-types';

export function zipfTrace(requests: number, keySpace: number, alpha: number, seed: number): Trace {
  const sampler = createPopularitySampler({ kind: 'zipf', alpha }, keySpace, createRng(seed));
  const denseId = new Int32Array(keySpace).fill(-1);
  const keys = new Int32Array(requests);
  let uniqueKeys = 0;
  for (let i = 0; i < requests; i++) {
    const k = sampler.next();
    let id = denseId[k] ?? -1;
    if (id === -1) {
      id = uniqueKeys++;
      denseId[k] = id;
    }
    keys[i] = id;
  }
  return { keys, uniqueKeys };
}
