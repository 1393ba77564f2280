/**
 * Per-operation DB latency: lognormal (right-skewed) around the configured mean, or fixed.
 * With sigma 0.5 the median is ~0.88x the mean and p99 ~2.8x: a few slow queries, as in practice.
 */
import type { Rng } from '../rng';

/** Shape of the lognormal spread (log-space standard deviation). */
export const DB_LATENCY_SIGMA = 0.5;

export interface LatencySampler {
  /** One latency sample in ms with the given mean (0 stays 0). */
  sample(meanMs: number): number;
  /** State beyond the rng (a spare normal), for checkpoints. */
  save?(): { spare: number; hasSpare: boolean };
  load?(s: { spare: number; hasSpare: boolean }): void;
}

export function createLatencySampler(variation: 'lognormal' | 'fixed', rng: Rng): LatencySampler {
  if (variation === 'fixed') return { sample: (meanMs) => meanMs };
  const shift = -(DB_LATENCY_SIGMA * DB_LATENCY_SIGMA) / 2;
  // The spare normal lives in an object field: a double in a closure `let` is re-boxed (a heap
  // allocation) on every write, an object field is updated in place.
  const bm = { spare: 0, hasSpare: false };
  const gaussian = (): number => {
    if (bm.hasSpare) {
      bm.hasSpare = false;
      return bm.spare;
    }
    // Box-Muller: two uniforms give two independent normals; keep the second.
    const u = 1 - rng.next();
    const v = rng.next();
    const r = Math.sqrt(-2 * Math.log(u));
    bm.spare = r * Math.sin(2 * Math.PI * v);
    bm.hasSpare = true;
    return r * Math.cos(2 * Math.PI * v);
  };
  return {
    sample: (meanMs) =>
      meanMs <= 0 ? 0 : meanMs * Math.exp(DB_LATENCY_SIGMA * gaussian() + shift),
    save: () => ({ ...bm }),
    load: (s) => {
      bm.spare = s.spare;
      bm.hasSpare = s.hasSpare;
    },
  };
}
