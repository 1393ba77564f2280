import { describe, expect, it } from 'vitest';
import { PatternTestHost } from './pattern-test-host';

describe('cache-aside read', () => {
  it('misses, reads the DB, fills the cache; the next read hits', () => {
    const host = new PatternTestHost().read(7, 0).read(7, 100).run();
    expect(host.outcome(1)).toBe('miss');
    expect(host.states(1)).toEqual(['idle', 'lookup', 'loading', 'served']);
    expect(host.outcome(2)).toBe('hit');
    expect(host.cacheVersion(7)).toBe(0);
    expect(host.totals.dbReads).toBe(1);
  });

  it('falls back to the database while the cache node is down, without errors', () => {
    const host = new PatternTestHost()
      .fault(0, { kind: 'cache-down', forMs: 1_000 })
      .read(3, 10)
      .run();
    expect(host.states(1)).toEqual(['idle', 'lookup', 'loadingDirect', 'served']);
    expect(host.outcome(1)).toBe('miss');
    expect(host.totals.errors).toBe(0);
  });

  it('with a rebuild lock, the second concurrent miss waits and then hits', () => {
    const host = new PatternTestHost({ stampede: { lock: { ttlMs: 1_000, retryMs: 5 } } })
      .read(1, 0)
      .read(1, 2)
      .run();
    expect(host.events('lock.acquired')).toHaveLength(1);
    expect(host.request(2).some((e) => e.type === 'lock.busy')).toBe(true);
    expect(host.outcome(2)).toBe('hit');
    // One DB read for both; the waiter counted as a miss when the cache first answered it.
    expect(host.totals.dbReads).toBe(1);
    expect(host.totals.misses).toBe(2);
    expect(host.totals.lockWaits).toBe(1);
  });

  it('the rebuild lock lives in the cache node: its death frees it', () => {
    const host = new PatternTestHost({
      stampede: { lock: { ttlMs: 5_000, retryMs: 5 } },
      db: { readLatencyMs: 500 },
    })
      .read(1, 0)
      .fault(100, { kind: 'cache-restart', forMs: 10 })
      .read(1, 200)
      .run();
    // The second miss finds no lock after the restart and rebuilds itself.
    expect(host.events('lock.acquired')).toHaveLength(2);
  });
});
