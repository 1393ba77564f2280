import { describe, expect, it } from 'vitest';
import type { AnyPolicyId } from '../../sim/cache/cache-types';
import { curveSummary } from './curve-chart';

function row(policy: AnyPolicyId, size: number, hits: number) {
  return { policy, size, hits, requests: 100, hitRatio: hits / 100 };
}

describe('curveSummary', () => {
  it('reads each policy at the middle and the largest size', () => {
    const results = [
      row('allkeys-lru', 1, 0),
      row('allkeys-lru', 10, 40),
      row('allkeys-lru', 100, 90),
      row('opt', 1, 5),
      row('opt', 10, 60),
      row('opt', 100, 90),
    ];
    expect(curveSummary({ results, policies: ['allkeys-lru', 'opt'], sizes: [1, 10, 100] })).toBe(
      'Hit ratio against cache size in keys (log scale), 3 sizes from 1 to 100: ' +
        'allkeys-lru 40.0% at 10 and 90.0% at 100; opt 60.0% at 10 and 90.0% at 100.',
    );
  });
  it('says when no sizes were tried', () => {
    expect(curveSummary({ results: [], policies: ['allkeys-lru'], sizes: [] })).toBe(
      'No sizes were tried.',
    );
  });
});
