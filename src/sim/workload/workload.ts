/**
 * The client workload: which key each request touches, whether it is a read or a write, and the
 * per-key settings of its data type (TTL, value size, write fraction) from `workload.keyClasses`.
 *
 * Key classes take consecutive key-id ranges in list order (key 0 is the hottest), each
 * `keyShare * keys` wide; keys outside every class (and `unique` ids) use the scenario defaults.
 * Draws use their own seeded streams so that changing one purpose never shifts another.
 */
import type { Rng } from '../rng';
import { createPopularitySampler, type KeySampler } from './popularity';
import type { Scenario } from '../scenario/scenario-schema';

export interface Workload {
  /** Key for the next request at simulated time `nowMs`. */
  nextKey(nowMs: number): number;
  /** Whether a request for `key` is a write (one draw from the ops stream). */
  isWrite(key: number): boolean;
  /** TTL before jitter for `key`, or null for no TTL. */
  ttlFor(key: number): number | null;
  /** Live knob change: the TTL for keys outside any key class (`cache.ttlMs`). */
  setDefaultTtl(ttlMs: number | null): void;
  /** Value size of `key` in bytes. */
  bytesFor(key: number): number;
  /** The key sampler's state beyond the rng (checkpoints; 0 when it has none). */
  position(): number;
  seek(position: number): void;
  /** Class index of `key`, or -1 for the default class. */
  classOf(key: number): number;
}

/**
 * Build the workload for a scenario.
 * @param keysRng stream for key draws (RNG_STREAM.keys): one draw per request
 * @param opsRng stream for read/write and viral draws (RNG_STREAM.ops)
 */
export function createWorkload(scenario: Scenario, keysRng: Rng, opsRng: Rng): Workload {
  const w = scenario.workload;
  const sampler: KeySampler = createPopularitySampler(w.popularity, w.keys, keysRng);
  const classes = w.keyClasses;
  const bounds = new Int32Array(classes.length);
  let acc = 0;
  classes.forEach((c, i) => {
    acc += c.keyShare;
    bounds[i] = Math.round(acc * w.keys);
  });
  const nClasses = classes.length;
  const ttl = classes.map((c) => c.ttlMs);
  const writeFr = classes.map((c) => c.writeFraction ?? w.writeFraction);
  const bytes = classes.map((c) => c.valueBytes ?? w.valueBytes);
  // Mutable: a live TTL change must reach later SETs without rebuilding the key sampler (which
  // would restart the `unique` workload's fresh-id counter).
  let defaultTtl = scenario.cache.ttlMs;
  const defaultWrite = w.writeFraction;
  const defaultBytes = w.valueBytes;
  const viral = w.viral;
  const viralAt = viral?.atMs ?? Infinity;
  const viralKey = viral === null ? 0 : (viral.key ?? w.keys - 1);
  const viralFraction = viral?.requestFraction ?? 0;

  const classOf = (key: number): number => {
    for (let i = 0; i < nClasses; i++) if (key < (bounds[i] ?? 0)) return i;
    return -1;
  };
  return {
    nextKey(nowMs) {
      if (nowMs >= viralAt && opsRng.next() < viralFraction) return viralKey;
      return sampler.next();
    },
    isWrite(key) {
      if (nClasses === 0) return defaultWrite > 0 && opsRng.next() < defaultWrite;
      const c = classOf(key);
      const f = c < 0 ? defaultWrite : (writeFr[c] ?? defaultWrite);
      return f > 0 && opsRng.next() < f;
    },
    setDefaultTtl(ttlMs) {
      defaultTtl = ttlMs;
    },
    ttlFor(key) {
      if (nClasses === 0) return defaultTtl;
      const c = classOf(key);
      return c < 0 ? defaultTtl : (ttl[c] ?? null);
    },
    bytesFor(key) {
      if (nClasses === 0) return defaultBytes;
      const c = classOf(key);
      return c < 0 ? defaultBytes : (bytes[c] ?? defaultBytes);
    },
    classOf,
    position: () => sampler.position?.() ?? 0,
    seek: (p) => {
      sampler.seek?.(p);
    },
  };
}
