/**
 * One call from a parsed trace to the report the CLI prints (and the Traces page will show):
 * trace statistics plus hits per (policy, size). LRU comes from the one-pass curve (exactly what
 * per-size simulation gives, see lru-mrc.test.ts); every other policy is simulated per size. With
 * a sample (fixed-rate or fixed-size), SHARDS runs everything on the sampled trace at sizes scaled by the rate (LRU's
 * curve is read at the fractional scaled size; simulated policies run at it rounded, at least 1).
 */
import type { AnyPolicyId } from '../cache/cache-types';
import { lruMissRatioCurve, type LruMissRatioCurve } from './lru-mrc';
import {
  scaledSize,
  shardsHitRatio,
  shardsMinReliableSize,
  shardsSample,
  shardsSampleFixedSize,
} from './shards';
import { hitRatio, runPolicy, type PolicyRunResult } from './trace-runner';
import { traceStats, type TraceStats } from './trace-stats';

/** How many sizes `autoSizes` aims for. */
export const AUTO_SIZE_COUNT = 12;

/**
 * About `count` log-spaced cache sizes from 1 to `uniqueKeys` (fewer when they round to the same
 * integer), ending at `uniqueKeys`, where every policy reaches the compulsory-miss bound.
 */
export function autoSizes(uniqueKeys: number, count = AUTO_SIZE_COUNT): number[] {
  if (uniqueKeys < 1) return [];
  const sizes = new Set<number>();
  for (let i = 0; i < count; i++)
    sizes.add(Math.max(1, Math.round(Math.pow(uniqueKeys, count === 1 ? 1 : i / (count - 1)))));
  return [...sizes].sort((a, b) => a - b);
}

export interface TraceReportOptions {
  readonly policies: readonly AnyPolicyId[];
  /** Cache sizes in keys (integers >= 1) as if for the full trace. */
  readonly sizes: readonly number[];
  /** Fixed-rate SHARDS at this rate in (0, 1]; absent or 1: exact. */
  readonly sampleRate?: number;
  /** Fixed-size SHARDS keeping at most this many keys (an integer >= 1); not with `sampleRate`. */
  readonly sampleKeys?: number;
}

/** What a SHARDS sample was, and how far its LRU curve was from the exact one. */
export interface TraceSampleInfo {
  readonly method: 'fixed-rate' | 'fixed-size';
  /** The effective rate R (fixed-size: where the threshold ended). */
  readonly rate: number;
  /** Fixed-size only: the key budget asked for. */
  readonly maxKeys?: number;
  readonly requests: number;
  readonly uniqueKeys: number;
  readonly minReliableSize: number;
  /**
   * The sampled LRU estimate against the exact LRU curve (one pass over the full trace), in hit
   * ratio, over the report's sizes of at least `minReliableSize` keys; null when there are none.
   */
  readonly lruError: {
    readonly sizes: number;
    readonly meanAbs: number;
    readonly maxAbs: number;
  } | null;
}

export interface TraceReport {
  /** Present when sampled: see `TraceSampleInfo`. */
  readonly trace: TraceStats & { readonly sample?: TraceSampleInfo };
  /**
   * One row per policy and size, policies in the order given. When sampled, `requests` is the full
   * trace's and `hits` = hitRatio x requests (rounded), hitRatio being SHARDS's adjusted estimate.
   */
  readonly results: PolicyRunResult[];
}

/**
 * What a simulated row needs: the keys to run (the sample, or the trace itself) and how to scale
 * back to the full trace. Plain data, so a page can copy it to a pool of workers.
 */
export interface TraceRunInput {
  readonly keys: Int32Array;
  readonly uniqueKeys: number;
  /** Requests in the full trace. */
  readonly fullRequests: number;
  /** SHARDS rate R; 1 and `sampled` false when exact. */
  readonly rate: number;
  readonly sampled: boolean;
}

/** A trace prepared for a report: stats, the keys to run, and the LRU curve over them. */
export interface PreparedTrace {
  readonly stats: TraceReport['trace'];
  readonly input: TraceRunInput;
  /** The exact LRU curve of the full trace (it also gives the reuse-distance histogram). */
  readonly exactCurve: LruMissRatioCurve;
  /** The LRU curve of the keys run (the exact one when not sampled). */
  readonly runCurve: LruMissRatioCurve;
}

/**
 * Hits of `policy` holding `sizeKeys` keys, the size clamped to the unique key count: past it
 * nothing is ever evicted, so every policy gives the same hits, and a huge size asked for
 * allocates no huge cache.
 */
