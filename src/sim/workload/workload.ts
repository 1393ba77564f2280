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
  /** Key for the next request at simulated time `nowMs`; {@link NO_MORE_KEYS} after a trace's last. */
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

/** Streams and data a workload may need beyond the key and ops streams. */
export interface WorkloadExtras {
  /** Stream for the scan draws (RNG_STREAM.scan); needed when `workload.scan` is set. */
  readonly scanRng?: Rng | undefined;
  /** The key sequence of a trace replay; needed when `workload.popularity.kind` is `trace`. */
  readonly traceKeys?: Int32Array | undefined;
}

/** Returned by `nextKey` once a trace replay has used every key of its trace. */
export const NO_MORE_KEYS = -1;

/**
 * A trace replay: keys in the trace's order, then {@link NO_MORE_KEYS}. The position is the
 * index of the next key (checkpoints).
 */
function traceSampler(
  spec: Extract<Scenario['workload']['popularity'], { kind: 'trace' }>,
  keys: Int32Array | undefined,
): KeySampler {
  if (keys?.length !== spec.requests)
    throw new Error(
      keys === undefined
        ? `This scenario replays the trace "${spec.name}" (${spec.requests} requests), whose key sequence is not loaded: open the trace on the Traces page and press Replay in the Playground.`
        : `The loaded key sequence has ${keys.length} requests; the scenario's trace "${spec.name}" has ${spec.requests}.`,
    );
  let at = 0;
  return {
    keys: spec.uniqueKeys,
    next: () => (at < keys.length ? (keys[at++] ?? NO_MORE_KEYS) : NO_MORE_KEYS),
    position: () => at,
    seek: (p) => {
      at = p;
    },
  };
}

/**
 * Key draws shaped by `workload.scan` and `workload.shift` around a popularity sampler.
 *
 * Shift: the popularity rank `r` drawn at time `t` is key `(r + floor(t / everyMs) * shift) mod
 * keys`, so at each multiple of `everyMs` the hot set lands `shift` keys further along.
 *
 * Scan: scans begin at every positive multiple of `everyMs`, each `lengthKeys` long, so by time
 * `t` the scans owe `floor(t / everyMs) * lengthKeys` scan requests. While fewer have been made,
 * a request goes to the scan with probability `requestFraction` (one draw on the scan stream) and
 * reads fresh key `keys + made`. The count made so far is the whole state (checkpoints), the scan
 * stream's own state aside.
 */
function shapedSampler(w: Scenario['workload'], base: KeySampler, scanRng: Rng | null): KeySampler {
  const n = base.keys;
  const shiftEvery = w.shift?.everyMs ?? Infinity;
  const shiftBy =
    w.shift === null ? 0 : Math.min(n - 1, Math.max(1, Math.round(n * w.shift.keyFraction)));
  const scanEvery = w.scan?.everyMs ?? Infinity;
  const scanLength = w.scan?.lengthKeys ?? 0;
  const scanFraction = w.scan?.requestFraction ?? 0;
  if (w.scan !== null && scanRng === null) throw new Error('workload.scan needs the scan stream');
  let scanned = 0;
  const shifted = (nowMs: number): number => {
    const r = base.next();
    if (shiftBy === 0 || nowMs < shiftEvery) return r;
    const epoch = Math.floor(nowMs / shiftEvery);
    return (r + (((epoch % n) * shiftBy) % n)) % n;
  };
  return {
    keys: n,
    next: () => base.next(),
    nextAt(nowMs) {
      if (
        scanned < Math.floor(nowMs / scanEvery) * scanLength &&
        (scanRng?.next() ?? 1) < scanFraction
      )
        return n + scanned++;
      return shifted(nowMs);
    },
    position: () => scanned,
    seek: (p) => {
      scanned = p;
    },
  };
}

/**
 * Build the workload for a scenario.
 * @param keysRng stream for key draws (RNG_STREAM.keys): one draw per request
 * @param opsRng stream for read/write and viral draws (RNG_STREAM.ops)
 */
export function createWorkload(
  scenario: Scenario,
  keysRng: Rng,
  opsRng: Rng,
  extras: WorkloadExtras = {},
): Workload {
  const w = scenario.workload;
  const pop = w.popularity;
  const sampler: KeySampler =
    pop.kind === 'trace'
      ? traceSampler(pop, extras.traceKeys)
      : w.scan === null && w.shift === null
        ? createPopularitySampler(pop, w.keys, keysRng)
        : shapedSampler(w, createPopularitySampler(pop, w.keys, keysRng), extras.scanRng ?? null);
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
      return sampler.nextAt === undefined ? sampler.next() : sampler.nextAt(nowMs);
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
