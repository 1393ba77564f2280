/**
 * Sample traces for people without one: seeded, pure key-id sequences (ids dense, in order of
 * first appearance, as a trace reader numbers them). Zipf comes from the trace pipeline's own
 * generator; the others are shapes that each defeat some policy.
 */
import { createRng } from '../../sim/rng';
import { zipfTrace } from '../../sim/trace/synthetic-trace';
import type { Trace } from '../../sim/trace/trace-types';

export const SAMPLE_IDS = ['zipf', 'zipf-scans', 'loop', 'shifting'] as const;
export type SampleId = (typeof SAMPLE_IDS)[number];

export const SAMPLE_LABELS: Readonly<Record<SampleId, string>> = {
  zipf: 'Zipf (alpha 1)',
  'zipf-scans': 'Zipf with scans',
  loop: 'Loop one key larger than a cache',
  shifting: 'Shifting hot set',
};

const SAMPLE_REQUESTS = 200_000;
const SAMPLE_KEY_SPACE = 10_000;
/** The loop's length is this cache size + 1 key: LRU at LOOP_CACHE_KEYS then never hits. */
export const LOOP_CACHE_KEYS = 1_000;

/** Renumbers raw keys densely in order of first appearance. */
export function denseTrace(raw: Int32Array): Trace {
  const ids = new Map<number, number>();
  const keys = new Int32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const k = raw[i] ?? 0;
    let id = ids.get(k);
    if (id === undefined) {
      id = ids.size;
      ids.set(k, id);
    }
    keys[i] = id;
  }
  return { keys, uniqueKeys: ids.size };
}

/**
 * Zipf requests interrupted every `scanEvery` requests by a scan of `scanLength` keys never seen
 * before (a batch job reading through cold data): scan-resistant policies keep the hot set.
 */
export function zipfWithScans(
  requests: number,
  keySpace: number,
  alpha: number,
  scanEvery: number,
  scanLength: number,
  seed: number,
): Trace {
  const base = zipfTrace(requests, keySpace, alpha, seed).keys;
  const raw = new Int32Array(requests);
  let nextCold = keySpace;
  let b = 0;
  for (let i = 0; i < requests;) {
    const inScan = i % (scanEvery + scanLength) >= scanEvery;
    raw[i++] = inScan ? nextCold++ : (base[b++] ?? 0);
  }
  return denseTrace(raw);
}

/** Keys 0..loopKeys-1 in order, over and over: LRU and FIFO miss every time below loopKeys. */
export function loopTrace(requests: number, loopKeys: number): Trace {
  const raw = new Int32Array(requests);
  for (let i = 0; i < requests; i++) raw[i] = i % loopKeys;
  return denseTrace(raw);
}

/**
 * A hot set of `hotKeys` keys taking `hotFraction` of requests, the rest uniform over `keySpace`;
 * every `phaseRequests` requests the hot set moves to fresh keys (yesterday's news goes cold).
 */
export function shiftingHotSet(
  requests: number,
  keySpace: number,
  hotKeys: number,
  hotFraction: number,
  phaseRequests: number,
  seed: number,
): Trace {
  const rng = createRng(seed);
  const raw = new Int32Array(requests);
  for (let i = 0; i < requests; i++) {
    const phase = Math.floor(i / phaseRequests);
    raw[i] =
      rng.next() < hotFraction ? keySpace + phase * hotKeys + rng.int(hotKeys) : rng.int(keySpace);
  }
  return denseTrace(raw);
}

/** The sample trace `id` (fixed seeds, so a sample gives the same curve every time). */
export function sampleTrace(id: SampleId): Trace {
  switch (id) {
    case 'zipf':
      return zipfTrace(SAMPLE_REQUESTS, SAMPLE_KEY_SPACE, 1, 1);
    case 'zipf-scans':
      return zipfWithScans(SAMPLE_REQUESTS, SAMPLE_KEY_SPACE, 1, 20_000, 2_000, 2);
    case 'loop':
      return loopTrace(SAMPLE_REQUESTS, LOOP_CACHE_KEYS + 1);
    case 'shifting':
      return shiftingHotSet(SAMPLE_REQUESTS, SAMPLE_KEY_SPACE, 200, 0.8, 25_000, 3);
  }
}
