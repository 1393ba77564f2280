import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import {
  createPopularitySampler,
  hotKeyCount,
  popularityProbabilities,
  type PopularitySpec,
} from './popularity';

const empirical = (spec: PopularitySpec, keys: number, draws: number, seed = 1) => {
  const s = createPopularitySampler(spec, keys, createRng(seed, 2));
  const counts = new Float64Array(keys);
  let outOfRange = 0;
  for (let i = 0; i < draws; i++) {
    const k = s.next();
    if (k < 0 || k >= keys || !Number.isInteger(k)) outOfRange++;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  expect(outOfRange).toBe(0);
  return counts.map((c) => c / draws);
};

describe('popularity', () => {
  it('probability vectors sum to 1 and zipf is decreasing from key 0', () => {
    for (const spec of [
      { kind: 'zipf', alpha: 0.9 },
      { kind: 'uniform' },
      { kind: 'hotspot', hotKeyFraction: 0.2, hotRequestFraction: 0.8 },
    ] as const) {
      const p = popularityProbabilities(spec, 1000);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    }
    const z = popularityProbabilities({ kind: 'zipf', alpha: 1 }, 100);
    expect((z[0] ?? 0) / (z[1] ?? 1)).toBeCloseTo(2, 10);
    expect(popularityProbabilities({ kind: 'unique' }, 10).every((x) => x === 0)).toBe(true);
  });

  it('zipf sampler (alias method) matches the probability vector', () => {
    const spec = { kind: 'zipf', alpha: 0.9 } as const;
    const p = popularityProbabilities(spec, 50);
    const f = empirical(spec, 50, 500_000);
    for (let i = 0; i < 50; i++) expect(Math.abs((f[i] ?? 0) - (p[i] ?? 0))).toBeLessThan(0.003);
  });

  it('uniform and hotspot samplers match their vectors', () => {
    const hot = { kind: 'hotspot', hotKeyFraction: 0.2, hotRequestFraction: 0.8 } as const;
    const f = empirical(hot, 100, 400_000);
    const hotShare = f.slice(0, hotKeyCount(100, 0.2)).reduce((a, b) => a + b, 0);
    expect(Math.abs(hotShare - 0.8)).toBeLessThan(0.005);
    const u = empirical({ kind: 'uniform' }, 10, 200_000);
    for (const x of u) expect(Math.abs(x - 0.1)).toBeLessThan(0.005);
  });

  it('unique hands out fresh ids from N upward', () => {
    const s = createPopularitySampler({ kind: 'unique' }, 1000, createRng(1));
    expect([s.next(), s.next(), s.next()]).toEqual([1000, 1001, 1002]);
  });

  it('is deterministic for a seed', () => {
    const a = createPopularitySampler({ kind: 'zipf', alpha: 1.2 }, 1000, createRng(9, 2));
    const b = createPopularitySampler({ kind: 'zipf', alpha: 1.2 }, 1000, createRng(9, 2));
    for (let i = 0; i < 1000; i++) expect(a.next()).toBe(b.next());
  });
});
