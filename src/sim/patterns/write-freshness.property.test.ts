/**
 * Properties the write patterns promise, over random request sequences through the real engine:
 * with one write at a time and no read overlapping a write, write-through (plain or versioned),
 * delete-on-write and update-on-write serve only fresh values; write-behind loses nothing while
 * the cache node lives. And under any pattern with a TTL, no expired value is ever served.
 */
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { PatternTestHost } from './pattern-test-host';

/** Operations 100 ms apart: each finishes (DB 10 ms, cache 1 ms, ack ~2 ms) before the next. */
const ops = fc.array(fc.record({ write: fc.boolean(), key: fc.integer({ min: 0, max: 4 }) }), {
  minLength: 5,
  maxLength: 40,
});

function runSerial(
  pattern: Record<string, unknown>,
  list: { write: boolean; key: number }[],
): PatternTestHost {
  const host = new PatternTestHost({ pattern, cache: { ttlMs: 60_000 } });
  list.forEach((op, i) => {
    if (op.write) host.write(op.key, 100 * (i + 1));
    else host.read(op.key, 100 * (i + 1));
  });
  return host.run();
}

describe('write patterns with one writer at a time', () => {
  for (const pattern of [
    { write: 'write-through' },
    { write: 'write-through', writeThrough: { versioned: true } },
    { write: 'invalidate' },
    { write: 'update' },
  ]) {
    fcTest.prop([ops], { numRuns: 30 })(
      `${JSON.stringify(pattern)} serves no stale read`,
      (list) => {
        const host = runSerial(pattern, list);
        expect(host.totals.staleReads).toBe(0);
        expect(host.totals.errors).toBe(0);
        expect(host.totals.inFlight).toBe(0);
      },
    );
  }

  // The property can fail: write-around leaves the cached copy behind, so the same serial
  // sequence read-write-read serves a stale value.
  fcTest.prop([fc.integer({ min: 0, max: 4 })], { numRuns: 3 })(
    'write-around (the control) does serve a stale read',
    (key) => {
      const host = runSerial({ write: 'write-around' }, [
        { write: false, key },
        { write: true, key },
        { write: false, key },
      ]);
      expect(host.totals.staleReads).toBe(1);
    },
  );

  fcTest.prop([ops], { numRuns: 30 })('write-behind loses nothing while the node lives', (list) => {
    const host = runSerial({ write: 'write-behind' }, list);
    expect(host.totals.lostWrites).toBe(0);
    expect(host.totals.staleReads).toBe(0);
    // Every acknowledged write reached the DB by the end (flushes every second, 10 s run).
    for (let k = 0; k <= 4; k++) {
      const writes = list.filter((o) => o.write && o.key === k).length;
      expect(host.dbVersion(k)).toBe(writes);
    }
  });
});

describe('expiry', () => {
  fcTest.prop(
    [
      fc.array(
        fc.record({
          key: fc.integer({ min: 0, max: 3 }),
          atMs: fc.integer({ min: 0, max: 3_000 }),
        }),
        {
          minLength: 5,
          maxLength: 60,
        },
      ),
      fc.integer({ min: 50, max: 800 }),
    ],
    { numRuns: 40 },
  )('no value is served after its TTL ran out', (reads, ttlMs) => {
    const host = new PatternTestHost({ cache: { ttlMs, jitterPct: 0 } });
    for (const r of reads) host.read(r.key, r.atMs);
    host.run();
    const setAt = new Map<number, number>();
    for (const e of host.events()) {
      if (e.key === null) continue;
      if (e.type === 'cache.set') setAt.set(e.key, e.tMs);
      if (e.type === 'cache.hit') {
        const t = setAt.get(e.key);
        expect(t).toBeDefined();
        expect(e.tMs).toBeLessThan((t ?? 0) + ttlMs);
      }
    }
  });
});
