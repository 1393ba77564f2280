import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, type Scenario } from '../../sim/scenario/scenario-schema';
import { decodeScenarioParams } from '../../sim/scenario/url-codec';
import {
  metricWindow,
  runTotals as totals,
  saturatedTotals,
  unfinishedAtEnd,
} from '../../ui/metric-fixtures';
import {
  compareHref,
  comparisons,
  decodeCompare,
  diffScenario,
  encodeCompare,
  laneScenarios,
  playgroundHref,
  removePatchValue,
  setPatchValue,
  type CompareSetup,
} from './compare-model';
import {
  BIG_COMPARE_REQUESTS,
  expectedRequests,
  laneSeeds,
  laneStat,
  rankLanes,
  resultsTable,
  runMetrics,
  type RunMetrics,
} from './compare-stats';
import { runToEnd } from './run-lane';
import { describeOverrides, faultsText, parseFaultsText } from './scenario-fields';

const search = (setup: CompareSetup) => encodeCompare(setup);

describe('compare setup: a shared scenario and per-lane overrides', () => {
  it('round-trips every ready-made comparison through the URL', () => {
    for (const c of comparisons()) {
      const decoded = decodeCompare(search(c.setup));
      expect(decoded.notices).toEqual([]);
      expect(decoded.setup.base).toEqual(c.setup.base);
      expect(decoded.setup.lanes).toEqual(c.setup.lanes);
      expect(laneScenarios(decoded.setup)).toEqual(laneScenarios(c.setup));
    }
  });

  it('lets a lane override any field, and keeps the rest following the shared scenario', () => {
    const setup: CompareSetup = {
      base: DEFAULT_SCENARIO,
      presetId: null,
      lanes: [
        {},
        {
          workload: { requestsPerSec: 3000, popularity: { kind: 'zipf', alpha: 1.2 } },
          db: { maxConcurrent: 500, readLatencyMs: 5 },
          app: { instances: 4 },
          stampede: { coalescing: true },
          faults: [{ atMs: 30_000, kind: 'cache-down', forMs: 5_000 }],
        },
      ],
    };
    const [a, b] = laneScenarios(decodeCompare(search(setup)).setup);
    expect(a).toEqual(DEFAULT_SCENARIO);
    expect(b?.workload.requestsPerSec).toBe(3000);
    expect(b?.workload.popularity).toEqual({ kind: 'zipf', alpha: 1.2 });
    expect(b?.db).toMatchObject({ maxConcurrent: 500, readLatencyMs: 5, writeLatencyMs: 20 });
    expect(b?.app.instances).toBe(4);
    expect(b?.faults).toHaveLength(1);
    // A change to the shared scenario reaches lane B where it does not override, not where it does.
    const shared = {
      ...setup,
      base: {
        ...DEFAULT_SCENARIO,
        cache: { ...DEFAULT_SCENARIO.cache, ttlMs: 5000 },
        db: { ...DEFAULT_SCENARIO.db, maxConcurrent: 7 },
      },
    };
    const [, b2] = laneScenarios(shared);
    expect(b2?.cache.ttlMs).toBe(5000);
    expect(b2?.db.maxConcurrent).toBe(500);
  });

  it('names the lane and the field of every problem in a link, and keeps the rest', () => {
    const lanes = [
      '{}',
      JSON.stringify({ db: { maxConcurrent: 0 }, cache: { policy: 'allkeys-lfu' } }),
      'not json',
      JSON.stringify({ seed: 9, cache: { jitterPct: 0 } }),
    ];
    const params = new URLSearchParams();
    params.set('base', 'pool=80');
    for (const l of lanes) params.append('lane', l);
    const d = decodeCompare(params.toString());
    expect(d.notices).toEqual([
      expect.stringMatching(/^Lane B: db\.maxConcurrent must be .*; the shared value is used\.$/),
      'Lane C: the lane is not valid JSON; it uses the shared scenario.',
      'Lane D: seed is shared by all lanes (set it in the shared scenario); ignored.',
    ]);
    expect(d.setup.lanes).toEqual([
      {},
      { cache: { policy: 'allkeys-lfu' } },
      {},
      { cache: { jitterPct: 0 } },
    ]);
    expect(laneScenarios(d.setup)[1]?.db.maxConcurrent).toBe(80);
    const badBase = decodeCompare('base=pool%3Dlots&lane=%7B%7D&lane=%7B%7D');
    expect(badBase.notices[0]).toMatch(/^Shared scenario: pool \(db\.maxConcurrent\)/);
  });

  it('falls back to the default comparison, with a notice, when a link has fewer than two lanes', () => {
    const one = decodeCompare('base=&lane=%7B%7D');
    expect(one.setup.lanes.length).toBeGreaterThanOrEqual(2);
    expect(one.notices.join(' ')).toMatch(/at least two lanes/);
  });

  it('still opens links whose lanes are whole scenarios: lane A becomes the shared scenario', () => {
    const d = decodeCompare('lane=policy%3Dfifo%26seed%3D7&lane=pool%3D5%26seed%3D99');
    expect(d.setup.base.cache.policy).toBe('fifo');
    expect(d.setup.base.seed).toBe(7);
    expect(d.setup.lanes).toEqual([
      {},
      { cache: { policy: 'allkeys-lru' }, db: { maxConcurrent: 5 } },
    ]);
  });

  it('builds the Playground\'s "compare this with" link: the scenario, and it with a variant', () => {
    const d = decodeCompare(compareHref(DEFAULT_SCENARIO).slice('#/compare?'.length));
    expect(laneScenarios(d.setup).map((s) => s.cache.policy)).toEqual([
      'allkeys-lru',
      'allkeys-lfu',
    ]);
    const custom = decodeCompare(
      compareHref(DEFAULT_SCENARIO, { cache: { jitterPct: 0 } }).slice(10),
    );
    expect(laneScenarios(custom.setup)[1]?.cache.jitterPct).toBe(0);
  });

  it("opens exactly the lane's scenario in the Playground", () => {
    for (const c of comparisons()) {
      for (const lane of laneScenarios(c.setup)) {
        const href = playgroundHref(lane, c.setup.presetId);
        const decoded = decodeScenarioParams(href.slice('#/playground?'.length));
        expect(decoded.notices).toEqual([]);
        expect(decoded.scenario).toEqual(lane);
      }
    }
  });

  it("describes a lane by the fields it overrides, in the editor's words", () => {
    const patch = {
      db: { maxConcurrent: 500 },
      stampede: { lock: {} },
      cache: { ttlMs: null },
      workload: { keyClasses: [] },
    };
    const lane = laneScenarios({ base: DEFAULT_SCENARIO, presetId: null, lanes: [patch] })[0];
    if (!lane) throw new Error('no lane');
    expect(describeOverrides(patch, lane)).toBe(
      'TTL: never expire · DB pool size: 500 connections · Rebuild lock: on · workload.keyClasses = []',
    );
    expect(describeOverrides({}, DEFAULT_SCENARIO)).toBe('The shared scenario, unchanged.');
  });

  it("reads and writes a lane's fault schedule in the share-link syntax", () => {
    const parsed = parseFaultsText('cache-down_30000_10000,pause-app_5000_1000_0_3');
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.faults.map((f) => [f.kind, f.atMs, f.instance])).toEqual([
      ['cache-down', 30_000, 0],
      ['pause-app', 5000, 3],
    ]);
    expect(faultsText({ ...DEFAULT_SCENARIO, faults: parsed.faults })).toBe(
      'cache-down_30000_10000,pause-app_5000_1000__3',
    );
    const bad = parseFaultsText('cache-down_oops');
    expect('error' in bad ? bad.error : '').toMatch(
      /^Fault schedule must be a list like cache-down_30000_10000 .*\.$/,
    );
  });

  it('edits patches by path and diffs scenarios into patches', () => {
    const p = setPatchValue({ cache: { ttlMs: 5 } }, ['db', 'maxConcurrent'], 9);
    expect(p).toEqual({ cache: { ttlMs: 5 }, db: { maxConcurrent: 9 } });
    expect(removePatchValue(p, ['cache', 'ttlMs'])).toEqual({ db: { maxConcurrent: 9 } });
    const lfuRedis: Scenario = {
      ...DEFAULT_SCENARIO,
      cache: {
        ...DEFAULT_SCENARIO.cache,
        eviction: { mode: 'redis', samples: 5, lfuLogFactor: 10, lfuDecayTimeMs: 60_000 },
      },
      stampede: {
        ...DEFAULT_SCENARIO.stampede,
        lock: { ttlMs: 1, retryMs: 2, safeRelease: true, maxWaitMs: 5, fallback: 'db' },
      },
    };
    const diff = diffScenario(DEFAULT_SCENARIO, lfuRedis);
    expect(diff).toEqual({
      cache: { eviction: lfuRedis.cache.eviction },
      stampede: { lock: lfuRedis.stampede.lock },
    });
  });
});

