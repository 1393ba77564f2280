/**
 * Write-around: writes go only to the DB; the cache fills on reads.
 *
 * Timings follow the test host's defaults: cache 1 ms a command, DB reads and writes 10 ms fixed,
 * a committed write's ack reaches the app 2 ms later (WRITE_ACK_DELAY_MS, fixed latencies).
 */
import { describe, expect, it } from 'vitest';
import { PatternTestHost } from './pattern-test-host';

const KEY = 7;
/** A client write's trace up to its DB ack: what every DB-first write path starts with. */
const COMMITTED = ['request.start', 'db.write', 'db.commit', 'db.reply'];
const WRITE_AROUND = { pattern: { write: 'write-around' } } as const;

/** Whether any of job `id`'s trace events went to or came from the cache. */
function touchesCache(host: PatternTestHost, id: number): boolean {
  return host.request(id).some((e) => e.type.startsWith('cache.') || e.to === 'cache');
}

describe('write-around', () => {
  it('writes the DB only and is acknowledged after the commit (12 ms)', () => {
    const host = new PatternTestHost(WRITE_AROUND).write(KEY, 0).run();
    expect(host.states(1)).toEqual(['idle', 'writingDb', 'acked']);
    expect(host.request(1).map((e) => e.type)).toEqual([...COMMITTED, 'request.done']);
    expect(host.request(1).at(-1)?.tMs).toBe(12);
    expect(touchesCache(host, 1)).toBe(false);
    // Write-once data does not pollute the cache.
    expect(host.cacheVersion(KEY)).toBeNull();
    expect(host.dbVersion(KEY)).toBe(1);
  });

  it('leaves a cached copy of a rewritten key stale until its TTL ends', () => {
    // Read 1 caches version 0 at 11 ms with a 1 s TTL (to 1011); write 2 commits version 1 at 110.
    const host = new PatternTestHost({ ...WRITE_AROUND, cache: { ttlMs: 1_000 } })
      .read(KEY, 0)
      .write(KEY, 100)
      .read(KEY, 500)
      .read(KEY, 1_100)
      .run(1_500);
    expect(touchesCache(host, 2)).toBe(false);
    // Read 3 is answered at 501 ms with version 0, superseded at 110: 391 ms stale.
    expect(host.outcome(3)).toBe('stale');
    expect(host.totals.maxStalenessMs).toBe(391);
    // After the TTL, read 4 misses and fills version 1.
    expect(host.outcome(4)).toBe('miss');
    expect(host.cacheVersion(KEY)).toBe(1);
    expect(host.totals.expirations).toBe(1);
  });

  it('does not notice a cache outage: the write is acknowledged as usual', () => {
    const host = new PatternTestHost(WRITE_AROUND)
      .fault(50, { kind: 'cache-down', forMs: 500 })
      .write(KEY, 100)
      .run();
    expect(host.states(1)).toEqual(['idle', 'writingDb', 'acked']);
    expect(touchesCache(host, 1)).toBe(false);
    expect(host.outcome(1)).toBe('write');
    expect(host.totals.errors).toBe(0);
    expect(host.dbVersion(KEY)).toBe(1);
  });
});
