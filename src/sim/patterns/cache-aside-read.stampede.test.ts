/**
 * Cache-aside read's stampede tools: stale-while-revalidate, probabilistic early refresh (XFetch),
 * per-instance request coalescing, the in-process L1, and the rebuild lock's give-up fallback and
 * release.
 *
 * Timings follow the test host's defaults unless a test says otherwise: cache 1 ms a command, DB
 * reads and writes 10 ms fixed, so a first read misses at 1 ms and fills the key at 11 ms.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenario-schema';
import { PatternTestHost } from './pattern-test-host';

const KEY = 7;

/** [job, time] of every event of one type. */
function when(host: PatternTestHost, type: string): (number | null)[][] {
  return host.events(type).map((e) => [e.requestId, e.tMs]);
}

describe('stale-while-revalidate', () => {
  it('after the soft TTL a read is served the cached value at once, and exactly one refresh runs', () => {
    // Read 1 fills version 0 at 11 ms. Write 2 (write-around) commits version 1 at 60. Reads 3
    // (200 ms) and 5 (202 ms) find an entry older than the 100 ms soft TTL: both are served
    // version 0 at once; read 3 starts background refresh 4 (DB 201-211 ms, SET version 1), read
    // 5 finds it in flight. Read 6 (300 ms) hits the refreshed entry.
    const host = new PatternTestHost({
      pattern: { write: 'write-around' },
      stampede: { staleWhileRevalidate: { softTtlMs: 100 } },
    })
      .read(KEY, 0)
      .write(KEY, 50)
      .read(KEY, 200)
      .read(KEY, 202)
      .read(KEY, 300)
      .run();
    expect(when(host, 'swr.stale')).toEqual([
      [3, 201],
      [5, 203],
    ]);
    expect(when(host, 'refresh.start')).toEqual([[4, 201]]);
    expect(host.states(4)).toEqual(['idle', 'refreshing']);
    expect(host.request(4).map((e) => [e.type, e.tMs, e.version])).toEqual([
      ['refresh.start', 201, null],
      ['db.read', 201, null],
      ['db.reply', 211, 1],
      ['cache.set', 211, 1],
    ]);
    expect([host.outcome(3), host.outcome(5), host.outcome(6)]).toEqual(['stale', 'stale', 'hit']);
    // Nobody waited for the DB: both stale reads took one cache round trip.
    expect(host.request(3).at(-1)?.tMs).toBe(201);
    expect(host.totals.dbReads).toBe(2);
    expect(host.cacheVersion(KEY)).toBe(1);
  });
});

describe('probabilistic early refresh (XFetch)', () => {
  /**
   * DB reads take 100 ms, so read 1 fills the key at 101 ms (delta = 100 ms) with a 1 s TTL, to
   * 1101. Reads at 950-990 ms are answered 150-110 ms before expiry; each refreshes with
   * probability exp(-remaining / (beta * delta)).
   */
  function nearExpiry(beta: number): PatternTestHost {
    const host = new PatternTestHost({
      cache: { ttlMs: 1_000 },
      db: { readLatencyMs: 100 },
      stampede: { earlyRefresh: { beta } },
    }).read(KEY, 0);
    for (const atMs of [950, 960, 970, 980, 990]) host.read(KEY, atMs);
    return host.run(1_150);
  }

  it('with a large beta a read refreshes the key before it expires', () => {
    // beta 10: beta * delta = 1000 ms, each read refreshes with probability 0.86-0.90 (all five
    // missing it: about 3e-5). A refresh in flight stops the others, and it stores the key by
    // 991 + 100 ms at the latest, before 1101: the key is still cached at 1150 ms.
    const host = nearExpiry(10);
    const refreshes = host.events('refresh.start');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]?.tMs).toBeLessThanOrEqual(991);
    expect(host.cacheVersion(KEY)).toBe(0);
    expect(host.totals.dbReads).toBe(2);
    expect(host.totals.misses).toBe(1);
  });

  it('with a small beta it practically never refreshes early, and the key expires', () => {
    // beta 0.1: beta * delta = 10 ms, probability at most exp(-11) per read.
    const host = nearExpiry(0.1);
    expect(host.events('refresh.start')).toEqual([]);
    expect(host.cacheVersion(KEY)).toBeNull();
    expect(host.totals.dbReads).toBe(1);
  });
});