describe('results: mean and range over seeds, best and worst only beyond noise', () => {
  it('runs each lane on the shared seed and the next two', () => {
    expect(laneSeeds(42)).toEqual([42, 43, 44]);
    expect(laneSeeds(4294967295)).toEqual([4294967295, 0, 1]);
  });

  it('tells LRU 58.6% from LFU 61.7%, but not a 0.5 ms p99 difference inside the seed spread', () => {
    const lru = laneStat([0.584, 0.586, 0.588]);
    const lfu = laneStat([0.615, 0.617, 0.619]);
    expect(lru.mean).toBeCloseTo(0.586);
    expect(rankLanes([lru, lfu], 'higher')).toEqual({ best: [1], worst: [0], verdict: 'differs' });
    // p99 24.1 vs 24.6 ms: each lane's seeds spread by 0.5 ms, so the ranges overlap.
    const p99 = rankLanes([laneStat([24.1, 23.6, 24.1]), laneStat([24.6, 24.1, 24.6])], 'lower');
    expect(p99).toEqual({ best: [], worst: [], verdict: 'noise' });
  });

  it('marks only lanes clear of the others: a lane overlapping both neighbours is neither', () => {
    const a = laneStat([10, 11, 12]);
    const b = laneStat([11.5, 13, 14]);
    const c = laneStat([13.5, 15, 16]);
    expect(rankLanes([a, b, c], 'lower')).toEqual({ best: [0], worst: [2], verdict: 'differs' });
    // Two lanes tied at the top, one clearly behind.
    expect(rankLanes([a, laneStat([10.5, 11, 12.5]), c], 'higher')).toEqual({
      best: [2],
      worst: [0, 1],
      verdict: 'differs',
    });
    expect(rankLanes([laneStat([0, 0, 0]), laneStat([0, 0, 0])], 'lower').verdict).toBe('same');
  });

  it('never calls a lane best on a lower bound it could lose at its upper end', () => {
    const exact = laneStat([118, 120, 122]);
    // Lane A's p99 is at least 50 s on every seed, with no upper bound: worse than B for sure.
    const saturated = laneStat([49_300, 50_300, 50_300], [Infinity, Infinity, Infinity]);
    expect(saturated.atLeast).toEqual([true, true, true]);
    expect(saturated.upper).toBe(Infinity);
    expect(rankLanes([saturated, exact], 'lower')).toEqual({
      best: [1],
      worst: [0],
      verdict: 'differs',
    });
    // At least 100 ms against an exact 200 ms: A may end up better or worse; neither is marked.
    const low = laneStat([100, 100, 100], [Infinity, Infinity, Infinity]);
    const slow = laneStat([200, 200, 200]);
    expect(rankLanes([low, slow], 'lower')).toEqual({ best: [], worst: [], verdict: 'bound' });
    // The bound counts only at the upper end: 100 ms that could be at most 150 ms still wins.
    const pinned = laneStat([100, 100, 100], [150, 100, 100]);
    expect(pinned.atLeast).toEqual([true, false, false]);
    expect(rankLanes([pinned, slow], 'lower')).toEqual({
      best: [0],
      worst: [1],
      verdict: 'differs',
    });
    // ...but not if its upper end reaches into the other lane's range.
    const loose = laneStat([100, 100, 100], [100, 210, 100]);
    expect(rankLanes([loose, slow], 'lower').verdict).toBe('bound');
    // Equal values are not "no difference" when one of them is only a lower bound.
    expect(rankLanes([laneStat([200, 200, 200], [300, 300, 300]), slow], 'lower').verdict).toBe(
      'bound',
    );
  });

  it('the p99 rows count unfinished requests, and mark the bound of a run that left a tail', () => {
    const timing = { durationMs: 20_000, warmupMs: 0, windowMs: 1000 };
    const calm = runMetrics(totals(), [metricWindow(0)], timing);
    const queued = runMetrics(
      saturatedTotals(),
      [
        metricWindow(0, {
          latencyMs: { p50: 1, p95: 1, p99: 22_000, max: 1, mean: 1 },
        }),
      ],
      timing,
    );
    const rows = resultsTable([[queued], [calm]]);
    const p99 = rows.find((r) => r.id === 'p99');
    // Not the finished requests' 21 s: 39.5 s counting the unfinished, and only a lower bound.
    expect(p99?.lanes[0]).toMatchObject({ mean: 39_500, atLeast: [true], upper: Infinity });
    expect(p99?.lanes[1]).toMatchObject({ mean: 60, atLeast: [false], upper: 60 });
    expect(p99).toMatchObject({ best: [1], worst: [0], verdict: 'differs' });
    const worstWindow = rows.find((r) => r.id === 'p99-worst-window');
    expect(worstWindow?.lanes[0]).toMatchObject({ mean: 22_000, atLeast: [true] });
    expect(worstWindow).toMatchObject({ best: [1], worst: [0] });
    // A lane whose lower bound is the lowest figure is not best: nothing is marked.
    const fastButUnfinished = runMetrics(
      saturatedTotals({
        latencyMs: { p50: 1, p95: 5, p99: 10, max: 20, mean: 2 },
        ...unfinishedAtEnd(5_000, { p99: 30, max: 40 }, null),
      }),
      [],
      timing,
    );
    expect(resultsTable([[fastButUnfinished], [calm]]).find((r) => r.id === 'p99')).toMatchObject({
      best: [],
      worst: [],
      verdict: 'bound',
    });
  });

  it('estimates the requests a run simulates, spikes included, to warn before a big comparison', () => {
    expect(expectedRequests(DEFAULT_SCENARIO)).toBe(60_000);
    const spiky: Scenario = {
      ...DEFAULT_SCENARIO,
      faults: [
        { atMs: 55_000, kind: 'traffic-spike', forMs: 10_000, factor: 0, key: 0, instance: 0 },
      ],
    };
    // Default factor 3, cut at the run's end after 5 s: 2 x 1,000/s x 5 s more.
    expect(expectedRequests(spiky)).toBe(70_000);
    const huge = {
      ...DEFAULT_SCENARIO,
      workload: { ...DEFAULT_SCENARIO.workload, requestsPerSec: 1e7 },
    };
    expect(expectedRequests(huge)).toBeGreaterThan(BIG_COMPARE_REQUESTS);
  });

  it('folds a run into mean and peak DB reads/s and the worst window p99, after warm-up only', () => {
    const windows = [
      metricWindow(0, { dbReads: 5000, latencyMs: { p50: 1, p95: 1, p99: 900, max: 1, mean: 1 } }),
      metricWindow(1000, { dbReads: 300 }),
      metricWindow(2000, {
        dbReads: 1000,
        latencyMs: { p50: 1, p95: 1, p99: 120, max: 1, mean: 1 },
      }),
      // The last window is only 500 ms long: 200 reads in it are 400/s.
      metricWindow(3000, { dbReads: 200 }),
    ];
    const m = runMetrics(totals({ dbReads: 1500 }), windows, {
      durationMs: 3500,
      warmupMs: 1000,
      windowMs: 1000,
    });
    expect(m.dbReadsPerSec).toBe(600);
    expect(m.peakDbReadsPerSec).toBe(1000);
    expect(m.worstWindowP99Ms).toBe(120);
  });

  it('never lets a lane whose DB fell behind win a lower-is-better count', () => {
    const run = (over: Parameters<typeof totals>[0]): RunMetrics =>
      runMetrics(totals(over), [], { durationMs: 20_000, warmupMs: 0, windowMs: 1000 });
    const rows = resultsTable([
      [
        run({ dbReads: 1_444, dbSaturatedMs: 15_000, hitRatio: 0.44 }),
        run({ dbReads: 1_450, dbSaturatedMs: 14_000, hitRatio: 0.45 }),
      ],
      [run({ dbReads: 6_735, hitRatio: 0.53 }), run({ dbReads: 6_700, hitRatio: 0.54 })],
    ]);
    const row = (id: string) => rows.find((r) => r.id === id);
    // Lane A's reads are low because its DB did not finish them: neither lane is marked.
    expect(row('db-reads-rate')).toMatchObject({ best: [], worst: [], verdict: 'unfair' });
    expect(row('hit-ratio')).toMatchObject({ best: [1], worst: [0] });
    expect(row('db-saturated')).toMatchObject({ best: [1], worst: [0] });
    expect(row('errors')).toMatchObject({ verdict: 'same', best: [], worst: [] });
  });
});

