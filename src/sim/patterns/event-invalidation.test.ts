/**
 * Event-driven invalidation: every DB commit publishes a change event; after the delivery delay a
 * consumer DELs the key, or, with `repopulate` (the anti-pattern), re-reads it and SETs it.
 *
 * The writer here is write-around (another service writes the DB and never touches the cache), so
 * only the event changes the cache. Timings follow the test host's defaults: cache 1 ms a command,
 * DB reads and writes 10 ms fixed: read 1 caches version 0 at 11 ms, write 2 commits version 1 at
 * 110 ms, and the event is delivered 100 ms later, at 210.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/engine-types';
import { PatternTestHost } from './pattern-test-host';

const KEY = 7;
const DELAY_MS = 100;

function withEvents(repopulate: boolean, replicaLagMs?: number): PatternTestHost {
  return new PatternTestHost({
    pattern: { write: 'write-around', eventInvalidation: { delayMs: DELAY_MS, repopulate } },
    ...(replicaLagMs === undefined
      ? {}
      : { db: { replica: { lagMs: replicaLagMs }, readsFromReplica: true } }),
  });
}

/**
 * The consumer's trace events for `key`. Event deliveries get no job id (requestId null), unlike
 * client requests; their events are the job-less ones that name the key and a machine state.
 */
function consumer(host: PatternTestHost, key: number): TraceEvent[] {
  return host
    .events()
    .filter((e) => e.requestId === null && e.key === key && e.state !== undefined);
}

function consumerStates(host: PatternTestHost, key: number): string[] {
  const out: string[] = [];
  for (const e of consumer(host, key))
    if (e.state !== undefined && out.at(-1) !== e.state) out.push(e.state);
  return out;
}

describe('event-driven invalidation', () => {
  it('deletes the key one delivery delay after the commit; until then readers see the old value', () => {
    const host = withEvents(false).read(KEY, 0).write(KEY, 100).read(KEY, 150).read(KEY, 300);
    host.run(209);
    expect(host.events('event.publish').map((e) => [e.tMs, e.version])).toEqual([[110, 1]]);
    expect(host.cacheVersion(KEY)).toBe(0);
    // Read 3 is answered at 151 ms with version 0, superseded at 110: 41 ms stale.
    expect(host.outcome(3)).toBe('stale');
    expect(host.totals.maxStalenessMs).toBe(41);

    host.run();
    expect(consumer(host, KEY).map((e) => [e.type, e.tMs])).toEqual([
      ['event.deliver', 210],
      ['cache.del', 210],
    ]);
    expect(consumerStates(host, KEY)).toEqual(['published', 'deleting']);
    expect(host.outcome(4)).toBe('miss');
    expect(host.cacheVersion(KEY)).toBe(1);
  });

  it('repopulate from the primary: the consumer re-reads and SETs the new version', () => {
    const host = withEvents(true).read(KEY, 0).write(KEY, 100).read(KEY, 300).run();
    expect(consumerStates(host, KEY)).toEqual(['published', 'rereading']);
    // Re-read from 210 to 220 ms, then SET.
    expect(consumer(host, KEY).map((e) => [e.type, e.tMs, e.version])).toEqual([
      ['event.deliver', 210, 1],
      ['db.read', 210, null],
      ['db.reply', 220, 1],
      ['cache.set', 220, 1],
    ]);
    expect(host.outcome(3)).toBe('hit');
    expect(host.cacheVersion(KEY)).toBe(1);
  });

  it('repopulate from a lagging replica caches the old value again', () => {
    // The replica shows version 1 only from 110 + 500 = 610 ms; the re-read at 210-220 gets 0.
    const host = withEvents(true, 500).read(KEY, 0).write(KEY, 100).read(KEY, 300).run();
    expect(consumer(host, KEY).map((e) => [e.type, e.tMs, e.version])).toEqual([
      ['event.deliver', 210, 1],
      ['db.read', 210, null],
      ['db.reply', 220, 0],
      ['cache.set', 220, 0],
    ]);
    expect(consumer(host, KEY).find((e) => e.type === 'db.read')?.to).toBe('replica');
    expect(host.cacheVersion(KEY)).toBe(0);
    expect(host.dbVersion(KEY)).toBe(1);
    expect(host.outcome(3)).toBe('stale');
  });

  it('a delivery while the cache is down deletes nothing, and nothing stale survives the cold restart', () => {
    const host = withEvents(false)
      .read(KEY, 0)
      .write(KEY, 100)
      .fault(150, { kind: 'cache-down', forMs: 100 })
      .read(KEY, 300)
      .run();
    expect(consumer(host, KEY).map((e) => e.type)).toEqual(['event.deliver']);
    expect(host.totals.errors).toBe(0);
    expect(host.outcome(3)).toBe('miss');
    expect(host.cacheVersion(KEY)).toBe(1);
  });
});
