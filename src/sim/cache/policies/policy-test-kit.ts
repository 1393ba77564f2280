/**
 * Test support for policies (not used by production code): `expectSameHitsAsReference`, the
 * equivalence harness every policy test runs — the policy, driven through the real store, must hit
 * and miss request for request like a plain reference implementation, on many small random traces
 * and on Zipf traces.
 */
import { fc, test as fcTest } from '@fast-check/vitest';
import { expect, it } from 'vitest';
import { keyStore, makeTrace, replayHitFlags } from '../cache-test-helpers';
import type { AnyPolicyId } from '../cache-types';

/** A reference implementation: the hit (true) or miss of each request of a read-through replay. */
export type ReferencePolicy = (trace: readonly number[], capacity: number) => boolean[];

/** Hit flags of a read-through replay through the real store (capacity in keys). */
export function storeHitFlags(
  policy: AnyPolicyId,
  capacity: number,
  trace: readonly number[],
): boolean[] {
  const keys = Int32Array.from(trace);
  const store = keyStore(policy, capacity, { mode: 'exact' }, 1, keys);
  return Array.from(replayHitFlags(store, keys), (f) => f === 1);
}

/**
 * Random small cases: capacity 1-8 half of the time (where ties and corner cases live), else
 * 1-40; up to 600 requests over 1 to 3c + 2 keys, drawn uniformly or skewed toward low key ids
 * (P(k) falls linearly), so that hits, ghosts and frequencies all occur.
 */
export const smallTraceCase = fc
  .oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 40 }))
  .chain((capacity) =>
    fc.record({
      capacity: fc.constant(capacity),
      keys: fc.integer({ min: 1, max: 3 * capacity + 2 }),
      skewed: fc.boolean(),
    }),
  )
  .chain(({ capacity, keys, skewed }) =>
    fc
      .array(
        skewed
          ? fc
              .integer({ min: 0, max: keys * keys - 1 })
              .map((x) => keys - 1 - Math.floor(Math.sqrt(x)))
          : fc.integer({ min: 0, max: keys - 1 }),
        { maxLength: 600 },
      )
      .map((trace) => ({ capacity, trace })),
  );

/** Zipf cases of the equivalence tests (20,000 requests each). */
export interface ZipfCase {
  readonly keys: number;
  readonly alpha: number;
  readonly capacity: number;
}

const ZIPF_CASES: readonly ZipfCase[] = [
  { keys: 500, alpha: 0.9, capacity: 50 },
  { keys: 2_000, alpha: 0.7, capacity: 300 },
];

/** Declares the equivalence tests of `policy` against `reference` (call inside a describe). */
export function expectSameHitsAsReference(
  policy: AnyPolicyId,
  reference: ReferencePolicy,
  {
    numRuns = 300,
    zipfCases = ZIPF_CASES,
  }: { numRuns?: number; zipfCases?: readonly ZipfCase[] } = {},
): void {
  fcTest.prop([smallTraceCase], { numRuns })(
    'hits and misses like the reference, request for request, on random traces',
    ({ capacity, trace }) => {
      expect(storeHitFlags(policy, capacity, trace)).toEqual(reference(trace, capacity));
    },
  );
  it.each(zipfCases)(
    'hits and misses like the reference on Zipf(alpha=$alpha), C=$capacity',
    (c) => {
      const trace = Array.from(makeTrace({ kind: 'zipf', alpha: c.alpha }, c.keys, 20_000, 7));
      const expected = reference(trace, c.capacity);
      expect(expected.filter(Boolean).length).toBeGreaterThan(0);
      expect(storeHitFlags(policy, c.capacity, trace)).toEqual(expected);
    },
  );
}
