import { beforeEach, describe, expect, it } from 'vitest';
import type { EngineView, MetricWindow } from '../sim/engine/engine-types';
import { DEFAULT_SCENARIO, type Scenario } from '../sim/scenario/scenario-schema';
import { metricWindow, runTotals } from '../ui/metric-fixtures';
import type { TickFrame, WorkerCommand } from '../worker/engine-protocol';
import { useAppStore } from './app-store';

const TOTALS = runTotals();
const VIEW: EngineView = {
  tMs: 0,
  cacheState: 'up',
  cacheKeys: 0,
  cacheBytes: 0,
  capacityKeys: 1000,
  capacityBytes: null,
  dbInFlight: 0,
  dbQueue: 0,
  dbMaxConcurrent: 50,
  appInstances: [{ id: 0, paused: false, inFlight: 0 }],
  writeBehindBuffer: 0,
};

function win(tMs: number): MetricWindow {
  return metricWindow(tMs, { reads: 10, hits: 5, misses: 5, hitRatio: 0.5 });
}

function frame(over: Partial<TickFrame> = {}): TickFrame {
  return {
    tMs: 0,
    durationMs: 60_000,
    status: 'paused',
    speed: 1,
    achievedSpeed: 0,
    windows: [],
    replace: false,
    totals: TOTALS,
    view: VIEW,
    markers: [],
    scenario: DEFAULT_SCENARIO,
    scenarioSeq: 0,
    commandSeq: 0,
    theory: [],
    marks: [],
    marksAvailable: true,
    progress: null,
    ...over,
  };
}

const sent: WorkerCommand[] = [];
const actions = () => useAppStore.getState().playgroundActions;
const pg = () => useAppStore.getState().playground;

beforeEach(() => {
  sent.length = 0;
  actions().disconnect();
  actions().loadFromSearch('');
  actions().connect({ send: (c) => sent.push(c) });
});

