/**
 * Write-behind (write-back), client side: the write lands in the cache and its buffer and is
 * acknowledged at once; the flusher (default: every 1000 ms from time 0) writes it to the DB.
 *
 * Timings follow the test host's defaults: cache 1 ms a command, DB reads and writes 10 ms fixed.
 */
import { describe, expect, it } from 'vitest';
import { PatternTestHost } from './pattern-test-host';

const KEY = 7;
const WRITE_BEHIND = { pattern: { write: 'write-behind' } } as const;

describe('write-behind', () => {
  it('acknowledges after the cache alone (1 ms); the DB gets the write at the next flush', () => {
    const host = new PatternTestHost(WRITE_BEHIND).write(KEY, 100).run(500);
    expect(host.states(1)).toEqual(['idle', 'writingCache', 'acked']);
    expect(host.request(1).map((e) => e.type)).toEqual([
      'request.start',
      'writebehind.buffer',
      'request.done',
    ]);
    expect(host.request(1).at(-1)?.tMs).toBe(101);
    expect(host.cacheVersion(KEY)).toBe(1);
    expect(host.dbVersion(KEY)).toBe(0);
    expect(host.engine.view().writeBehindBuffer).toBe(1);
    expect(host.totals.dbWrites).toBe(0);

    // The flusher's first tick is at 1000 ms.
    host.run(1_500);
    expect(host.dbVersion(KEY)).toBe(1);
    expect(host.engine.view().writeBehindBuffer).toBe(0);
    expect(host.totals.dbWrites).toBe(1);
  });

  it('a read before the flush is a fresh hit from the cache, though the DB is behind', () => {
    const host = new PatternTestHost(WRITE_BEHIND).write(KEY, 100).read(KEY, 200).run(500);
    expect(host.outcome(2)).toBe('hit');
    expect(host.request(2).find((e) => e.type === 'request.done')?.version).toBe(1);
    expect(host.dbVersion(KEY)).toBe(0);
    expect(host.totals.staleReads).toBe(0);
  });

  it('a cache death before the flush loses exactly the unflushed writes; the DB keeps the old versions', () => {
    // Key 1: version 1 at 100 ms (flushed at 1000), version 2 at 1100. Key 2: version 1 at 1200.
    // The node dies at 1500, before the flush at 2000: the two writes since 1000 are lost.
    const host = new PatternTestHost(WRITE_BEHIND)
      .write(1, 100)
      .write(1, 1_100)
      .write(2, 1_200)
      .fault(1_500, { kind: 'cache-down', forMs: 500 })
      .read(1, 2_500)
      .run();
    expect([host.outcome(1), host.outcome(2), host.outcome(3)]).toEqual([
      'write',
      'write',
      'write',
    ]);
    expect(host.totals.lostWrites).toBe(2);
    expect(host.events('write.lost').map((e) => e.tMs)).toEqual([1_500]);
    expect(host.events('flush.batch').map((e) => e.tMs)).toEqual([1_000]);
    expect(host.dbVersion(1)).toBe(1);
    expect(host.dbVersion(2)).toBe(0);
    // What the DB holds is the truth again: the read gets version 1, and it is not stale.
    expect(host.outcome(4)).toBe('miss');
    expect(host.request(4).find((e) => e.type === 'request.done')?.version).toBe(1);
    expect(host.totals.staleReads).toBe(0);
  });

  it('fails the write while the cache is down: there is nowhere to put it', () => {
    const host = new PatternTestHost(WRITE_BEHIND)
      .fault(50, { kind: 'cache-down', forMs: 500 })
      .write(KEY, 100)
      .run();
    expect(host.states(1)).toEqual(['idle', 'writingCache', 'failed']);
    expect(host.request(1).map((e) => e.type)).toEqual([
      'request.start',
      'cache.down',
      'write.failed',
      'request.done',
    ]);
    expect(host.outcome(1)).toBe('error');
    expect(host.totals.errors).toBe(1);
    expect(host.totals.lostWrites).toBe(0);
    expect(host.totals.dbWrites).toBe(0);
    expect(host.dbVersion(KEY)).toBe(0);
  });
});
