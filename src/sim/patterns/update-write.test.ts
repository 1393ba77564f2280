/**
 * Update on write (the racy one): DB first, then SET the committed version.
 *
 * Timings follow the test host's defaults: cache 1 ms a command, DB reads and writes 10 ms fixed,
 * a committed write's ack reaches the app 2 ms later (WRITE_ACK_DELAY_MS, fixed latencies).
 */
import { describe, expect, it } from 'vitest';
import { PatternTestHost } from './pattern-test-host';

const KEY = 7;
/** A client write's trace up to its DB ack: what every DB-first write path starts with. */
const COMMITTED = ['request.start', 'db.write', 'db.commit', 'db.reply'];
const UPDATE = { pattern: { write: 'update' } } as const;

describe('update on write', () => {
  it('sets the committed version, so the next read is a hit', () => {
    // Read 1 caches version 0 at 11 ms; write 2 commits version 1 at 110 and SETs it at 112.
    const host = new PatternTestHost(UPDATE).read(KEY, 0).write(KEY, 100).read(KEY, 200).run();
    expect(host.states(2)).toEqual(['idle', 'writingDb', 'updating', 'acked']);
    expect(host.request(2).map((e) => e.type)).toEqual([...COMMITTED, 'cache.set', 'request.done']);
    expect(host.events('cache.set').map((e) => [e.requestId, e.tMs, e.version])).toEqual([
      [1, 11, 0],
      [2, 112, 1],
    ]);
    expect(host.outcome(3)).toBe('hit');
    expect(host.cacheVersion(KEY)).toBe(1);
    expect(host.totals.dbReads).toBe(1);
  });

  it('two writers whose SETs land in the opposite order to their commits leave the older value cached until its TTL', () => {
    // Writer 1 (app:0) commits version 1 at 10 ms; app:0 pauses from 11 to 61, so its ack (due
    // at 12) is held. Writer 2 (app:1) commits version 2 at 15 and SETs it at 17. Writer 1 then
    // SETs version 1 at 61, with a 1 s TTL (to 1061).
    const host = new PatternTestHost({ ...UPDATE, app: { instances: 2 }, cache: { ttlMs: 1_000 } })
      .write(KEY, 0, 0)
      .write(KEY, 5, 1)
      .fault(11, { kind: 'pause-app', instance: 0, forMs: 50 })
      .read(KEY, 100, 1)
      .read(KEY, 1_100, 1)
      .run(1_000);
    expect(host.events('db.commit').map((e) => [e.requestId, e.tMs, e.version])).toEqual([
      [1, 10, 1],
      [2, 15, 2],
    ]);
    expect(host.request(1).some((e) => e.type === 'app.hold')).toBe(true);
    expect(host.events('cache.set').map((e) => [e.requestId, e.tMs, e.version])).toEqual([
      [2, 17, 2],
      [1, 61, 1],
    ]);
    expect(host.cacheVersion(KEY)).toBe(1);
    expect(host.dbVersion(KEY)).toBe(2);
    // Read 3 is answered at 101 ms with version 1, superseded at 15 ms: 86 ms stale.
    expect(host.outcome(3)).toBe('stale');
    expect(host.totals.maxStalenessMs).toBe(86);

    host.run(1_500);
    expect(host.outcome(4)).toBe('miss');
    expect(host.cacheVersion(KEY)).toBe(2);
  });

  it('still acknowledges while the cache is down; nothing is cached', () => {
    const host = new PatternTestHost(UPDATE)
      .read(KEY, 0)
      .fault(50, { kind: 'cache-down', forMs: 500 })
      .write(KEY, 100)
      .run(549);
    expect(host.states(2)).toEqual(['idle', 'writingDb', 'updating', 'acked']);
    expect(host.request(2).map((e) => e.type)).toContain('cache.down');
    expect(host.outcome(2)).toBe('write');
    expect(host.totals.errors).toBe(0);
    expect(host.cacheVersion(KEY)).toBeNull();
    expect(host.dbVersion(KEY)).toBe(1);
  });
});
