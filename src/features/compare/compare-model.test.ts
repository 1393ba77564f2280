import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../sim/scenario/scenario-schema';
import { runTotals as totals } from '../../ui/metric-fixtures';
import {
  alignLanes,
  compareHref,
  comparisons,
  decodeCompare,
  encodeCompare,
  laneSummary,
  stampedeTool,
  totalsTable,
  withStampedeTool,
} from './compare-model';

describe('compare model', () => {
  it('round-trips lanes through the URL', () => {
    for (const c of comparisons()) {
      const decoded = decodeCompare(encodeCompare(c.lanes));
      expect(decoded.notices).toEqual([]);
      expect(decoded.lanes.map((l) => l.scenario)).toEqual(c.lanes.map((l) => l.scenario));
    }
  });

  it('gives every lane the seed, timing and workload of lane A', () => {
    const a = {
      ...DEFAULT_SCENARIO,
      seed: 7,
      workload: { ...DEFAULT_SCENARIO.workload, keys: 500 },
    };
    const b = {
      ...DEFAULT_SCENARIO,
      seed: 99,
      cache: { ...DEFAULT_SCENARIO.cache, policy: 'allkeys-lfu' as const },
    };
    const [, laneB] = alignLanes([
      { scenario: a, presetId: null },
      { scenario: b, presetId: null },
    ]);
    expect(laneB?.scenario.seed).toBe(7);
    expect(laneB?.scenario.workload.keys).toBe(500);
    expect(laneB?.scenario.cache.policy).toBe('allkeys-lfu');
  });

  it('falls back to the default comparison with a notice for too few lanes, and reports bad parameters per lane', () => {
    const one = decodeCompare('lane=policy%3Dfifo');
    expect(one.lanes.length).toBeGreaterThanOrEqual(2);
    expect(one.notices.join(' ')).toMatch(/at least two lanes/);
    const bad = decodeCompare('lane=ttl%3Dabc&lane=policy%3Dnope');
    expect(bad.notices.some((n) => n.startsWith('Lane A: ttl'))).toBe(true);
    expect(bad.notices.some((n) => n.startsWith('Lane B: policy'))).toBe(true);
  });

  it('builds a "compare this with" link: this scenario and the other of LRU/LFU', () => {
    const href = compareHref(DEFAULT_SCENARIO);
    expect(href.startsWith('#/compare?')).toBe(true);
    const decoded = decodeCompare(href.slice('#/compare?'.length));
    expect(decoded.lanes.map((l) => l.scenario.cache.policy)).toEqual([
      'allkeys-lru',
      'allkeys-lfu',
    ]);
    const custom = decodeCompare(
      compareHref(DEFAULT_SCENARIO, { cache: { jitterPct: 0 } }).slice(10),
    );
    expect(custom.lanes[1]?.scenario.cache.jitterPct).toBe(0);
  });

  it('switches stampede tools one at a time', () => {
    const lock = withStampedeTool(DEFAULT_SCENARIO, 'lock');
    expect(stampedeTool(lock)).toBe('lock');
    const swr = withStampedeTool(lock, 'swr');
    expect(stampedeTool(swr)).toBe('swr');
    expect(swr.stampede.lock).toBeNull();
    expect(stampedeTool(withStampedeTool(swr, 'none'))).toBe('none');
  });

  it('summarises how a lane differs from lane A', () => {
    const lfu = {
      ...DEFAULT_SCENARIO,
      cache: { ...DEFAULT_SCENARIO.cache, policy: 'allkeys-lfu' as const },
    };
    expect(laneSummary(lfu, DEFAULT_SCENARIO)).toBe('allkeys-lfu');
    expect(laneSummary(DEFAULT_SCENARIO, DEFAULT_SCENARIO)).toContain('allkeys-lru');
  });

  it('tells a version-checked write-through lane from a plain one', () => {
    const plain = {
      ...DEFAULT_SCENARIO,
      pattern: { ...DEFAULT_SCENARIO.pattern, write: 'write-through' as const },
    };
    const versioned = {
      ...plain,
      pattern: { ...plain.pattern, writeThrough: { versioned: true } },
    };
    expect(laneSummary(versioned, plain)).toBe('write-through, version-checked SET');
    expect(laneSummary(plain, versioned)).toBe('write-through');
    expect(laneSummary(plain, plain)).toContain('· write-through ·');
  });

  it('marks the best and worst lane only on rows that differ', () => {
    const rows = totalsTable([
      totals({ hitRatio: 0.5, dbReads: 1000 }),
      totals({ hitRatio: 0.6, dbReads: 800 }),
      totals({ hitRatio: 0.55, dbReads: 1000 }),
    ]);
    const hit = rows.find((r) => r.id === 'hit-ratio');
    expect(hit).toMatchObject({ differs: true, best: [1], worst: [0] });
    const db = rows.find((r) => r.id === 'db-reads');
    expect(db).toMatchObject({ differs: true, best: [1], worst: [0, 2] });
    const errors = rows.find((r) => r.id === 'errors');
    expect(errors).toMatchObject({ differs: false, best: [], worst: [] });
  });

  it('compares refused SETs, the DB queue peak and time saturated, lower being better', () => {
    const rows = totalsTable([
      totals({ oomErrors: 41_410, dbQueuePeak: 20 }),
      totals({ oomErrors: 0, dbQueuePeak: 10 }),
      totals({ oomErrors: 0, dbQueuePeak: 61_234, dbSaturatedMs: 50_000 }),
    ]);
    const row = (id: string) => rows.find((r) => r.id === id);
    expect(row('oom-errors')).toMatchObject({
      label: 'Refused SETs (OOM)',
      values: [41_410, 0, 0],
      // Lane C refused nothing too, but its DB fell behind: see the next test.
      best: [1],
      worst: [0],
    });
    expect(row('db-queue-peak')).toMatchObject({ label: 'Peak DB queue', best: [1], worst: [2] });
    expect(row('db-saturated')).toMatchObject({
      label: 'Time DB saturated',
      format: 'ms',
      best: [0, 1],
      worst: [2],
    });
  });

  it('never marks a lane whose DB fell behind best on a count it kept low by not finishing', () => {
    // Lane A's DB could not keep up: it finished fewer DB reads and evicted less.
    const rows = totalsTable([
      totals({ dbReads: 1_444, evictions: 276, hitRatio: 0.44, dbSaturatedMs: 15_000 }),
      totals({ dbReads: 6_735, evictions: 6_086, hitRatio: 0.53 }),
      totals({ dbReads: 10_395, evictions: 0, hitRatio: 0.27 }),
    ]);
    const row = (id: string) => rows.find((r) => r.id === id);
    expect(row('db-reads')).toMatchObject({ best: [1], worst: [2] });
    expect(row('evictions')).toMatchObject({ best: [2], worst: [1] });
    expect(row('hit-ratio')).toMatchObject({ best: [1], worst: [2] });
    // Every lane fell behind: no best at all on such a row.
    const all = totalsTable([
      totals({ dbReads: 100, dbSaturatedMs: 1000 }),
      totals({ dbReads: 200, dbSaturatedMs: 2000 }),
    ]);
    expect(all.find((r) => r.id === 'db-reads')).toMatchObject({ best: [], worst: [1] });
    // The only lane that kept up did worst: it is not "best" by default.
    const one = totalsTable([
      totals({ oomErrors: 0, dbSaturatedMs: 1000 }),
      totals({ oomErrors: 500 }),
    ]);
    expect(one.find((r) => r.id === 'oom-errors')).toMatchObject({ best: [], worst: [1] });
  });
});