describe('request coalescing', () => {
  /** Four concurrent misses of one key, 2 ms apart, alternating over `instances` instances. */
  function concurrentMisses(instances: number): PatternTestHost {
    const host = new PatternTestHost({ app: { instances }, stampede: { coalescing: true } });
    for (let i = 0; i < 4; i++) host.read(KEY, 2 * i, i % instances);
    return host.run();
  }

  it('on one instance, concurrent misses share one DB read', () => {
    // Read 1 leads (DB 1-11 ms); reads 2-4 miss at 3, 5 and 7 ms and join its flight.
    const host = concurrentMisses(1);
    expect(when(host, 'flight.join')).toEqual([
      [2, 3],
      [3, 5],
      [4, 7],
    ]);
    expect(host.totals.dbReads).toBe(1);
    expect(host.events('cache.set')).toHaveLength(1);
    // Every follower is answered when the leader's read returns.
    for (const id of [1, 2, 3, 4]) {
      expect(host.request(id).at(-1)?.tMs).toBe(11);
      expect(host.outcome(id)).toBe('miss');
    }
  });

  it('on two instances, each instance makes its own DB read', () => {
    // Reads 1 and 3 on app:0, 2 and 4 on app:1: 3 joins 1, 4 joins 2.
    const host = concurrentMisses(2);
    expect(when(host, 'flight.join')).toEqual([
      [3, 5],
      [4, 7],
    ]);
    expect(host.totals.dbReads).toBe(2);
  });

  // Engine gap (reported): on `cache.down` the read machine opens a flight (openFlight) but goes
  // to loadingDirect without asking hasFlightInInstance, so a second read on the same instance
  // never joins it and the DB gets two identical reads, during an outage, when it is most loaded.
  it('on one instance, concurrent fallback reads during a cache outage share one DB read', () => {
    const host = new PatternTestHost({ stampede: { coalescing: true } })
      .fault(0, { kind: 'cache-down', forMs: 500 })
      .read(KEY, 10)
      .read(KEY, 12)
      .run();
    expect(host.totals.dbReads).toBe(1);
  });
});

describe('in-process L1', () => {
  const L1: ScenarioInput = { app: { instances: 2, l1: { ttlMs: 1_000 } } };

  it('an L1 hit is answered in process and never reaches the shared cache', () => {
    const host = new PatternTestHost(L1).read(KEY, 0, 0).read(KEY, 100, 0).read(KEY, 200, 1).run();
    expect(host.states(2)).toEqual(['idle', 'l1Lookup', 'served']);
    expect(host.request(2).map((e) => e.type)).toEqual(['request.start', 'l1.hit', 'request.done']);
    expect(host.request(2).at(-1)?.tMs).toBe(100);
    expect(host.outcome(2)).toBe('hit');
    // app:1 has its own L1: it misses there and hits the shared cache.
    expect(host.states(3)).toEqual(['idle', 'l1Lookup', 'lookup', 'served']);
    expect(host.outcome(3)).toBe('hit');
    expect(host.events('cache.hit').map((e) => e.requestId)).toEqual([3]);
    expect(host.totals.dbReads).toBe(1);
  });

  it("a write deletes the shared copy but not another instance's L1 copy: it stays stale until its TTL", () => {
    // Read 1 (app:0) fills version 0 in the shared cache and app:0's L1 at 11 ms (L1 TTL to
    // 1011). Write 2 (app:1) commits version 1 at 110 and deletes the shared key at 112.
    const host = new PatternTestHost(L1)
      .read(KEY, 0, 0)
      .write(KEY, 100, 1)
      .read(KEY, 200, 0)
      .read(KEY, 1_100, 0)
      .run();
    expect(host.request(3).map((e) => e.type)).toEqual(['request.start', 'l1.hit', 'request.done']);
    expect(host.outcome(3)).toBe('stale');
    // After the L1 TTL, read 4 misses in L1 and in the shared cache, and reads version 1.
    expect(host.outcome(4)).toBe('miss');
    expect(host.request(4).find((e) => e.type === 'db.reply')?.version).toBe(1);
  });
});