function simulatedHits(
  policy: AnyPolicyId,
  keys: Int32Array,
  uniqueKeys: number,
  sizeKeys: number,
): number {
  if (keys.length === 0) return 0;
  return runPolicy(policy, keys, uniqueKeys, Math.min(sizeKeys, uniqueKeys)).hits;
}

/** The row for `hits` counted on the run keys at full-trace size `size`. */
function rowFromHits(
  input: TraceRunInput,
  policy: AnyPolicyId,
  size: number,
  hits: number,
): PolicyRunResult {
  const n = input.fullRequests;
  if (!input.sampled) return { policy, size, hits, requests: n, hitRatio: hitRatio(hits, n) };
  const ratio = shardsHitRatio(hits, input.keys.length, n, input.rate);
  return { policy, size, hits: Math.round(ratio * n), requests: n, hitRatio: ratio };
}

/** LRU's row at `size`, read off the run curve (exact, or SHARDS at the fractional scaled size). */
export function lruRow(prepared: PreparedTrace, size: number): PolicyRunResult {
  const { input, runCurve } = prepared;
  return rowFromHits(input, 'allkeys-lru', size, runCurve.hitsAt(size * input.rate));
}

/** A simulated policy's row at `size` (the SHARDS-scaled size when sampled). */
export function simulatedRow(
  input: TraceRunInput,
  policy: AnyPolicyId,
  size: number,
): PolicyRunResult {
  const hits = simulatedHits(policy, input.keys, input.uniqueKeys, scaledSize(size, input.rate));
  return rowFromHits(input, policy, size, hits);
}

/**
 * Everything before the per-policy runs: stats, the sample (when asked for), the exact LRU curve
 * and, when sampled, the sample's curve and its measured error at `sizes`.
 */
export function prepareTrace(
  keys: Int32Array,
  uniqueKeys: number,
  options: Omit<TraceReportOptions, 'policies'>,
): PreparedTrace {
  if (options.sampleRate !== undefined && options.sampleKeys !== undefined)
    throw new RangeError('sample either at a rate or to a key budget, not both');
  const stats = traceStats(keys, uniqueKeys);
  const exactCurve = lruMissRatioCurve(keys, uniqueKeys);
  const sampled =
    options.sampleKeys !== undefined
      ? shardsSampleFixedSize(keys, uniqueKeys, options.sampleKeys)
      : options.sampleRate === undefined || options.sampleRate >= 1
        ? null
        : shardsSample(keys, uniqueKeys, options.sampleRate);
  if (sampled === null)
    return {
      stats,
      input: { keys, uniqueKeys, fullRequests: keys.length, rate: 1, sampled: false },
      exactCurve,
      runCurve: exactCurve,
    };
  const input: TraceRunInput = {
    keys: sampled.keys,
    uniqueKeys: sampled.uniqueKeys,
    fullRequests: keys.length,
    rate: sampled.rate,
    sampled: true,
  };
  const prepared: PreparedTrace = {
    stats,
    input,
    exactCurve,
    runCurve: lruMissRatioCurve(sampled.keys, sampled.uniqueKeys),
  };
  const minReliableSize = shardsMinReliableSize(sampled.rate);
  const errors = options.sizes
    .filter((size) => size >= minReliableSize)
    .map((size) =>
      Math.abs(lruRow(prepared, size).hitRatio - hitRatio(exactCurve.hitsAt(size), keys.length)),
    );
  const sample: TraceSampleInfo = {
    method: options.sampleKeys === undefined ? 'fixed-rate' : 'fixed-size',
    rate: sampled.rate,
    ...(options.sampleKeys === undefined ? {} : { maxKeys: options.sampleKeys }),
    requests: sampled.keys.length,
    uniqueKeys: sampled.uniqueKeys,
    minReliableSize,
    lruError:
      errors.length === 0
        ? null
        : {
            sizes: errors.length,
            meanAbs: errors.reduce((a, b) => a + b, 0) / errors.length,
            maxAbs: Math.max(...errors),
          },
  };
  return { ...prepared, stats: { ...stats, sample } };
}

/** The report: `prepareTrace`, then every policy at every size (LRU off its curve). */
export function traceReport(
  keys: Int32Array,
  uniqueKeys: number,
  options: TraceReportOptions,
): TraceReport {
  const prepared = prepareTrace(keys, uniqueKeys, options);
  const results: PolicyRunResult[] = [];
  for (const policy of options.policies)
    for (const size of options.sizes)
      results.push(
        policy === 'allkeys-lru'
          ? lruRow(prepared, size)
          : simulatedRow(prepared.input, policy, size),
      );
  return { trace: prepared.stats, results };
}