describe('playground slice', () => {
  it('connects by loading the current scenario, speed and animation setting', () => {
    expect(sent.map((c) => c.type)).toEqual(['load', 'speed', 'animate']);
  });

  it('reading a URL the store already holds keeps its state, so nothing re-renders', () => {
    const before = pg();
    sent.length = 0;
    actions().loadFromSearch('');
    expect(pg()).toBe(before);
    // The worker still starts the run afresh.
    expect(sent.map((c) => c.type)).toEqual(['load']);
    actions().loadFromSearch('ttl=5000');
    expect(pg()).not.toBe(before);
    expect(pg().scenario).not.toBe(before.scenario);
    expect(pg().points).toBe(before.points);
  });

  it('a hostile URL gives a valid scenario and a notice per bad parameter', () => {
    actions().loadFromSearch('ttl=-5&policy=<script>&capacity=1e999');
    const s = pg();
    expect(s.scenario.cache.ttlMs).toBe(DEFAULT_SCENARIO.cache.ttlMs);
    expect(s.scenario.cache.policy).toBe('allkeys-lru');
    expect(s.notices.map((n) => n.text.split(' ')[0])).toEqual(['capacity', 'policy', 'ttl']);
    expect(sent.at(-1)).toMatchObject({ type: 'load' });
    actions().dismissNotice(s.notices[0]?.id ?? '');
    expect(pg().notices).toHaveLength(2);
  });

  it('loads a preset by URL and writes only differences back', () => {
    actions().loadFromSearch('preset=hot-key-stampede&ttl=5000');
    expect(pg().presetId).toBe('hot-key-stampede');
    expect(pg().scenario.cache.ttlMs).toBe(5000);
    expect(actions().searchString()).toBe('preset=hot-key-stampede&ttl=5000');
  });

  it('applies a valid knob at once and sends it; rejects an invalid one without change', () => {
    expect(actions().applyKnob({ cache: { ttlMs: 1000 } })).toBeNull();
    expect(pg().scenario.cache.ttlMs).toBe(1000);
    expect(sent.at(-1)).toMatchObject({ type: 'knob', patch: { cache: { ttlMs: 1000 } } });
    const count = sent.length;
    expect(actions().applyKnob({ cache: { jitterPct: 500 } })).toContain('cache.jitterPct');
    expect(pg().scenario.cache.jitterPct).toBe(DEFAULT_SCENARIO.cache.jitterPct);
    expect(sent).toHaveLength(count);
  });

  it('ignores the scenario of frames older than the latest change (no flicker back)', () => {
    actions().applyKnob({ cache: { ttlMs: 1000 } });
    const knob = sent.at(-1);
    const seq = knob?.type === 'knob' ? (knob.seq ?? 0) : 0;
    actions().receive({ type: 'frame', frame: frame({ scenarioSeq: seq - 1 }) });
    expect(pg().scenario.cache.ttlMs).toBe(1000);
    const seeked: Scenario = {
      ...DEFAULT_SCENARIO,
      cache: { ...DEFAULT_SCENARIO.cache, ttlMs: 2000 },
    };
    actions().receive({ type: 'frame', frame: frame({ scenarioSeq: seq, scenario: seeked }) });
    expect(pg().scenario.cache.ttlMs).toBe(2000);
  });

  it('a frame from before a new scenario was loaded does not bring back the old duration', () => {
    actions().loadFromSearch('dur=3600000');
    const load = sent.at(-1);
    const seq = load?.type === 'load' ? (load.seq ?? 0) : 0;
    actions().receive({
      type: 'frame',
      frame: frame({ scenarioSeq: seq - 1, durationMs: 60_000 }),
    });
    expect(pg().durationMs).toBe(3_600_000);
    actions().seek(pg().durationMs);
    expect(sent.at(-1)).toMatchObject({ type: 'seek', tMs: 3_600_000 });
  });

  it('appends windows as chart points and replaces them after a seek', () => {
    actions().receive({ type: 'frame', frame: frame({ windows: [win(0), win(1000)], tMs: 2000 }) });
    actions().receive({ type: 'frame', frame: frame({ windows: [win(2000)], tMs: 3000 }) });
    expect(pg().points.map((p) => p.tMs)).toEqual([0, 1000, 2000]);
    expect(pg().lastWindow?.tMs).toBe(2000);
    actions().receive({
      type: 'frame',
      frame: frame({ windows: [win(0)], replace: true, tMs: 1000 }),
    });
    expect(pg().points.map((p) => p.tMs)).toEqual([0]);
  });

  it('keeps marks batches apart by sequence number', () => {
    const mark = { requestId: 1, outcome: 'hit' as const, hops: ['client', 'app:0', 'cache'] };
    actions().receive({ type: 'frame', frame: frame({ marks: [mark] }) });
    const first = pg().marks.seq;
    actions().receive({ type: 'frame', frame: frame() });
    expect(pg().marks.seq).toBe(first);
    actions().receive({ type: 'frame', frame: frame({ marks: [mark] }) });
    expect(pg().marks.seq).toBe(first + 1);
  });

  it('imports a valid scenario file and refuses a bad one, changing nothing', () => {
    expect(actions().importScenario('{not json')?.[0]).toContain('not valid JSON');
    expect(actions().importScenario('{"cache":{"ttlMs":-1}}')?.[0]).toContain('cache.ttlMs');
    expect(actions().importScenario('{"surprise":1}')?.[0]).toContain('surprise');
    expect(pg().scenario).toEqual(DEFAULT_SCENARIO);
    expect(
      actions().importScenario(JSON.stringify({ seed: 7, cache: { ttlMs: 1234 } })),
    ).toBeNull();
    expect(pg().scenario.seed).toBe(7);
    expect(pg().scenario.cache.ttlMs).toBe(1234);
    expect(pg().presetId).toBeNull();
  });

  it('keeps the finished run for the summary and clears it on reset', () => {
    actions().receive({
      type: 'done',
      totals: TOTALS,
      windows: [win(0)],
      markers: [],
      scenario: DEFAULT_SCENARIO,
    });
    expect(pg().finished?.windows).toHaveLength(1);
    actions().reset();
    expect(pg().finished).toBeNull();
    expect(sent.at(-1)).toMatchObject({ type: 'reset' });
  });

  it('answers a series request when the worker replies', async () => {
    const pending = actions().requestSeries();
    const req = sent.at(-1);
    expect(req?.type).toBe('series');
    actions().receive({
      type: 'series',
      requestId: req?.type === 'series' ? req.requestId : -1,
      windows: [win(0)],
      markers: [],
    });
    await expect(pending).resolves.toMatchObject({ windows: [{ tMs: 0 }] });
  });

  it('clamps speeds into the supported range', () => {
    actions().setSpeed(1e9);
    expect(pg().speed).toBe(10_000);
    expect(sent.at(-1)).toEqual({ type: 'speed', speed: 10_000 });
  });
});