describe('rebuild lock', () => {
  /**
   * Read 1 takes the lock at 1 ms and rebuilds (DB 3-503 ms). Read 2 (10 ms) finds the lock
   * busy at 11, waits 50 ms, looks again at 62 (miss), is refused the lock at 63, waits, and
   * looks again at 114: the miss at 115 is 103 ms after it started waiting (at 12), past
   * maxWaitMs 100, so it gives up.
   */
  function giveUp(fallback: 'error' | 'db'): PatternTestHost {
    return new PatternTestHost({
      db: { readLatencyMs: 500 },
      stampede: { lock: { ttlMs: 5_000, retryMs: 50, maxWaitMs: 100, fallback } },
    })
      .read(KEY, 0)
      .read(KEY, 10)
      .run();
  }
  const WAITING = [
    'idle',
    'lookup',
    'acquiringLock',
    'waitingLock',
    'relookup',
    'acquiringLock',
    'waitingLock',
    'relookup',
  ];

  it("a waiter that gives up with fallback 'error' fails at once", () => {
    const host = giveUp('error');
    expect(host.states(2)).toEqual([...WAITING, 'failed']);
    expect(when(host, 'lock.busy')).toEqual([
      [2, 11],
      [2, 63],
    ]);
    expect(when(host, 'lock.gave-up')).toEqual([[2, 115]]);
    expect(host.outcome(2)).toBe('error');
    expect(host.totals.errors).toBe(1);
    expect(host.totals.lockWaits).toBe(1);
    expect(host.totals.dbReads).toBe(1);
  });

  it("a waiter that gives up with fallback 'db' reads the DB itself without filling the cache", () => {
    const host = giveUp('db');
    expect(host.states(2)).toEqual([...WAITING, 'loadingDirect', 'served']);
    // DB 115-615 ms.
    expect(host.request(2).at(-1)?.tMs).toBe(615);
    expect(host.outcome(2)).toBe('miss');
    expect(host.totals.errors).toBe(0);
    expect(host.totals.dbReads).toBe(2);
    expect(host.events('cache.set').map((e) => e.requestId)).toEqual([1]);
  });

  /**
   * The lock TTL (300 ms) is shorter than the rebuild (500 ms). Read 1's lock (1-301 ms)
   * expires while it rebuilds; read 2 takes a new one at 351 (to 651). Read 1 finishes at 503
   * and releases; the key is then expired by a fault at 505 so that read 3 (510 ms) misses and
   * asks for the lock at 511.
   */
  function overlappingRebuilds(safeRelease: boolean): PatternTestHost {
    return new PatternTestHost({
      db: { readLatencyMs: 500 },
      stampede: { lock: { ttlMs: 300, retryMs: 1_000, safeRelease } },
    })
      .read(KEY, 0)
      .read(KEY, 350)
      .fault(505, { kind: 'expire-key', key: KEY })
      .read(KEY, 510)
      .run();
  }

  it("unsafe release (no token check) deletes someone else's lock and lets a third rebuilder in", () => {
    const host = overlappingRebuilds(false);
    expect(when(host, 'lock.acquired')).toEqual([
      [1, 1],
      [2, 351],
      [3, 511],
    ]);
    expect(when(host, 'lock.released-foreign')[0]).toEqual([1, 503]);
    expect(host.totals.dbReads).toBe(3);
  });

  it('safe release leaves the other owner’s lock alone; the third reader waits for the rebuild', () => {
    const host = overlappingRebuilds(true);
    expect(when(host, 'lock.acquired')).toEqual([
      [1, 1],
      [2, 351],
    ]);
    expect(when(host, 'lock.lost')[0]).toEqual([1, 503]);
    expect(when(host, 'lock.busy')).toEqual([[3, 511]]);
    // Read 2 fills the key at 853 ms; read 3 looks again at 1512 and hits.
    expect(host.outcome(3)).toBe('hit');
    expect(host.totals.dbReads).toBe(2);
  });
});
