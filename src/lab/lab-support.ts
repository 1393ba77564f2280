/**
 * Which scenarios the lab can reproduce on real servers, and how much this machine can drive.
 * Everything the lab cannot do faithfully is refused with the reason, never approximated.
 */
import type { Scenario } from '../sim/scenario/scenario-schema';
import { LAB_FAULT_KINDS } from './lab-faults';

/** Longest real run (wall-clock time). */
export const LAB_MAX_DURATION_MS = 600_000;
/** Most keys (table rows) the lab sets up. */
export const LAB_MAX_KEYS = 1_000_000;
/** Largest cache the lab sizes Redis for: capacity x value size. */
export const LAB_MAX_CACHE_BYTES = 1_000_000_000;
/** Most DB connections (the private cluster gets this many plus a few spare). */
export const LAB_MAX_POOL = 200;
/** Share of the measured maximum rate a scenario may use (headroom for timers, DB misses, GC). */
export const LAB_RATE_HEADROOM = 0.8;

export interface LabIssue {
  /** The scenario field (dot path) or option the problem is about. */
  readonly field: string;
  readonly message: string;
}

/** What in `sc` the lab cannot run on real servers (empty: it can). */
export function unsupportedFeatures(sc: Scenario): LabIssue[] {
  const out: LabIssue[] = [];
  const no = (field: string, why: string): void => {
    out.push({ field, message: why });
  };
  if (sc.durationMs > LAB_MAX_DURATION_MS)
    no(
      'durationMs',
      `is ${sc.durationMs} ms of wall-clock time; the lab runs at most ${LAB_MAX_DURATION_MS} ms (use --duration-ms)`,
    );
  if (sc.workload.keys > LAB_MAX_KEYS)
    no('workload.keys', `must be at most ${LAB_MAX_KEYS} for the lab (one table row per key)`);
  if (sc.workload.popularity.kind === 'unique')
    no(
      'workload.popularity.kind',
      '"unique" keys never repeat and need an unbounded table; the lab supports zipf, uniform and hotspot',
    );
  if (sc.workload.script.length > 0)
    no('workload.script', 'scripted requests are not replayed on real servers (Poisson only)');
  sc.faults.forEach((f, i) => {
    if (!(LAB_FAULT_KINDS as readonly string[]).includes(f.kind))
      no(
        `faults.${i}.kind`,
        `${f.kind} is not reproduced on real servers (the lab does: ${LAB_FAULT_KINDS.join(', ')})`,
      );
  });
  if (sc.pattern.write === 'write-behind')
    no('pattern.write', 'write-behind (a buffering flusher) is not implemented in the lab');
  if (sc.pattern.eventInvalidation !== null)
    no('pattern.eventInvalidation', 'event-driven invalidation is not implemented in the lab');
  if (sc.db.replica !== null)
    no('db.replica', 'a lagging replica is not set up by the lab (one PostgreSQL primary)');
  if (sc.app.l1 !== null) no('app.l1', 'the in-process L1 cache is not implemented in the lab');
  if (sc.stampede.earlyRefresh !== null)
    no('stampede.earlyRefresh', 'probabilistic early refresh is not implemented in the lab');
  if (sc.db.maxConcurrent > LAB_MAX_POOL)
    no('db.maxConcurrent', `must be at most ${LAB_MAX_POOL} for the lab (real connections)`);
  const cap = cacheKeysFor(sc);
  if (cap !== null && cap * sc.workload.valueBytes > LAB_MAX_CACHE_BYTES)
    no(
      'cache.capacityKeys',
      `x workload.valueBytes is more than ${LAB_MAX_CACHE_BYTES} bytes; the lab sizes Redis for at most that`,
    );
  return out;
}

/** How many keys the cache should hold: capacityKeys, limited by capacityBytes (null: unlimited). */
export function cacheKeysFor(sc: Scenario): number | null {
  let n = sc.cache.capacityKeys;
  if (sc.cache.capacityBytes !== null) {
    const byBytes = Math.floor(sc.cache.capacityBytes / sc.workload.valueBytes);
    n = n === null ? byBytes : Math.min(n, byBytes);
  }
  return n;
}

/**
 * Why `rate` (at its peak: `peakFactor` times it during a traffic spike) is too much for a
 * machine measured at `maxRate`, or null when it is fine.
 */
export function rateProblem(rate: number, maxRate: number, peakFactor = 1): string | null {
  const allowed = Math.floor(maxRate * LAB_RATE_HEADROOM);
  if (rate * peakFactor <= allowed) return null;
  return `workload.requestsPerSec ${rate}${peakFactor > 1 ? ` (x${peakFactor} during the traffic spike)` : ''} is more than this machine can drive against these servers: it measured ${Math.round(maxRate)} req/s with every request a cache miss and a DB read, and the lab allows ${Math.round(LAB_RATE_HEADROOM * 100)}% of that (${allowed}). Lower it with --rate.`;
}