// Real engine runs: 15 of them, a few seconds on a busy machine.
describe('ready-made comparisons, run on the engine over three seeds', { timeout: 60_000 }, () => {
  const table = (id: string) => {
    const c = comparisons().find((x) => x.id === id);
    if (!c) throw new Error(id);
    const metrics = laneScenarios(c.setup).map((s) =>
      laneSeeds(s.seed).map((seed) => {
        const r = runToEnd({ ...s, seed });
        return runMetrics(r.totals, r.windows, s);
      }),
    );
    return resultsTable(metrics);
  };

  it('jitter shows as peak DB reads/s (about 1,000/s without, about 300/s with), not as p99', () => {
    const rows = table('jitter');
    const peak = rows.find((r) => r.id === 'db-reads-peak');
    expect(peak).toMatchObject({ verdict: 'differs', best: [1], worst: [0] });
    expect(peak?.lanes[0]?.mean).toBeGreaterThan(900);
    expect(peak?.lanes[1]?.mean).toBeLessThan(400);
    expect(rows.find((r) => r.id === 'p99')?.verdict).toBe('noise');
  });

  it('DB pool 5 vs 50: the small pool leaves most requests waiting; its p99 is a lower bound, and worst', () => {
    const rows = table('pool');
    const p99 = rows.find((r) => r.id === 'p99');
    expect(p99).toMatchObject({ verdict: 'differs', best: [1], worst: [0] });
    // About 60% of lane A's requests are still queued at the end: ~50 s at least.
    expect(p99?.lanes[0]?.atLeast).toEqual([true, true, true]);
    expect(p99?.lanes[0]?.upper).toBe(Infinity);
    expect(p99?.lanes[0]?.min).toBeGreaterThan(40_000);
    expect(p99?.lanes[1]?.atLeast).toEqual([false, false, false]);
    expect(p99?.lanes[1]?.max).toBeLessThan(200);
  });

  it('LRU vs LFU with a DB that keeps up: LFU has the better hit ratio beyond noise', () => {
    const rows = table('eviction');
    const hit = rows.find((r) => r.id === 'hit-ratio');
    expect(hit?.best).toEqual([1]);
    expect(rows.find((r) => r.id === 'db-saturated')?.verdict).toBe('same');
  });
});
