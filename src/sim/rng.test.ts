import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, RNG_STREAM } from './rng';

const draws = (rng: ReturnType<typeof createRng>, n: number): number[] =>
  Array.from({ length: n }, () => rng.nextU32());

describe('seeded rng', () => {
  it('keeps the sequence a seed and stream gave before (runs stay reproducible)', () => {
    const r = createRng(42, RNG_STREAM.eviction);
    expect([r.nextU32(), r.nextU32(), r.nextU32(), r.int(1000), r.next()]).toEqual([
      1243534490, 4260140413, 277348204, 213, 0.17635639407671988,
    ]);
  });

  it('gives every purpose its own stream', () => {
    const ids = Object.values(RNG_STREAM);
    expect(new Set(ids).size).toBe(ids.length);
    expect(draws(createRng(1, RNG_STREAM.activeExpire), 4)).not.toEqual(
      draws(createRng(1, RNG_STREAM.eviction), 4),
    );
  });

  it('clone continues with the same sequence and is independent of the original', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 12 }),
        fc.nat(50),
        (seed, stream, before) => {
          const a = createRng(seed, stream);
          draws(a, before);
          const b = a.clone();
          // Drawing from the clone first must not move the original.
          const fromClone = draws(b, 20);
          expect(draws(a, 20)).toEqual(fromClone);
          // And the other way round: the clone of a clone is just as independent.
          const c = a.clone();
          const fromOriginal = draws(a, 5);
          expect(draws(c, 5)).toEqual(fromOriginal);
        },
      ),
    );
  });
});
