/**
 * Key sequences for numeric drills checked with the trace runner instead of the engine: the
 * policies that need the future (`opt`) cannot run live, and a scan is easiest to state as a key
 * sequence. Each trace is deterministic (seeded), so a drill's answer never changes between runs.
 */
import type { AnyPolicyId } from '../../../sim/cache/cache-types';
import { runPolicy } from '../../../sim/trace/trace-runner';
import { zipfTrace } from '../../../sim/trace/synthetic-trace';
import type { Trace } from '../../../sim/trace/trace-types';

/** Zipf part of the scan trace: requests, distinct keys, skew and seed. */
export const SCAN_TRACE_ZIPF = { requests: 20_000, keySpace: 1_000, alpha: 0.9, seed: 7 } as const;
/** A scan of `scanKeys` never-seen keys is inserted after every `everyRequests` Zipf requests. */
export const SCAN_TRACE_SCAN = { everyRequests: 2_000, scanKeys: 300 } as const;

/**
 * A Zipf workload interrupted by scans: after every SCAN_TRACE_SCAN.everyRequests Zipf requests,
 * SCAN_TRACE_SCAN.scanKeys keys that are read once and never again (one-hit wonders).
 */
export function zipfWithScansTrace(): Trace {
  const z = zipfTrace(
    SCAN_TRACE_ZIPF.requests,
    SCAN_TRACE_ZIPF.keySpace,
    SCAN_TRACE_ZIPF.alpha,
    SCAN_TRACE_ZIPF.seed,
  );
  const scans = Math.floor(SCAN_TRACE_ZIPF.requests / SCAN_TRACE_SCAN.everyRequests);
  const keys = new Int32Array(z.keys.length + scans * SCAN_TRACE_SCAN.scanKeys);
  let next = z.uniqueKeys;
  let out = 0;
  for (let i = 0; i < z.keys.length; i++) {
    keys[out++] = z.keys[i] ?? 0;
    if ((i + 1) % SCAN_TRACE_SCAN.everyRequests === 0) {
      for (let s = 0; s < SCAN_TRACE_SCAN.scanKeys; s++) keys[out++] = next++;
    }
  }
  return { keys, uniqueKeys: next };
}

/**
 * A loop over `loopKeys` keys repeated `rounds` times (0, 1, ..., loopKeys - 1, 0, 1, ...): the
 * access pattern of a job that rereads the same rows in order.
 */
export function loopTrace(loopKeys: number, rounds: number): Trace {
  const keys = new Int32Array(loopKeys * rounds);
  for (let i = 0; i < keys.length; i++) keys[i] = i % loopKeys;
  return { keys, uniqueKeys: loopKeys };
}

/** Hit ratio in percent of `policy` holding `sizeKeys` keys on `trace`. */
export function traceHitPct(policy: AnyPolicyId, trace: Trace, sizeKeys: number): number {
  return runPolicy(policy, trace.keys, trace.uniqueKeys, sizeKeys).hitRatio * 100;
}
