import { describe, expect, it } from 'vitest';
import { dbBacklog } from './db-backlog';

const POOL = 50;

/** A window: saturated or not, the queue at its end and its growth per second. */
function p(dbSaturated: boolean, dbQueue: number, dbQueueGrowthPerSec = 0) {
  return { dbSaturated, dbQueue, dbQueueGrowthPerSec };
}

describe('DB backlog banner state', () => {
  it('is nothing before the first window and while the DB keeps up', () => {
    expect(dbBacklog([], 0, POOL)).toBeNull();
    expect(dbBacklog([p(false, 0), p(false, 12, 12)], 12, POOL)).toBeNull();
  });

  it('is "saturated" while the latest window is flagged, with its growth and the queue now', () => {
    expect(dbBacklog([p(false, 0), p(true, 900, 900)], 1_050, POOL)).toEqual({
      kind: 'saturated',
      growthPerSec: 900,
      queue: 1_050,
      poolSize: POOL,
    });
  });

  it('stays up as "behind" while the queue a saturation left is still at least the pool size', () => {
    // cold-restart: saturated at 0:30 and 0:31, then the queue drains over four windows.
    const run = [p(false, 0), p(true, 509, 509), p(true, 759, 250), p(false, 580, -179)];
    expect(dbBacklog(run, 560, POOL)).toMatchObject({ kind: 'behind', growthPerSec: -179 });
    expect(dbBacklog([...run, p(false, 450, -130), p(false, 199, -251)], 199, POOL)).toMatchObject({
      kind: 'behind',
    });
  });

  it('goes once the queue is shorter than the pool', () => {
    const run = [p(true, 759, 250), p(false, 580, -179), p(false, 19, -561)];
    expect(dbBacklog(run, 19, POOL)).toBeNull();
    // The queue now counts, not only the latest window's end.
    expect(dbBacklog(run.slice(0, 2), 30, POOL)).toBeNull();
  });

  it('does not blink off for one draining window between saturated ones', () => {
    // unique-queries hovers at its limit: growing, draining a little, growing again.
    const run = [p(true, 119, 48), p(true, 174, 55), p(false, 136, -38)];
    expect(dbBacklog(run, 136, POOL)?.kind).toBe('behind');
    expect(dbBacklog([...run, p(true, 180, 44)], 180, POOL)?.kind).toBe('saturated');
  });

  it('a long queue with no saturation since it was last short is not a backlog', () => {
    // The queue drained after the saturation; a later rise the engine did not flag is not one.
    expect(dbBacklog([p(true, 80, 80), p(false, 10, -70), p(false, 60, 50)], 60, POOL)).toBeNull();
  });
});
