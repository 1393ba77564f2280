/**
 * Delete on write (cache-aside's recommended write path): DB first, then DEL the key.
 *
 * Timings follow the test host's defaults: cache 1 ms a command, DB reads and writes 10 ms fixed,
 * a committed write's ack reaches the app WRITE_ACK_DELAY_MS (2 ms with fixed latencies) later.
 */
import { describe, expect, it } from 'vitest';
import { PatternTestHost } from './pattern-test-host';

const KEY = 7;
/** A client write's trace up to its DB ack: what every DB-first write path starts with. */
const COMMITTED = ['request.start', 'db.write', 'db.commit', 'db.reply'];

/** The trace event types of job `id`, in order. */
function typesOf(host: PatternTestHost, id: number): string[] {
  return host.request(id).map((e) => e.type);
}

describe('invalidate on write', () => {
  it('commits to the DB, then deletes the cached copy; the next read refills the new version', () => {
    // Read 1 caches version 0 at 11 ms. Write 2 (at 100 ms) commits at 110, its ack arrives at
    // 112, the DEL goes out at 112 and its reply at 113 acknowledges the client.
    const host = new PatternTestHost().read(KEY, 0).write(KEY, 100).read(KEY, 200).run(150);
    expect(host.states(2)).toEqual(['idle', 'writingDb', 'deleting', 'acked']);
    expect(typesOf(host, 2)).toEqual([...COMMITTED, 'cache.del', 'request.done']);
    expect(host.request(2).at(-1)?.tMs).toBe(113);
    expect(host.outcome(2)).toBe('write');
    expect(host.cacheVersion(KEY)).toBeNull();
    expect(host.dbVersion(KEY)).toBe(1);

    host.run();
    expect(host.outcome(3)).toBe('miss');
    expect(host.cacheVersion(KEY)).toBe(1);
    expect(host.totals.dbReads).toBe(2);
    expect(host.totals.staleReads).toBe(0);
  });

  it('two writers on different instances cannot leave an older value: the key is just gone', () => {
    // Writer 1 commits version 1 at 10 ms, but app:0 pauses at 11 and gets the ack only at 61;
    // writer 2 commits version 2 at 15 and deletes at 17. Writer 1's late DEL is harmless.
    const host = new PatternTestHost({ app: { instances: 2 } })
      .write(KEY, 0, 0)
      .write(KEY, 5, 1)
      .fault(11, { kind: 'pause-app', instance: 0, forMs: 50 })
      .read(KEY, 100, 1)
      .run();
    expect(host.events('cache.del').map((e) => [e.requestId, e.tMs])).toEqual([
      [2, 17],
      [1, 61],
    ]);
    expect(host.outcome(3)).toBe('miss');
    expect(host.cacheVersion(KEY)).toBe(2);
    expect(host.dbVersion(KEY)).toBe(2);
    expect(host.totals.staleReads).toBe(0);
  });

  it('the classic race: a slow reader stores the old value after the DEL, until the TTL ends', () => {
    // Reader 1 (app:0) takes its DB snapshot (version 0) at 11 ms, but app:0 is paused from 5 to
    // 105 ms, so it stores it only at 105. Writer 2 (app:1) committed version 1 at 30 and
    // deleted the key at 32: the stale copy arrives after the delete, with a TTL of 1 s (to 1105).
    const host = new PatternTestHost({ app: { instances: 2 }, cache: { ttlMs: 1_000 } })
      .read(KEY, 0, 0)
      .fault(5, { kind: 'pause-app', instance: 0, forMs: 100 })
      .write(KEY, 20, 1)
      .read(KEY, 500, 1)
      .read(KEY, 1_200, 1)
      .run(1_000);
    expect(host.events('cache.del').map((e) => e.tMs)).toEqual([32]);
    expect(host.events('cache.set').map((e) => [e.requestId, e.tMs, e.version])).toEqual([
      [1, 105, 0],
    ]);
    expect(host.cacheVersion(KEY)).toBe(0);
    expect(host.dbVersion(KEY)).toBe(1);
    // Read 3 is answered at 501 ms with version 0, superseded at 30 ms: 471 ms stale.
    expect(host.outcome(3)).toBe('stale');
    expect(host.totals.maxStalenessMs).toBe(471);

    // The TTL is the safety net: after 1105 ms the next read refills version 1.
    host.run(1_500);
    expect(host.outcome(4)).toBe('miss');
    expect(host.cacheVersion(KEY)).toBe(1);
    expect(host.totals.expirations).toBe(1);
  });

  it('still acknowledges while the cache is down; the node comes back cold, so nothing stale survives', () => {
    const host = new PatternTestHost()
      .read(KEY, 0)
      .fault(50, { kind: 'cache-down', forMs: 500 })
      .write(KEY, 100)
      .read(KEY, 700)
      .run();
    // The DEL at 112 ms gets "unreachable" back at 113: the write is acknowledged anyway.
    expect(host.states(2)).toEqual(['idle', 'writingDb', 'deleting', 'acked']);
    expect(typesOf(host, 2)).toEqual([...COMMITTED, 'cache.down', 'request.done']);
    expect(host.outcome(2)).toBe('write');
    expect(host.totals.errors).toBe(0);
    // Back up at 550 ms, empty: read 3 misses and gets version 1.
    expect(host.outcome(3)).toBe('miss');
    expect(host.request(3).find((e) => e.type === 'db.reply')?.version).toBe(1);
    expect(host.cacheVersion(KEY)).toBe(1);
  });
});
