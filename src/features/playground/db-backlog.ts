/**
 * Whether the database is keeping up, from the engine's per-window saturation flag. Pure, so the
 * banner's every state is unit-tested.
 *
 * The banner must not blink on and off when the DB hovers at its limit (a window that drains a
 * little between two that grow), and must not vanish while thousands of operations still wait.
 * So it stays up after a saturated window for as long as the queue is still at least the pool
 * size (a queued operation waits at least one full service time, the engine's own threshold), and
 * goes once the queue is shorter than that.
 */
import type { MetricPoint } from '../../ui/metric-points';

export interface DbBacklog {
  /** `saturated`: the latest window was flagged; `behind`: not any more, but the queue is still long. */
  readonly kind: 'saturated' | 'behind';
  /** Queue change over the latest window, per second. */
  readonly growthPerSec: number;
  /** Operations waiting for a connection now. */
  readonly queue: number;
  readonly poolSize: number;
}

type BacklogPoint = Pick<MetricPoint, 'dbSaturated' | 'dbQueue' | 'dbQueueGrowthPerSec'>;

/**
 * The DB's backlog, or null when it keeps up.
 * @param points metric windows, oldest first
 * @param queueNow the DB queue length now (it may have moved since the latest window closed)
 * @param poolSize the DB connection pool size now
 */
export function dbBacklog(
  points: readonly BacklogPoint[],
  queueNow: number,
  poolSize: number,
): DbBacklog | null {
  const last = points.at(-1);
  if (last === undefined) return null;
  const backlog = { growthPerSec: last.dbQueueGrowthPerSec, queue: queueNow, poolSize };
  if (last.dbSaturated) return { kind: 'saturated', ...backlog };
  if (queueNow < poolSize) return null;
  // Still long: is it the tail of a saturation, with no drained window since?
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (p === undefined) return null;
    if (p.dbSaturated) return { kind: 'behind', ...backlog };
    if (p.dbQueue < poolSize) return null;
  }
  return null;
}