describe('the recorded run', () => {
  const withChange = (atMs: number): Scenario => ({
    ...DEFAULT_SCENARIO,
    changes: [{ atMs, patch: { cache: { ttlMs: 1000 } } }],
  });

  it('links carry the run as the worker recorded it, changes included', () => {
    actions().applyKnob({ cache: { ttlMs: 1000 } });
    const knob = sent.at(-1);
    const seq = knob?.type === 'knob' ? (knob.seq ?? 0) : 0;
    actions().receive({ type: 'recorded', scenario: withChange(2000), seq });
    expect(pg().recorded.changes).toHaveLength(1);
    expect(new URLSearchParams(actions().searchString()).get('changes')).toBe(
      '[{"atMs":2000,"patch":{"cache":{"ttlMs":1000}}}]',
    );
    // A report older than the latest run-changing command is not this run.
    actions().reset();
    actions().receive({ type: 'recorded', scenario: withChange(3000), seq });
    expect(pg().recorded.changes).toEqual([]);
    expect(pg().recorded.cache.ttlMs).toBe(1000);
  });
});

describe('playground slice: trace replay', () => {
  const keys = Int32Array.from([0, 1, 0, 2, 1, 0]);

  it('loads the replay and sends a transferred copy of the keys with each load', () => {
    const transfers: Transferable[][] = [];
    actions().connect({
      send: (c, t) => {
        sent.push(c);
        transfers.push(t ?? []);
      },
    });
    sent.length = 0;
    expect(actions().replayTrace('tiny.txt', keys, 3)).toBeNull();
    const load = sent.find((c) => c.type === 'load');
    expect(load?.type === 'load' ? load.scenario.workload.popularity : null).toEqual({
      kind: 'trace',
      name: 'tiny.txt',
      requests: 6,
      uniqueKeys: 3,
    });
    const traceKeys = load?.type === 'load' ? load.traceKeys : undefined;
    expect([...(traceKeys ?? [])]).toEqual([...keys]);
    expect(traceKeys).not.toBe(keys);
    expect(transfers.at(-1)).toEqual([traceKeys?.buffer]);
    // Arriving at the Playground with the replay's own URL keeps the replay (and resends keys).
    sent.length = 0;
    actions().loadFromSearch(actions().searchString());
    expect(pg().scenario.workload.popularity.kind).toBe('trace');
    expect(sent.some((c) => c.type === 'load' && c.traceKeys !== undefined)).toBe(true);
  });

  it('a link to a replay whose keys are not here runs Zipf keys and says why', () => {
    actions().replayTrace('tiny.txt', keys, 3);
    const link = actions().searchString();
    expect(link).toContain('trace=tiny.txt');
    actions().loadFromSearch('pop=trace&trace=other.txt&tracereqs=9&tracekeys=4&keys=4');
    expect(pg().scenario.workload.popularity.kind).toBe('zipf');
    expect(pg().notices.map((n) => n.text)).toEqual([
      expect.stringContaining('the trace “other.txt”. Links never carry a trace’s keys') as unknown,
    ]);
  });

  it('refuses a trace the scenario cannot hold, changing nothing', () => {
    const before = pg().scenario;
    const problems = actions().replayTrace('huge.txt', keys, 20_000_000);
    expect(problems?.[0]).toMatch(/workload\.keys/);
    expect(pg().scenario).toBe(before);
  });
});
