/**
 * One call from a parsed trace to the report the CLI prints (and the Traces page will show):
 * trace statistics plus hits per (policy, size). LRU comes from the one-pass curve (exactly what
 * per-size simulation gives, see lru-mrc.test.ts); every other policy is simulated per size. With
 * a sample rate, SHARDS runs everything on the sampled trace at sizes scaled by the rate (LRU's
 * curve is read at the fractional scaled size; simulated policies run at it rounded, at least 1).
 */
import type { AnyPolicyId } from '../cache/cache-types';
import { lruMissRatioCurve, type LruMissRatioCurve } from './lru-mrc';
import { scaledSize, shardsHitRatio, shardsMinReliableSize, shardsSample } from './shards';
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
  /** SHARDS rate in (0, 1]; absent or 1: exact. */
  readonly sampleRate?: number;
}

export interface TraceReport {
  readonly trace: TraceStats & {
    /**
     * Present when sampled: the SHARDS rate used, the sampled trace's size, and the smallest cache
     * size whose estimate is reliable (`shardsMinReliableSize`).
     */
    readonly sample?: {
      readonly rate: number;
      readonly requests: number;
      readonly uniqueKeys: number;
      readonly minReliableSize: number;
    };
  };
  /**
   * One row per policy and size, policies in the order given. When sampled, `requests` is the full
   * trace's and `hits` = hitRatio x requests (rounded), hitRatio being SHARDS's adjusted estimate.
   */
  readonly results: PolicyRunResult[];
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

export function traceReport(
  keys: Int32Array,
  uniqueKeys: number,
  options: TraceReportOptions,
): TraceReport {
  const stats = traceStats(keys, uniqueKeys);
  const sampled =
    options.sampleRate === undefined || options.sampleRate >= 1
      ? null
      : shardsSample(keys, uniqueKeys, options.sampleRate);
  const runKeys = sampled?.keys ?? keys;
  const runUnique = sampled?.uniqueKeys ?? uniqueKeys;
  const rate = sampled?.rate ?? 1;
  let curve: LruMissRatioCurve | null = null;
  const results: PolicyRunResult[] = [];
  for (const policy of options.policies) {
    for (const size of options.sizes) {
      const hits =
        policy === 'allkeys-lru'
          ? (curve ??= lruMissRatioCurve(runKeys, runUnique)).hitsAt(size * rate)
          : simulatedHits(policy, runKeys, runUnique, scaledSize(size, rate));
      const ratio =
        sampled === null
          ? hitRatio(hits, keys.length)
          : shardsHitRatio(hits, runKeys.length, keys.length, rate);
      results.push({
        policy,
        size,
        hits: sampled === null ? hits : Math.round(ratio * keys.length),
        requests: keys.length,
        hitRatio: ratio,
      });
    }
  }
  return {
    trace:
      sampled === null
        ? stats
        : {
            ...stats,
            sample: {
              rate,
              requests: sampled.keys.length,
              uniqueKeys: sampled.uniqueKeys,
              minReliableSize: shardsMinReliableSize(rate),
            },
          },
    results,
  };
}
