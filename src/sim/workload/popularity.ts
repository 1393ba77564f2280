/**
 * Key popularity: which key each request touches. Keys are dense ids 0..keys-1 with key 0 the
 * hottest (zipf, hotspot), so "the top C keys" is simply ids < C. Every sampler draws from a seeded
 * Rng (one `next()` per draw) and allocates nothing per draw.
 *
 * The spec mirrors the scenario's `workload.popularity` (same field names), so a validated
 * scenario value can be passed straight in.
 */
import type { Rng } from '../rng';

/** Popularity distributions (field names as in the scenario contract). */
export type PopularitySpec =
  | {
      readonly kind: 'zipf';
      /** Skew; 0 is uniform, ~0.6-1.2 is typical of web traffic. */ readonly alpha: number;
    }
  | { readonly kind: 'uniform' }
  | { readonly kind: 'unique' }
  | {
      readonly kind: 'hotspot';
      /** Fraction of the key space that is hot (YCSB: 0.2); the hot keys are ids 0..hot-1. */
      readonly hotKeyFraction: number;
      /** Fraction of requests that go to the hot keys (YCSB: 0.8). */
      readonly hotRequestFraction: number;
    };

/** Draws key ids. */
export interface KeySampler {
  /** The next key id. */
  next(): number;
  /** The next key id for a request at simulated time `nowMs`, when it depends on time. */
  nextAt?(nowMs: number): number;
  /** Size of the key space (for `unique`: the first id handed out). */
  readonly keys: number;
  /** State beyond the rng (`unique`: the next id), for checkpoints. */
  position?(): number;
  seek?(position: number): void;
}

/** Number of hot keys of a hotspot over `keys` keys (at least one, at most all). */
export function hotKeyCount(keys: number, hotKeyFraction: number): number {
  return Math.min(keys, Math.max(1, Math.round(keys * hotKeyFraction)));
}

/**
 * Per-key request probability, key 0 first (sums to 1). For `unique` every request is a new key,
 * so no key has a repeat probability: the vector is all zeros (hit ratio 0 in theory).
 */
export function popularityProbabilities(spec: PopularitySpec, keys: number): Float64Array {
  const p = new Float64Array(keys);
  if (keys <= 0) return p;
  switch (spec.kind) {
    case 'zipf': {
      let sum = 0;
      for (let i = 0; i < keys; i++) {
        const w = 1 / Math.pow(i + 1, spec.alpha);
        p[i] = w;
        sum += w;
      }
      for (let i = 0; i < keys; i++) p[i] = (p[i] ?? 0) / sum;
      return p;
    }
    case 'uniform':
      return p.fill(1 / keys);
    case 'unique':
      return p;
    case 'hotspot': {
      const hot = hotKeyCount(keys, spec.hotKeyFraction);
      const cold = keys - hot;
      // With no cold keys every request is hot, whatever hotRequestFraction says.
      const hotMass = cold === 0 ? 1 : spec.hotRequestFraction;
      p.fill(hotMass / hot, 0, hot);
      if (cold > 0) p.fill((1 - hotMass) / cold, hot);
      return p;
    }
  }
}

/**
 * Walker/Vose alias table: O(keys) to build, O(1) and one uniform draw per sample. The draw's
 * integer part picks a column, its fractional part decides between the column and its alias.
 */
function aliasSampler(table: AliasTable, rng: Rng): KeySampler {
  const { prob, alias } = table;
  const n = prob.length;
  return {
    keys: n,
    next: () => {
      const u = rng.next() * n;
      const i = Math.floor(u);
      return u - i < (prob[i] ?? 1) ? i : (alias[i] ?? i);
    },
  };
}

/** An alias table (read-only once built): per column, its own probability and its alias. */
interface AliasTable {
  readonly prob: Float64Array;
  readonly alias: Int32Array;
}

/**
 * Zipf alias tables built lately, by "alpha/keys". Building one costs O(keys) powers (about
 * 150 ms for 2 M keys); a Reset, a checkpoint restore or a reload of the same scenario asks for
 * the same table again, and tables are never written after they are built, so engines share them.
 * Two are kept (a Compare lane or a preset beside the big scenario does not push it out).
 */
const zipfTables: { readonly id: string; readonly table: AliasTable }[] = [];
const ZIPF_TABLES_KEPT = 2;

function zipfTable(alpha: number, keys: number): AliasTable {
  const id = `${alpha}/${keys}`;
  const i = zipfTables.findIndex((t) => t.id === id);
  const found = zipfTables[i];
  if (found !== undefined) {
    zipfTables.splice(i, 1);
    zipfTables.push(found);
    return found.table;
  }
  const table = aliasTable(popularityProbabilities({ kind: 'zipf', alpha }, keys));
  zipfTables.push({ id, table });
  if (zipfTables.length > ZIPF_TABLES_KEPT) zipfTables.shift();
  return table;
}

function aliasTable(probabilities: Float64Array): AliasTable {
  const n = probabilities.length;
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  let ns = 0;
  let nl = 0;
  for (let i = 0; i < n; i++) {
    const s = (probabilities[i] ?? 0) * n;
    scaled[i] = s;
    if (s < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns] ?? 0;
    const l = large[nl - 1] ?? 0;
    prob[s] = scaled[s] ?? 0;
    alias[s] = l;
    const rest = (scaled[l] ?? 0) + (scaled[s] ?? 0) - 1;
    scaled[l] = rest;
    if (rest < 1) {
      nl--;
      small[ns++] = l;
    }
  }
  // Leftovers are 1 up to rounding error.
  while (nl > 0) prob[large[--nl] ?? 0] = 1;
  while (ns > 0) prob[small[--ns] ?? 0] = 1;
  return { prob, alias };
}

/** Creates a sampler over `keys` keys for the given distribution. */
export function createPopularitySampler(spec: PopularitySpec, keys: number, rng: Rng): KeySampler {
  const n = Math.max(1, Math.floor(keys));
  switch (spec.kind) {
    case 'zipf':
      return aliasSampler(zipfTable(spec.alpha, n), rng);
    case 'uniform':
      return { keys: n, next: () => rng.int(n) };
    case 'unique': {
      // Ids start at `keys`, so they never collide with the regular key space.
      let nextId = n;
      return {
        keys: n,
        next: () => nextId++,
        position: () => nextId,
        seek: (p) => {
          nextId = p;
        },
      };
    }
    case 'hotspot': {
      const hot = hotKeyCount(n, spec.hotKeyFraction);
      const cold = n - hot;
      const hotMass = cold === 0 ? 1 : spec.hotRequestFraction;
      return {
        keys: n,
        next: () => {
          // One draw: below hotMass picks a hot key, above it a cold key, each uniformly.
          const u = rng.next();
          return u < hotMass
            ? Math.min(hot - 1, Math.floor((u / hotMass) * hot))
            : hot + Math.min(cold - 1, Math.floor(((u - hotMass) / (1 - hotMass)) * cold));
        },
      };
    }
  }
}
