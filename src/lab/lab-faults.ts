/**
 * The scheduled faults the lab reproduces on real servers, with the model's defaults
 * (FAULT_DEFAULTS, FAULT_FACTORS): `db-slow` multiplies the `pg_sleep` of queries picked up while
 * it lasts, `traffic-spike` multiplies the arrival rate, `expire-key` gives the key a 1 ms TTL
 * (`PEXPIRE`), so its next read misses and Redis counts an expiration; `cache-down` and
 * `cache-restart` stop the lab's private redis-server for the fault's duration and start a fresh,
 * empty one on the same port (the model's node also comes back cold). A paused app instance is
 * refused by lab-support.ts.
 */
import { FAULT_DEFAULTS, FAULT_FACTORS } from '../sim/engine/faults';
import type { Scenario } from '../sim/scenario/scenario-schema';

/** Fault kinds the lab reproduces. */
export const LAB_FAULT_KINDS = [
  'db-slow',
  'traffic-spike',
  'expire-key',
  'cache-down',
  'cache-restart',
] as const;

interface Window {
  readonly from: number;
  readonly to: number;
  readonly factor: number;
}

export interface LabFaults {
  /** Product of the db-slow factors in effect at `tMs`. */
  readonly dbFactor: (tMs: number) => number;
  /** Product of the traffic-spike factors in effect at `tMs`. */
  readonly rateFactor: (tMs: number) => number;
  /** Largest rate factor at any time (for the rate limit). */
  readonly peakRateFactor: number;
  readonly keyExpiries: readonly { readonly atMs: number; readonly key: number }[];
  /** Cache node outages (cache-down, cache-restart), in time order. */
  readonly cacheOutages: readonly { readonly atMs: number; readonly forMs: number }[];
}

export function labFaults(sc: Scenario): LabFaults {
  const windows = (kind: 'db-slow' | 'traffic-spike'): Window[] =>
    sc.faults
      .filter((f) => f.kind === kind)
      .map((f) => ({
        from: f.atMs,
        to: f.atMs + (f.forMs ?? FAULT_DEFAULTS[kind]),
        factor: f.factor > 0 ? f.factor : FAULT_FACTORS[kind],
      }));
  const product = (ws: readonly Window[], t: number): number =>
    ws.reduce((p, w) => (t >= w.from && t < w.to ? p * w.factor : p), 1);
  const db = windows('db-slow');
  const spikes = windows('traffic-spike');
  return {
    dbFactor: (t) => product(db, t),
    rateFactor: (t) => product(spikes, t),
    peakRateFactor: Math.max(1, ...spikes.map((w) => product(spikes, w.from))),
    keyExpiries: sc.faults
      .filter((f) => f.kind === 'expire-key')
      .map((f) => ({ atMs: f.atMs, key: f.key })),
    cacheOutages: sc.faults
      .filter((f) => f.kind === 'cache-down' || f.kind === 'cache-restart')
      .map((f) => ({
        atMs: f.atMs,
        forMs: f.forMs ?? FAULT_DEFAULTS[f.kind === 'cache-down' ? 'cache-down' : 'cache-restart'],
      }))
      .sort((a, b) => a.atMs - b.atMs),
  };
}
