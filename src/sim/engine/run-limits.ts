/**
 * Caps on the work a run may pile up. A scenario whose arrivals outrun what the cache or the DB
 * can serve (a traffic spike of 1e10 requests per second, a pool of one connection behind a
 * million requests a second) keeps every waiting request as a record, a queue slot and an event;
 * without a cap its memory grows until the browser tab dies. The engine checks these where the
 * backlog grows and ends the run with a {@link RunStop} instead, at the simulated moment the
 * cap is passed, so the same scenario and seed stop at the same time everywhere (CLI, worker,
 * tests).
 *
 * Sizes: a request record takes about 100 bytes over its typed-array columns (more with a
 * pattern's own columns), an event about 40; arrays grow by doubling, so a cap of one million
 * records costs at most about 200 MB at the moment it is reached.
 */
import type { RunStop, RunStopLimit } from './engine-types';

/** Most client requests in flight at once (arrived and not finished). */
export const MAX_CLIENT_IN_FLIGHT = 1_000_000;
/** Most operations waiting for a DB connection. */
export const MAX_DB_QUEUE = 500_000;
/** Most events scheduled at once (timers, replies, held events). */
export const MAX_QUEUED_EVENTS = 2_000_000;
/**
 * Most keys in the cache at once. Only a `unique` workload (every read a new key) with no
 * capacity limit and no TTL gets here: other workloads have at most `MAX_KEYS` (2 M) keys.
 */
export const MAX_CACHED_KEYS = 3_000_000;

/** "1 M", "500 k": a cap as the stop message names it. */
function short(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000} M` : `${n / 1_000} k`;
}

const WHAT: Record<RunStopLimit, { readonly limit: number; readonly text: string }> = {
  'db-queue': {
    limit: MAX_DB_QUEUE,
    text: `the database queue passed ${short(MAX_DB_QUEUE)} operations`,
  },
  'client-in-flight': {
    limit: MAX_CLIENT_IN_FLIGHT,
    text: `more than ${short(MAX_CLIENT_IN_FLIGHT)} client requests were in flight at once`,
  },
  'cache-keys': {
    limit: MAX_CACHED_KEYS,
    text: `the cache passed ${short(MAX_CACHED_KEYS)} keys (more than a browser tab can hold)`,
  },
  'event-queue': {
    limit: MAX_QUEUED_EVENTS,
    text: `more than ${short(MAX_QUEUED_EVENTS)} events were waiting to run`,
  },
};

/** The stop record for passing `limit` at simulated time `atMs`. */
export function runStop(limit: RunStopLimit, atMs: number): RunStop {
  const { limit: cap, text } = WHAT[limit];
  return {
    atMs,
    limit,
    cap,
    message:
      limit === 'cache-keys'
        ? `Run stopped at ${formatStopTime(atMs)}: ${text}. Give the cache a capacity or a TTL.`
        : `Run stopped at ${formatStopTime(atMs)}: ${text}, so this setup cannot keep up with its load. Lower the request rate or the spike, or give the database more connections.`,
  };
}

/** Simulated time as the stop message prints it ("12.345 s"). */
function formatStopTime(atMs: number): string {
  return `${(atMs / 1000).toFixed(3)} s`;
}
