/**
 * Write-through: the write is acknowledged only once the DB and the cache both hold it; with
 * `writeThrough.versioned` every value SET is version-checked.
 *
 * Timings follow the test host's defaults: cache 1 ms a command, DB reads and writes 10 ms fixed,
 * a committed write's ack reaches the app 2 ms later (WRITE_ACK_DELAY_MS, fixed latencies).
 */
import { describe, expect, it } from 'vitest';
import { PatternTestHost } from './pattern-test-host';

const KEY = 7;
/** A client write's trace up to its DB ack: what every DB-first write path starts with. */
const COMMITTED = ['request.start', 'db.write', 'db.commit', 'db.reply'];

function writeThrough(versioned: boolean): PatternTestHost {
  return new PatternTestHost({
    app: { instances: 2 },
    pattern: { write: 'write-through', writeThrough: { versioned } },
  });
}

/**
 * Two writers whose SETs land in the opposite order to their commits: writer 1 (app:0) commits
 * version 1 at 10 ms, app:0 pauses from 11 to 61 ms so its ack (due at 12) is held; writer 2
 * (app:1) commits version 2 at 15 and SETs it at 17; writer 1's SET of version 1 comes at 61.
 * Read 3 (app:1) looks at 100 ms.
 */
function racingWriters(versioned: boolean): PatternTestHost {
  return writeThrough(versioned)
    .write(KEY, 0, 0)
    .write(KEY, 5, 1)
    .fault(11, { kind: 'pause-app', instance: 0, forMs: 50 })
    .read(KEY, 100, 1)
    .run();
}

/** [job, time, version] of every event of one type. */
function who(host: PatternTestHost, type: string): (number | null)[][] {
  return host.events(type).map((e) => [e.requestId, e.tMs, e.version]);
}

describe('write-through', () => {
  it('acknowledges after the DB and the cache both hold the write; the next read is a fresh hit', () => {
    // Commit at 10 ms, ack at 12, SET at 12, its reply at 13: the write pays both latencies.
    const host = writeThrough(false).write(KEY, 0).read(KEY, 100).run();
    expect(host.states(1)).toEqual(['idle', 'writingDb', 'writingCache', 'acked']);
    expect(host.request(1).map((e) => e.type)).toEqual([...COMMITTED, 'cache.set', 'request.done']);
    expect(host.request(1).at(-1)?.tMs).toBe(13);
    expect(host.outcome(2)).toBe('hit');
    expect(host.cacheVersion(KEY)).toBe(1);
    expect(host.dbVersion(KEY)).toBe(1);
    expect(host.totals.dbReads).toBe(0);
  });

  it('fails the write with an error while the cache is down, though the DB already has it', () => {
    const host = writeThrough(false)
      .fault(50, { kind: 'cache-down', forMs: 500 })
      .write(KEY, 100)
      .read(KEY, 700)
      .run();
    expect(host.states(1)).toEqual(['idle', 'writingDb', 'writingCache', 'failed']);
    expect(host.request(1).map((e) => e.type)).toEqual([
      ...COMMITTED,
      'cache.down',
      'write.failed',
      'request.done',
    ]);
    expect(host.outcome(1)).toBe('error');
    expect(host.totals.errors).toBe(1);
    expect(host.totals.lostWrites).toBe(0);
    // Nothing was lost: once the node is back (cold, at 550 ms) a read fills version 1.
    expect(host.dbVersion(KEY)).toBe(1);
    expect(host.outcome(2)).toBe('miss');
    expect(host.cacheVersion(KEY)).toBe(1);
  });

  it.each([
    {
      versioned: false,
      sets: [
        [2, 17, 2],
        [1, 61, 1],
      ],
      skipped: [],
      cached: 1,
      // Read 3 is answered at 101 ms with version 1, superseded at 15 ms: 86 ms stale.
      read: 'stale',
      staleMs: 86,
    },
    {
      versioned: true,
      sets: [[2, 17, 2]],
      skipped: [[1, 61, 1]],
      cached: 2,
      read: 'hit',
      staleMs: 0,
    },
  ])(
    'racing writers, versioned $versioned: the late SET of version 1 leaves version $cached cached',
    ({ versioned, sets, skipped, cached, read, staleMs }) => {
      // As commonly coded (DB, then a plain SET) write-through races like update-on-write; a
      // version-checked SET refuses the older value.
      const host = racingWriters(versioned);
      expect(who(host, 'db.commit')).toEqual([
        [1, 10, 1],
        [2, 15, 2],
      ]);
      expect(who(host, 'cache.set')).toEqual(sets);
      expect(who(host, 'cache.set-skipped')).toEqual(skipped);
      // Both writers are acknowledged: their versions are in the DB's history.
      expect([host.outcome(1), host.outcome(2)]).toEqual(['write', 'write']);
      expect(host.cacheVersion(KEY)).toBe(cached);
      expect(host.dbVersion(KEY)).toBe(2);
      expect(host.outcome(3)).toBe(read);
      expect(host.totals.maxStalenessMs).toBe(staleMs);
    },
  );

  it("versioned: a slow read's fill of an older version is skipped too", () => {
    // Reader 1 (app:0) takes its DB snapshot (version 0) at 11 ms but app:0 is paused from 5 to
    // 105, so its fill comes at 105; writer 2 (app:1) has SET version 1 at 32 by then.
    const host = writeThrough(true)
      .read(KEY, 0, 0)
      .fault(5, { kind: 'pause-app', instance: 0, forMs: 100 })
      .write(KEY, 20, 1)
      .read(KEY, 500, 1)
      .run();
    expect(who(host, 'cache.set')).toEqual([[2, 32, 1]]);
    expect(who(host, 'cache.set-skipped')).toEqual([[1, 105, 0]]);
    expect(host.outcome(3)).toBe('hit');
    expect(host.cacheVersion(KEY)).toBe(1);
  });
});
