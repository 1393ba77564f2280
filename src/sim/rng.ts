/**
 * Seeded pseudo-random numbers for the model. Nothing in src/sim may use Math.random: the same
 * scenario and seed must give the same run, byte for byte, in Node, a Web Worker and tests.
 *
 * Generator: a 32-bit state stepped by a Weyl sequence and mixed like SplitMix32 / Mulberry32.
 * Independent streams for different purposes (arrivals, keys, latencies, ...) are derived from the
 * scenario seed and a stream number, so adding draws to one purpose never shifts another.
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform unsigned 32-bit integer. */
  nextU32(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Exponential variate with the given mean (mean 0 gives 0). */
  exponential(mean: number): number;
  /**
   * An independent copy at the current position: it yields the same future sequence as this
   * generator, and drawing from either leaves the other untouched (checkpoints, replays).
   */
  clone(): Rng;
  /** The generator's whole state (checkpoints): `setState` of it replays the same sequence. */
  getState(): number;
  setState(state: number): void;
}

function mix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Named streams so each purpose draws from its own sequence. */
export const RNG_STREAM = {
  arrivals: 1,
  keys: 2,
  ops: 3,
  dbLatency: 4,
  ttlJitter: 5,
  eviction: 6,
  xfetch: 7,
  misc: 8,
  lfu: 9,
  /** The cache store's active expiry cycle (its random picks among keys with a TTL). */
  activeExpire: 10,
  /** Whether a request during a scan goes to the scan (`workload.scan`). */
  scan: 11,
} as const;

export function createRng(seed: number, stream = 0): Rng {
  return rngAt(mix32((seed >>> 0) ^ Math.imul(stream + 1, 0x9e3779b9)));
}

/** A generator whose next draw continues from `initialState` (the whole state is one int32). */
function rngAt(initialState: number): Rng {
  let state = initialState;
  const nextU32 = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = (): number => nextU32() / 4294967296;
  return {
    next,
    nextU32,
    int: (n) => Math.floor(next() * n),
    exponential: (mean) => (mean <= 0 ? 0 : -Math.log(1 - next()) * mean),
    clone: () => rngAt(state),
    getState: () => state,
    setState: (s) => {
      state = s | 0;
    },
  };
}
