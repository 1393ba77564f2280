/**
 * The write-behind flusher: wakes at a fixed rate (every flushIntervalMs from its start, time 0
 * here), takes up to batchSize buffered writes and writes them to the DB as one batch, which
 * commits when a connection picks it up.
 *
 * Timings follow the test host's defaults: cache 1 ms a command, DB writes 10 ms fixed.
 */
import { describe, expect, it } from 'vitest';
import { PatternTestHost } from './pattern-test-host';

/** Write-behind with these flusher settings and DB write latency (default 10 ms). */
function writeBehind({
  dbWriteLatencyMs = 10,
  ...flusher
}: { flushIntervalMs?: number; batchSize?: number; dbWriteLatencyMs?: number } = {}) {
  return new PatternTestHost({
    db: { writeLatencyMs: dbWriteLatencyMs },
    pattern: { write: 'write-behind', writeBehind: flusher },
  });
}

/** When each batch was committed, and when the DB acknowledged it. */
function flushTimes(host: PatternTestHost): { committed: number[]; acked: number[] } {
  return {
    committed: host.events('flush.batch').map((e) => e.tMs),
    acked: host.events('db.reply').flatMap((e) => (e.to === 'flusher' ? [e.tMs] : [])),
  };
}

describe('write-behind flusher', () => {
  it('wakes on fixed ticks from its start, not drifting by each batch’s duration', () => {
    // Batches take 300 ms; writes at 100, 1500 and 2999 ms are flushed at 1000, 2000 and 3000.
    const host = writeBehind({ dbWriteLatencyMs: 300 })
      .write(1, 100)
      .write(2, 1_500)
      .write(3, 2_999)
      .run(4_000);
    expect(flushTimes(host)).toEqual({
      committed: [1_000, 2_000, 3_000],
      acked: [1_300, 2_300, 3_300],
    });
    expect(host.totals.dbWrites).toBe(3);
  });

  it('a batch that overruns a tick skips it rather than shifting the schedule', () => {
    // The 1000 ms batch takes 1500 ms (to 2500): the 2000 tick is skipped, the next is 3000, and
    // it carries the two writes that waited.
    const host = writeBehind({ dbWriteLatencyMs: 1_500 })
      .write(1, 100)
      .write(2, 1_100)
      .write(3, 2_100)
      .run(2_999);
    expect(flushTimes(host)).toEqual({ committed: [1_000], acked: [2_500] });
    expect([host.dbVersion(2), host.dbVersion(3)]).toEqual([0, 0]);

    host.run(5_000);
    expect(flushTimes(host)).toEqual({ committed: [1_000, 3_000], acked: [2_500, 4_500] });
    expect([host.dbVersion(2), host.dbVersion(3)]).toEqual([1, 1]);
    expect(host.totals.dbWrites).toBe(2);
  });

  it('takes at most batchSize writes per tick, oldest first; the rest wait for the next tick', () => {
    const host = writeBehind({ batchSize: 2, flushIntervalMs: 500 });
    for (let key = 1; key <= 5; key++) host.write(key, 10 * key);
    const dbVersions = (): number[] => [1, 2, 3, 4, 5].map((k) => host.dbVersion(k));

    // The batch commits when a connection picks it up (at the tick), not when it is acknowledged.
    host.run(500);
    expect(dbVersions()).toEqual([1, 1, 0, 0, 0]);
    host.run(1_000);
    expect(dbVersions()).toEqual([1, 1, 1, 1, 0]);
    host.run(1_500);
    expect(dbVersions()).toEqual([1, 1, 1, 1, 1]);
    expect(flushTimes(host).committed).toEqual([500, 1_000, 1_500]);
    // One DB write per batch, not per buffered write.
    expect(host.totals.dbWrites).toBe(3);
  });

  it('an empty tick writes nothing', () => {
    const host = writeBehind().run();
    expect(host.events('flush.batch')).toEqual([]);
    expect(host.totals.dbWrites).toBe(0);
  });
});
